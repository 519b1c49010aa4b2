"""The revision registry: which act of a legal instrument was in force on a given date.

The data live in ``revisions.yaml`` beside this file (one entry per act, with its dates and the basis of
its in-force date). This module only reads them; the parameter files carry the same dates, and
``tests/test_registry.py`` checks that both agree.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from openfisca_kz_housing import dates

REGISTRY_PATH = Path(__file__).with_name("revisions.yaml")
IN_FORCE_BASES = (
    "published",
    "estimated from registration",
    "estimated from adoption",
    "fixed by the act",
)
ACT_KINDS = ("original", "amendment", "repeal")


@dataclass(frozen=True)
class Act:
    """One act of an instrument's history (the original, an amendment or the repeal)."""

    instrument: str
    id: str
    kind: str
    number: str
    adopted: datetime.date
    in_force: datetime.date
    in_force_basis: str
    registered: datetime.date | None = None
    registration_number: str | None = None
    published: datetime.date | None = None
    adilet_id: str | None = None
    adilet_url: str | None = None
    adilet_note: str | None = None
    text_available: bool = False
    title: str | None = None
    changes: dict = field(default_factory=dict)
    in_force_note: str | None = None  # e.g. "the earliest possible date" for an estimate

    def as_dict(self) -> dict:
        """A JSON-ready description of the act (dates as ISO strings)."""
        out = {}
        for key, value in self.__dict__.items():
            out[key] = value.isoformat() if isinstance(value, datetime.date) else value
        return out


@dataclass(frozen=True)
class Instrument:
    """A legal instrument and its ordered acts."""

    key: str
    title: dict
    issuing_body: dict
    entry_into_force_rule: str
    parameters: str
    acts: tuple[Act, ...]
    before: str = ""
    after: str = ""
    titles: tuple = ()  # the title by period: ({"from", "act", "en", "kk", "ru", "note"}, ...) oldest first
    carried_rules: tuple = ()  # rules read from a later text and carried back: ({"rule", "from", "until", ...},)

    def title_on(self, date, lang: str = "en") -> str:
        """The instrument's title in force on ``date`` (the title changed with 23/2-VII in 2022)."""
        date = dates.parse_day(date)
        current = self.title
        for entry in self.titles:
            if dates.parse_day(entry["from"]) <= date:
                current = entry
        return current.get(lang) or current["en"]

    def carried_on(self, date) -> list[dict]:
        """The rules that, on ``date``, are read from a later text than the one in force."""
        date = dates.parse_day(date)
        return [
            rule
            for rule in self.carried_rules
            if dates.parse_day(rule["from"]) <= date <= dates.parse_day(rule["until"])
        ]

    @property
    def start(self) -> datetime.date:
        """The first day on which the instrument applies."""
        return self.acts[0].in_force

    @property
    def end(self) -> datetime.date | None:
        """The first day on which it no longer applies (the repeal's in-force date), if repealed."""
        repeal = [act for act in self.acts if act.kind == "repeal"]
        return repeal[0].in_force if repeal else None

    def act_on(self, date: datetime.date) -> Act | None:
        """The act whose text governed on ``date``, or None when the instrument was not in force."""
        date = dates.parse_day(date)
        current = None
        for act in self.acts:
            if act.in_force <= date:
                current = act
        if current is None or current.kind == "repeal":
            return None
        return current

    def next_change_after(self, date: datetime.date) -> Act | None:
        """The first act taking effect strictly after ``date``, if any."""
        date = dates.parse_day(date)
        for act in self.acts:
            if act.in_force > date:
                return act
        return None

    def act(self, act_id: str) -> Act:
        for act in self.acts:
            if act.id == act_id:
                return act
        raise KeyError(f"No act {act_id!r} in the registry of {self.key!r}")


@functools.cache
def load_registry(path: Path = REGISTRY_PATH) -> dict[str, Instrument]:
    """Read and validate the registry file; raise ValueError naming the faulty entry."""
    with open(path, encoding="utf-8") as stream:
        data = yaml.safe_load(stream)
    instruments = {}
    for key, spec in data["instruments"].items():
        acts = []
        for raw in spec["acts"]:
            if raw["kind"] not in ACT_KINDS:
                raise ValueError(f"{path}: act {raw['id']}: kind must be one of {ACT_KINDS}")
            if raw["in_force_basis"] not in IN_FORCE_BASES:
                raise ValueError(f"{path}: act {raw['id']}: in_force_basis must be one of {IN_FORCE_BASES}")
            acts.append(Act(instrument=key, **raw))
        if [a.in_force for a in acts] != sorted(a.in_force for a in acts):
            raise ValueError(f"{path}: the acts of {key} must be listed in in-force order")
        instruments[key] = Instrument(
            key=key,
            title=spec["title"],
            issuing_body=spec["issuing_body"],
            entry_into_force_rule=spec["entry_into_force_rule"],
            parameters=spec["parameters"],
            before=spec.get("before", ""),
            after=spec.get("after", ""),
            titles=tuple(spec.get("titles", ())),
            carried_rules=tuple(spec.get("carried_rules", ())),
            acts=tuple(acts),
        )
    return instruments


def instrument(key: str = "altai_housing_aid") -> Instrument:
    return load_registry()[key]


def act_in_force(date, key: str = "altai_housing_aid") -> Act | None:
    """The act in force on ``date`` (ISO string, date or Instant), or None outside the law's life."""
    return instrument(key).act_on(date)
