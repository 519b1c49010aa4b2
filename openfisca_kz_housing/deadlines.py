"""Procedure deadlines computed from an application date.

Housing aid, Altai district (decision 56/2-VI, Annex 1 as of 7/3-VIII):
  item 6   one application a quarter                          -> apply_again_from / apply_again_until
  item 9   decision within 8 working days of a complete file  -> decision_due
  item 10  first application: aid from the month of application -> first_month_of_aid, last_month_of_aid;
           a repeat application: its whole quarter (an interpretation, parameter
           procedure.repeat_application_covers_whole_quarter). The months covered are the model's rule
           (variables/application.py, ``covered_months``), read here, never restated.
  item 11  documents accepted until the 25th of the quarter's last month -> accepted_for_current_quarter
  repeal   12/4-VIII (in force 2024-03-16, an estimate and the earliest possible date) -> repealed_from:
           a note says when the decision is repealed before a deadline falls, and no "apply again" date
           falls on or after the repeal (apply_again_from is None when the next quarter starts after it)
Housing queue, Almaty (resolution 2/516, Regulation):
  item 10  the service takes at most 30 calendar days from the documents -> due_date
  item 17  the answer reaches the service centre one day before the term -> answer_at_service_centre_by

Working days are Kazakhstan's: Monday to Friday, less the public holidays and the days off moved by the
Government's yearly transfer decrees, plus the weekend days made working by them. The calendar comes
from the maintained ``holidays`` package (pinned in pyproject.toml; tests check 2019-2024 against the
official calendars).

Counting (the Civil Code's general rule on terms: a term defined by a period starts on the day after
the date that opens it; article number not verified here): the application day itself is never counted. The
project assumes the application date is the day the complete file is received (item 9 counts from the complete
file).

The human texts (``first_month_basis``, ``notes``) are in English by default and in Kazakh or Russian with
``lang="kk"`` / ``lang="ru"``; they live in ``deadlines_texts.yaml`` beside this file (one place to change a
text; the English is pinned by tests/test_deadlines_texts.py, other services read it).
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import asdict, dataclass, field
from pathlib import Path

import holidays
import yaml

from openfisca_kz_housing import dates, revisions, tax_benefit_system
from openfisca_kz_housing.parameter_paths import DECISION, QUEUE, walk
from openfisca_kz_housing.variables.application import REPEAT_WHOLE_QUARTER, covered_months

# The legal numbers are dated parameters (never constants here):
DECISION_WORKING_DAYS = f"{DECISION}.procedure.decision_working_days"  # item 9
INTAKE_DAY = f"{DECISION}.procedure.intake_cutoff_day"  # item 11
REPEAT_COVERS_QUARTER = f"{DECISION}.{REPEAT_WHOLE_QUARTER}"  # item 10 (an interpretation switch)
QUEUE_CALENDAR_DAYS = f"{QUEUE}.service_term_calendar_days"  # 2/516, item 10
# The calendar is trusted over this range: the holidays package knows Kazakhstan from 1991, and
# transfer decrees are published only for the coming year (later ones cannot be counted yet).
FIRST_YEAR, LAST_YEAR = 2000, 2099

# code -> {en, kk, ru}: str.format templates with named placeholders (read once, at import).
TEXTS: dict = yaml.safe_load(Path(__file__).with_name("deadlines_texts.yaml").read_text(encoding="utf-8"))
LANGUAGES = ("en", "kk", "ru")


class DeadlineError(ValueError):
    """Bad input for a deadline computation; the message names the field and the fix."""

    def __init__(self, field_name: str, message: str, reason: str = "format", value=None):
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message
        self.reason = reason  # "format", "range" (outside the calendar's years) or "unknown" (procedure)
        self.value = value


def parse_date(value, field_name: str = "date") -> datetime.date:
    """The application day, read by the one strict reader (``dates.parse_day``: YYYY-MM-DD) within the
    calendar's years; DeadlineError otherwise."""
    try:
        return dates.parse_day(value, field_name, first_year=FIRST_YEAR, last_year=LAST_YEAR)
    except dates.DateFormatError as error:
        raise DeadlineError(field_name, error.message, reason=error.reason, value=value) from None


