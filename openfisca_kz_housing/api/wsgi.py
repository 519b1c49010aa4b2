"""WSGI entry point: ``gunicorn -c python:openfisca_kz_housing.api.gunicorn_conf openfisca_kz_housing.api.wsgi:app``."""

from openfisca_kz_housing.api import create_app

app = create_app()
