"""Plain-language explanations of an entitlement, step by step, citing the items of decision 56/2-VI.

Annex 1 (as of 7/3-VIII): item 1 who and which expenses, item 2 the amount (expenses minus 10 % of
income), item 3 income of the preceding quarter, items 10-11 the months an application covers, item 12
the area norm. Steps cite "Annex 1, item N" (the decision's own item 3 is its entry-into-force rule) and,
for months before 7/3-VIII applies, add "(numbering of the 2023 text)": only that text is available.
Texts in en, kk and ru, in the act's own terms; numbers and plurals by Babel (CLDR): kk and ru write
120 000,00 (a no-break space, a decimal comma).
"""

from __future__ import annotations

import datetime
import functools
from pathlib import Path

import yaml
from babel import Locale
from babel.numbers import format_decimal

from openfisca_kz_housing import revisions

# The texts live in explain_texts.yaml beside this file (one place to change a text), read once here:
# T (the steps' sentences), REASON_TEXT, TENURE_TEXT, BASIS_TEXT, ACT_WORD, ACT_WORD_NOMINATIVE; each
# maps a key to {en, kk, ru} (str.format templates).
_TEXTS = yaml.safe_load((Path(__file__).parent / "explain_texts.yaml").read_text(encoding="utf-8"))
T: dict = _TEXTS["T"]
REASON_TEXT: dict = _TEXTS["REASON_TEXT"]
TENURE_TEXT: dict = _TEXTS["TENURE_TEXT"]
BASIS_TEXT: dict = _TEXTS["BASIS_TEXT"]
ACT_WORD: dict = _TEXTS["ACT_WORD"]
ACT_WORD_NOMINATIVE: dict = _TEXTS["ACT_WORD_NOMINATIVE"]


def money(value, lang: str = "en") -> str:
    """12345.678 -> en '12 345.68' (the contract's format); kk, ru '12 345,68' (CLDR: no-break space, comma)."""
    if lang == "en":
        return f"{float(value):,.2f}".replace(",", " ")
    return format_decimal(round(float(value), 2), format="#,##0.00", locale=lang)


def number(value, lang: str = "en") -> str:
    """A short number (a share, an area): at most 2 decimals, no trailing zeros; decimal comma in kk and ru."""
    if lang == "en":
        text = f"{float(value):.2f}".rstrip("0").rstrip(".")
        return text or "0"
    return format_decimal(round(float(value), 2), format="#,##0.##", locale=lang)


def plural(table: dict, count: int, lang: str) -> str:
    """The form of ``table`` ({"one": ..., "other": ...}) for ``count`` by Babel's CLDR plural rules."""
    form = _plural_form(lang, int(count))
    return table.get(form, table["other"]).format(n=count)


@functools.lru_cache(maxsize=1024)
def _plural_form(lang: str, count: int) -> str:
    """Babel's plural category (about 0.4 ms a call on a numpy integer; a family has few sizes)."""
    return Locale.parse(lang).plural_form(count)


def old_numbering(month: str) -> bool:
    """True for months before 7/3-VIII applies: Annex 1's numbering is then that of the 2023 text."""
    return datetime.date.fromisoformat(f"{month}-01") < revisions.instrument().act("7/3-VIII").in_force


def cite(item: str, month: str, lang: str) -> str:
    """'Annex 1, item 3: ' (plus '(numbering of the 2023 text)' before 7/3-VIII applies)."""
    numbering = T["numbering_2023"][lang] if old_numbering(month) else ""
    template = T["cite_items"] if "-" in item or "," in item else T["cite"]
    return template[lang].format(item=item, numbering=numbering)


def _why_not(day: str, lang: str) -> str:
    instrument = revisions.instrument()
    if day < instrument.start.isoformat():
        return T["before"][lang].format(start=instrument.start.isoformat())
    return T["after"][lang].format(end=instrument.end.isoformat() if instrument.end else "?")


def no_act_on_day(day: str, lang: str) -> str:
    """Why no decision applies on ``day`` (YYYY-MM-DD), for /revisions?date=."""
    return T["no_act_day"][lang].format(day=day, why=_why_not(day, lang))


def act_sentence(act, month: str, lang: str) -> str:
    day = f"{month}-01"
    if act is None:
        return T["no_act"][lang].format(day=day, month=month, why=_why_not(day, lang))
    wording = T["wording_original"] if act.kind == "original" else T["wording_amended"]
    sentence = T["act"][lang].format(
        month=month,
        day=day,
        title=revisions.instrument().title_on(day, lang),
        wording=wording[lang].format(number=act.number),
        act=ACT_WORD_NOMINATIVE[lang].format(number=act.number),
        adopted=act.adopted.isoformat(),
        in_force=act.in_force.isoformat(),
        basis=BASIS_TEXT[act.in_force_basis][lang],
    )
    return sentence + (T["carried"][lang] if old_numbering(month) else "")


