from setuptools import setup

setup()  # every piece of metadata is in pyproject.toml