def check_lang(lang: str) -> str:
    """``lang`` if it is one of LANGUAGES; DeadlineError otherwise."""
    if lang not in LANGUAGES:
        raise DeadlineError("lang", f"{lang!r} is unknown; use one of {', '.join(LANGUAGES)}", "unknown", lang)
    return lang


def text(code: str, lang: str = "en", **values) -> str:
    """The text ``code`` of deadlines_texts.yaml in ``lang``, its placeholders filled from ``values``."""
    return TEXTS[code][lang].format(**values)


def legal_value(instrument_key: str, path: str, date: datetime.date) -> int:
    """The parameter ``path`` of an instrument on ``date``; outside the instrument's life, the value of
    the text nearest to that date (the first act before it, the last one after the repeal), so that a
    deadline can always be shown beside the "not in force" flag."""
    instrument = revisions.instrument(instrument_key)
    day = max(date, instrument.start)
    if instrument.end is not None:
        day = min(day, instrument.end - datetime.timedelta(days=1))
    return int(walk(tax_benefit_system().parameters, path)(day.isoformat()))


# The calendar ------------------------------------------------------------------------------------


@functools.cache
def _calendar(year: int, language: str | None = None) -> holidays.HolidayBase:
    return holidays.country_holidays("KZ", years=year, language=language)


def is_working_day(date: datetime.date) -> bool:
    """True on a working day of Kazakhstan's five-day week (holidays and transfers counted)."""
    return _calendar(date.year).is_working_day(date)


def non_working_reason(date: datetime.date, lang: str = "en") -> str | None:
    """Why ``date`` is not a working day ("Saturday", a holiday's name), or None on a working day. The
    holidays package names holidays in English and Kazakh, not in Russian: in Russian, a holiday is said
    to be a holiday or a day off (``day_off``)."""
    if is_working_day(date):
        return None
    if lang == "en":
        name = _calendar(date.year).get(date)
        return name or date.strftime("%A")
    name = _calendar(date.year, "kk").get(date) if lang == "kk" else None
    if name:
        return name
    if not _calendar(date.year).get(date) and date.weekday() in (5, 6):
        return text("saturday" if date.weekday() == 5 else "sunday", lang)
    return text("day_off", lang)


def add_working_days(start: datetime.date, count: int) -> datetime.date:
    """The ``count``-th working day after ``start`` (``start`` itself is not counted: Civil Code rule on terms)."""
    day = start
    remaining = count
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def next_working_day(date: datetime.date) -> datetime.date:
    """``date`` itself if it is a working day, else the next working day (Civil Code rule: a term ending on a
    non-working day ends on the next working day; article number not verified here)."""
    while not is_working_day(date):
        date += datetime.timedelta(days=1)
    return date


def intake_cutoff(year: int, quarter: int) -> datetime.date:
    """The 25th day of the quarter's last month (item 11)."""
    last_month = datetime.date(year, 3 * quarter, 1)
    return last_month.replace(day=legal_value("altai_housing_aid", INTAKE_DAY, last_month))


def _month_of_index(index: int) -> str:
    """Months since 1970-01 (the model's month index) -> 'YYYY-MM'."""
    return f"{1970 + index // 12:04d}-{index % 12 + 1:02d}"


