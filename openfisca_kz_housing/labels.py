"""Labels in English, Kazakh and Russian for variables (parameters: reforms.diff.describe_parameter).

English is OpenFisca's own ``label`` (variables) or ``metadata.label`` (parameters). Kazakh and Russian
live in ``variable_labels.yaml`` (variables) and in each parameter's ``metadata.label_kk`` /
``metadata.label_ru``.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

LANGUAGES = ("en", "kk", "ru")
VARIABLE_LABELS_PATH = Path(__file__).with_name("variable_labels.yaml")


@functools.cache
def variable_labels() -> dict[str, dict[str, str]]:
    with open(VARIABLE_LABELS_PATH, encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def variable_label(tax_benefit_system, name: str, language: str = "en") -> str:
    """The label of variable ``name`` in ``language`` (en, kk or ru)."""
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}: use one of {', '.join(LANGUAGES)}")
    if language == "en":
        return tax_benefit_system.variables[name].label
    return variable_labels()[name][language]
