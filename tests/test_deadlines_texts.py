"""The texts of the deadlines (openfisca_kz_housing/deadlines_texts.yaml) in en, kk and ru.

The English is read by other services: it is pinned here, byte for byte, as it was written in deadlines.py
before the texts moved to the YAML file (decision 56/2-VI, Annex 1, items 6, 9, 10, 11; resolution 2/516,
items 10 and 17). Kazakh and Russian: every text has the same placeholders as its English; /deadlines and
``kz-housing deadlines --lang`` answer in the language asked.
"""

import re
import string

import pytest

from openfisca_kz_housing import deadlines
from openfisca_kz_housing.cli import main

EN_1 = (
    "item 10: on a first application, aid from the month of application"
)
EN_2 = (
    "item 9: decision due on working day 8 after the complete file is received (the application date is "
    "taken as that day; the day itself is not counted)"
)
EN_3 = (
    "interpretation (parameter procedure.repeat_application_covers_whole_quarter): a repeat application "
    "(item 6, once a quarter) covers the whole quarter it is accepted for, as the model covers it; item "
    "10 fixes the month of application as the start only for a first application"
)
EN_4 = (
    "item 11 (project convention): filed after the intake cut-off, the file counts for the next quarter, "
    "so aid starts with that quarter's first month"
)
EN_5 = (
    "item 11: documents for 2023-Q2 were accepted until 2023-06-25 inclusive; this file counts for "
    "2023-Q3"
)
EN_6 = (
    "decision 56/2-VI is repealed by 12/4-VIII from 2024-03-16 (an estimate and the earliest possible "
    "date: adoption + 10 days), before these deadlines fall: intake_cutoff (2024-03-25), decision_due "
    "(2024-03-20), apply_again_from (2024-04-01), apply_again_until (2024-06-25)"
)
EN_7 = (
    "no further application under decision 56/2-VI: the next quarter starts after its repeal"
)
EN_8 = (
    "decision 56/2-VI is not in force on this date: the figures show what its items would give"
)
EN_9 = (
    "filed on or after the repeal's in-force date (2024-03-16, an estimate): the application is made "
    "under no decision and covers no month (housing_aid_application_covers_month), whatever the months "
    "above"
)
EN_10 = (
    "decision 56/2-VI is repealed by 12/4-VIII from 2024-03-16 (an estimate and the earliest possible "
    "date: adoption + 10 days), before these deadlines fall: apply_again_until (2024-03-25)"
)
EN_11 = (
    "item 6: applications under decision 56/2-VI only until 2024-03-15, the day before its repeal"
)
EN_12 = (
    "item 11: documents for 2023-Q4 were accepted until 2023-12-25 exclusive; this file counts for "
    "2024-Q1"
)
EN_13 = (
    "decision 56/2-VI is repealed by 12/4-VIII from 2024-03-16 (an estimate and the earliest possible "
    "date: adoption + 10 days), before these deadlines fall: apply_again_from (2024-04-01), "
    "apply_again_until (2024-06-25)"
)
EN_14 = (
    "item 10: at most 30 calendar days from the submission of the documents (the day itself not counted)"
)
EN_15 = (
    "the term ends on a non-working day (Nowruz Holiday); under the Civil Code's rule on terms it moves "
    "to the next working day"
)
EN_16 = (
    "the term ends on a non-working day (Sunday); under the Civil Code's rule on terms it moves to the "
    "next working day"
)
EN_17 = (
    "the term ends on a non-working day (Day off (substituted from 12/29/2012)); under the Civil Code's "
    "rule on terms it moves to the next working day"
)
EN_18 = (
    "resolution 2/516 does not apply on this date (it applied from 2012-07-19 to 2013-06-28, both "
    "estimates): the figures show what its items would give"
)
# (date, first application, 25th included) -> (first_month_basis, notes), English, as before the texts moved
AID_PINS = {
    ("2023-05-10", True, True): (EN_1, [EN_2]),
    ("2023-05-10", False, True): (EN_3, [EN_2]),
    ("2023-06-27", True, True): (EN_4, [EN_2, EN_5]),
    ("2024-03-10", True, True): (EN_1, [EN_2, EN_6, EN_7]),
    ("2024-03-10", False, True): (EN_3, [EN_2, EN_6, EN_7]),
    ("2024-03-20", True, True): (EN_1, [EN_8, EN_9, EN_2]),
    ("2019-01-01", True, True): (EN_1, [EN_8, EN_2]),
    ("2023-11-10", True, False): (EN_1, [EN_2, EN_10, EN_11]),
    ("2023-12-25", False, False): (EN_4, [EN_2, EN_12, EN_13, EN_7]),
}
QUEUE_PINS = {
    "2013-02-20": [EN_14, EN_15],
    "2013-03-01": [EN_14, EN_16],
    "2012-12-01": [EN_14, EN_17],
    "2012-08-01": [EN_14],
    "2019-01-01": [EN_18, EN_14],
}