# Housing aid -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HousingAidDeadlines:
    """Deadlines of a housing-aid application (decision 56/2-VI, Annex 1, items 6, 9, 10, 11)."""

    procedure: str
    application_date: datetime.date
    first_application: bool
    in_force: bool
    act: str | None
    quarter_of_application: str
    intake_cutoff: datetime.date
    accepted_for_current_quarter: bool
    quarter_applied_for: str
    first_month_of_aid: str
    first_month_basis: str
    decision_due: datetime.date
    decision_working_days: int
    apply_again_from: datetime.date | None
    apply_again_until: datetime.date | None
    application_day_is_working_day: bool
    notes: list = field(default_factory=list)
    repealed_from: datetime.date | None = None  # the repeal's in-force date (an estimate), when repealed
    after_repeal: list = field(default_factory=list)  # the deadlines that fall on or after the repeal
    # The last month the application covers (the quarter's last month), as the model covers it.
    last_month_of_aid: str | None = None
    # The interpretation switch procedure.repeat_application_covers_whole_quarter on the date (item 10).
    repeat_covers_whole_quarter: bool | None = None

    def as_dict(self) -> dict:
        return _jsonable(asdict(self))


def housing_aid_deadlines(
    date, first_application: bool = True, include_cutoff_day: bool = True, lang: str = "en"
) -> HousingAidDeadlines:
    """Deadlines of a housing-aid application filed on ``date`` (ISO string or date); the texts
    (``first_month_basis``, ``notes``) in ``lang`` (en, kk or ru).

    ``include_cutoff_day``: item 11 accepts documents "until the 25th" of the quarter's last month
    (Kazakh «25-күніне дейін»); the project reads the 25th as included (see docs/housing-queue.md).
    Pass False for the strict reading (the 24th is the last day).
    """
    date = parse_date(date)
    lang = check_lang(lang)
    year, quarter = dates.quarter_of(date)
    cutoff = intake_cutoff(year, quarter)
    # The months covered: the model's one rule (variables/application.py, covered_months), not restated here.
    whole_quarter = bool(legal_value("altai_housing_aid", REPEAT_COVERS_QUARTER, date))
    first, last, late = covered_months(
        (date.year - 1970) * 12 + date.month - 1,
        date.day,
        not first_application,
        cutoff.day,
        whole_quarter,
        include_cutoff_day=include_cutoff_day,
    )
    accepted = not bool(late)
    target = (year, quarter) if accepted else dates.next_quarter(year, quarter)
    first_month, last_month = _month_of_index(int(first)), _month_of_index(int(last))

    if not accepted:
        basis = text("basis_late", lang)
    elif first_application:
        basis = text("basis_first", lang)
    elif whole_quarter:
        basis = text("basis_repeat_whole_quarter", lang)
    else:
        basis = text("basis_repeat_from_month", lang)

    again = dates.next_quarter(*target)
    act = revisions.act_in_force(date, "altai_housing_aid")
    working_days = legal_value("altai_housing_aid", DECISION_WORKING_DAYS, date)
    notes = [text("decision_due", lang, working_days=working_days)]
    if act is None:
        notes.insert(0, text("aid_not_in_force", lang))
    end = revisions.instrument("altai_housing_aid").end
    if end is not None and date >= end:  # the model's rule (variables/application.py): made under no decision
        notes.insert(1, text("filed_after_repeal", lang, end=end.isoformat()))
    if not accepted:
        notes.append(
            text(
                "late_file",
                lang,
                quarter=dates.quarter_label(year, quarter),
                cutoff=cutoff.isoformat(),
                bound=text("bound_inclusive" if include_cutoff_day else "bound_exclusive", lang),
                target=dates.quarter_label(*target),
            )
        )
    decision_due = add_working_days(date, working_days)
    again_from, again_until = dates.quarter_first_day(*again), intake_cutoff(*again)
    after_repeal = []
    if end is not None and act is not None:
        dated = {
            "intake_cutoff": cutoff,
            "decision_due": decision_due,
            "first_month_of_aid": datetime.date.fromisoformat(f"{first_month}-01"),
            "apply_again_from": again_from,
            "apply_again_until": again_until,
        }
        after_repeal = [name for name, day in dated.items() if day >= end]
        if after_repeal:
            falling = ", ".join(f"{name} ({dated[name].isoformat()})" for name in after_repeal)
            notes.append(text("repealed_before", lang, end=end.isoformat(), falling=falling))
        if again_from >= end:
            again_from = again_until = None
            notes.append(text("no_further_application", lang))
        elif again_until >= end:
            again_until = end - datetime.timedelta(days=1)
            notes.append(text("apply_until_repeal", lang, until=again_until.isoformat()))
    return HousingAidDeadlines(
        procedure="housing_aid",
        application_date=date,
        first_application=first_application,
        in_force=act is not None,
        act=act.id if act else None,
        quarter_of_application=dates.quarter_label(year, quarter),
        intake_cutoff=cutoff,
        accepted_for_current_quarter=accepted,
        quarter_applied_for=dates.quarter_label(*target),
        first_month_of_aid=first_month,
        first_month_basis=basis,
        decision_due=decision_due,
        decision_working_days=working_days,
        apply_again_from=again_from,
        apply_again_until=again_until,
        application_day_is_working_day=is_working_day(date),
        notes=notes,
        repealed_from=end,
        after_repeal=after_repeal,
        last_month_of_aid=last_month,
        repeat_covers_whole_quarter=whole_quarter,
    )