def later_sentence(change, lang: str) -> str:
    template = T["later_repeal"] if change.kind == "repeal" else T["later"]
    return template[lang].format(
        act=ACT_WORD_NOMINATIVE[lang].format(number=change.number), in_force=change.in_force.isoformat()
    )


def household_steps(row: dict, act, lang: str, in_force: bool) -> list[dict]:
    """The explanation of one household as steps [{"item", "text"}] (row: the household's answer).

    ``act`` is the law's act of the month (None outside the law); ``in_force`` says whether the system
    that computed the row (the law, or a reform that may end or revive the aid) applies the decision.
    """
    f = row["figures"]
    month = row["month"]
    steps = [{"item": None, "text": act_sentence(act, month, lang)}]
    if not in_force:
        if act is not None:  # a reform that suspends the aid in a month where the law applies it
            steps.append({"item": None, "text": T["system_not_in_force"][lang].format(month=month)})
        return steps
    tenant = f["tenure"] != "owner"
    residence = T["residence_interpretation"][lang] if tenant else ""
    item_1_reasons = [r for r in row["ineligibility_reasons"] if r["code"] != "not_covered_by_application"]
    if row["eligible"]:
        text = T["eligible"][lang].format(tenure=TENURE_TEXT[f["tenure"]][lang]) + residence
    else:
        reasons = " ".join(REASON_TEXT[r["code"]][lang] for r in item_1_reasons)
        text = T["ineligible"][lang].format(reasons=reasons) + residence
    steps.append({"item": "1", "text": cite("1", month, lang) + text})
    covered = f.get("application_covers_month", True)
    if not covered:
        text = T["application"][lang].format(filed=f.get("application_date"), month=month)
        steps.append({"item": "10-11", "text": cite("10-11", month, lang) + text})
    months = f["income_quarter"]
    order = T["order_226"][lang] if month >= "2020-05" else ""  # Order 226 exists from 24.04.2020
    steps.append(
        {
            "item": "3",
            "text": cite("3", month, lang)
            + T["income"][lang].format(
                first=months[0],
                last=months[-1],
                order=order,
                total=money(f["income_quarter_total"], lang),
                base=money(f["income_base"], lang),
            ),
        }
    )
    steps.append(
        {
            "item": "2",
            "text": cite("2", month, lang)
            + T["limit"][lang].format(
                share=number(100 * f["income_share"], lang), limit=money(f["expense_limit"], lang)
            ),
        }
    )
    floor_why = (
        T["floor_one_room"][lang]
        if f["one_room"]
        else T["floor_estimate"][lang].format(floor=number(f["one_room_floor"], lang))
    )
    floor = f["dwelling_area"] if f["one_room"] else f["one_room_floor"]
    steps.append(
        {
            "item": "12",
            "text": cite("12", month, lang)
            + T["norm"][lang].format(
                per_person=number(f["norm_per_person"], lang),
                each=plural(T["each"][lang], f["members"], lang),
                floor=number(floor, lang),
                floor_why=floor_why,
                norm=number(f["norm_area"], lang),
                area=number(f["dwelling_area"], lang),
                scale=number(100 * f["area_scale"], lang),
            ),
        }
    )
    e = f["expenses"]
    rent = f.get("counted_rent", e["rent_expense"])
    rent_note = ""
    if rent != e["rent_expense"]:
        rent_note = T["rent_not_counted"][lang].format(rent=money(e["rent_expense"], lang))
    steps.append(
        {
            "item": "1",
            "text": cite("1", month, lang)
            + T["accepted"][lang].format(
                maintenance=money(e["maintenance_expense"], lang),
                heating=money(e["heating_expense"], lang),
                rent=money(rent, lang),
                scale=number(100 * f["area_scale"], lang),
                utility=money(e["utility_expense"], lang),
                telephone=money(e["telephone_fee_increase"], lang),
                accepted=money(f["accepted_expenses"], lang),
                rent_note=rent_note,
            ),
        }
    )
    accepted, limit = money(f["accepted_expenses"], lang), money(f["expense_limit"], lang)
    if not row["eligible"] or not covered:
        steps.append({"item": "2", "text": T["no_aid_ineligible"][lang]})
    elif row["housing_aid"] > 0:
        steps.append(
            {
                "item": "2",
                "text": cite("2", month, lang)
                + T["aid"][lang].format(accepted=accepted, limit=limit, aid=money(row["housing_aid"], lang)),
            }
        )
    else:
        text = T["no_gap"][lang].format(accepted=accepted, limit=limit)
        steps.append({"item": "2", "text": cite("2", month, lang) + text})
    return steps


def reason_entries(codes: list[str], lang: str) -> list[dict]:
    return [{"code": code, "message": REASON_TEXT[code][lang]} for code in codes]