CYRILLIC = re.compile("[\u0400-\u04ff]")
ENGLISH_WORDS = re.compile(r"\b(the|is|of|after|decision due|calendar days|application|quarter|working day)\b")


def _placeholders(template: str) -> set:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize(("date", "first", "included"), sorted(AID_PINS))
def test_housing_aid_english_pinned(date, first, included):
    basis, notes = AID_PINS[(date, first, included)]
    for result in (
        deadlines.housing_aid_deadlines(date, first_application=first, include_cutoff_day=included),
        deadlines.housing_aid_deadlines(date, first_application=first, include_cutoff_day=included, lang="en"),
    ):
        assert result.first_month_basis == basis
        assert result.notes == notes


@pytest.mark.parametrize("date", sorted(QUEUE_PINS))
def test_housing_queue_english_pinned(date):
    assert deadlines.housing_queue_deadlines(date).notes == QUEUE_PINS[date]
    assert deadlines.housing_queue_deadlines(date, lang="en").notes == QUEUE_PINS[date]


def test_api_default_language_unchanged(client):
    body = client.get("/deadlines?date=2024-03-20").get_json()
    assert body["notes"] == AID_PINS[("2024-03-20", True, True)][1]
    assert body["first_month_basis"] == EN_1
    assert client.get("/deadlines?date=2013-02-20&procedure=housing_queue&lang=en").get_json()["notes"] == (
        QUEUE_PINS["2013-02-20"]
    )


def test_every_text_has_en_kk_ru_with_the_same_placeholders():
    assert deadlines.TEXTS
    for code, languages in deadlines.TEXTS.items():
        assert set(languages) == set(deadlines.LANGUAGES), code
        expected = _placeholders(languages["en"])
        for lang in ("kk", "ru"):
            assert languages[lang].strip(), (code, lang)
            assert _placeholders(languages[lang]) == expected, (code, lang)
            assert CYRILLIC.search(languages[lang]), (code, lang)


def test_unknown_language_is_refused():
    with pytest.raises(deadlines.DeadlineError) as error:
        deadlines.housing_aid_deadlines("2023-05-10", lang="de")
    assert error.value.field == "lang"


def _assert_translated(texts, lang):
    for text in texts:
        assert CYRILLIC.search(text), (lang, text)
        assert not ENGLISH_WORDS.search(text), (lang, text)
    assert not set(texts) & {text for _, notes in AID_PINS.values() for text in notes}


@pytest.fixture(scope="module")
def client():
    from openfisca_kz_housing.api import create_app

    return create_app().test_client()


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize(
    "query",
    [
        "date=2024-03-20",
        "date=2023-06-27&first=false",
        "date=2024-03-10",
        "date=2019-01-01",
        "date=2013-02-20&procedure=housing_queue",
        "date=2012-12-01&procedure=housing_queue",
        "date=2019-01-01&procedure=housing_queue",
    ],
)
def test_api_answers_in_the_language_asked(client, lang, query):
    response = client.get(f"/deadlines?{query}&lang={lang}")
    assert response.status_code == 200
    body = response.get_json()
    texts = body["notes"] + ([body["first_month_basis"]] if "first_month_basis" in body else [])
    _assert_translated(texts, lang)
    # The figures do not depend on the language.
    english = client.get(f"/deadlines?{query}").get_json()
    assert {k: v for k, v in body.items() if k not in ("notes", "first_month_basis")} == {
        k: v for k, v in english.items() if k not in ("notes", "first_month_basis")
    }
    assert len(body["notes"]) == len(english["notes"])


def test_api_accept_language_header(client):
    body = client.get("/deadlines?date=2023-06-27", headers={"Accept-Language": "kk-KZ"}).get_json()
    _assert_translated(body["notes"] + [body["first_month_basis"]], "kk")


def test_every_branch_translated():
    """Each housing-aid branch (late, first, repeat, repeal, item 6 until the repeal, strict cut-off) in kk and ru."""
    for lang in ("kk", "ru"):
        for date, first, included in AID_PINS:
            result = deadlines.housing_aid_deadlines(
                date, first_application=first, include_cutoff_day=included, lang=lang
            )
            _assert_translated([result.first_month_basis, *result.notes], lang)
        for date in QUEUE_PINS:
            _assert_translated(deadlines.housing_queue_deadlines(date, lang=lang).notes, lang)


def test_cli_lang(capsys):
    assert main(["deadlines", "--date", "2023-06-27", "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "пункт 11" in out and "квартал" in out
    assert main(["deadlines", "--date", "2023-06-27"]) == 0
    assert EN_5 in capsys.readouterr().out