# Housing queue -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HousingQueueDeadlines:
    """Deadlines of an application to the Almaty housing queue (resolution 2/516, items 10 and 17)."""

    procedure: str
    application_date: datetime.date
    in_force: bool
    act: str | None
    due_date: datetime.date
    calendar_days: int
    due_date_is_working_day: bool
    due_date_moved_to_working_day: datetime.date
    answer_at_service_centre_by: datetime.date
    notes: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return _jsonable(asdict(self))


def housing_queue_deadlines(date, lang: str = "en") -> HousingQueueDeadlines:
    """Deadlines of an application to the Almaty housing queue filed on ``date``; the notes in ``lang``.

    Item 10: at most 30 calendar days from the documents' submission: ``due_date`` = date + 30 days.
    ``due_date_moved_to_working_day`` applies the Civil Code rule that a term ending on a non-working day
    ends on the next working day, shown beside the literal term, not in place of it.
    """
    date = parse_date(date)
    lang = check_lang(lang)
    calendar_days = legal_value("almaty_housing_queue", QUEUE_CALENDAR_DAYS, date)
    due = date + datetime.timedelta(days=calendar_days)
    act = revisions.act_in_force(date, "almaty_housing_queue")
    notes = [text("queue_term", lang, calendar_days=calendar_days)]
    if act is None:
        notes.insert(0, text("queue_not_in_force", lang))
    if not is_working_day(due):
        notes.append(text("queue_non_working_day", lang, reason=non_working_reason(due, lang)))
    return HousingQueueDeadlines(
        procedure="housing_queue",
        application_date=date,
        in_force=act is not None,
        act=act.id if act else None,
        due_date=due,
        calendar_days=calendar_days,
        due_date_is_working_day=is_working_day(due),
        due_date_moved_to_working_day=next_working_day(due),
        answer_at_service_centre_by=due - datetime.timedelta(days=1),
        notes=notes,
    )


PROCEDURES = ("housing_aid", "housing_queue")


def deadlines(date, procedure: str = "housing_aid", first_application: bool = True, lang: str = "en"):
    """Dispatch on ``procedure`` ("housing_aid" or "housing_queue"); the texts in ``lang``."""
    if procedure == "housing_aid":
        return housing_aid_deadlines(date, first_application=first_application, lang=lang)
    if procedure == "housing_queue":
        return housing_queue_deadlines(date, lang=lang)
    raise DeadlineError(
        "procedure", f"{procedure!r} is unknown; use one of {', '.join(PROCEDURES)}", "unknown", procedure
    )


def _jsonable(data):
    if isinstance(data, dict):
        return {key: _jsonable(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_jsonable(value) for value in data]
    if isinstance(data, datetime.date):
        return data.isoformat()
    return data
