"""Words for the budget workbook and charts in English, Kazakh and Russian.

Columns that are model variables take the model's own labels (``labels.variable_label``: the variable's
``label`` and ``variable_labels.yaml``); the other columns, sheet titles, items of the About sheet and
chart texts come from the small tables below. Kazakh and Russian follow the terms of decision 56/2-VI
(тұрғын үй көмегі / жилищная помощь, отбасы / семья).
"""

from __future__ import annotations

LANGUAGES = ("en", "kk", "ru")

COLUMNS = {
    "scenario": ("Scenario", "Сценарий", "Сценарий"),
    "month": ("Month", "Ай", "Месяц"),
    "quarter": ("Quarter", "Тоқсан", "Квартал"),
    "year": ("Year", "Жыл", "Год"),
    "act_in_force": ("Act(s) in force", "Қолданыстағы шешім(дер)", "Действующее решение (решения)"),
    "months": ("Months", "Айлар саны", "Число месяцев"),
    "cost_tenge": ("Cost (tenge)", "Шығыс (теңге)", "Расходы (тенге)"),
    "recipient_households": ("Recipient households", "Көмек алған отбасылар", "Семьи-получатели"),
    "recipient_persons": ("Recipient persons", "Көмек алған адамдар", "Получатели (человек)"),
    "paid_household_months": ("Paid household-months", "Төленген отбасы-айлар", "Оплаченные семье-месяцы"),
    "average_monthly_aid_tenge": (
        "Average monthly aid (tenge)", "Орташа айлық көмек (теңге)", "Средняя ежемесячная помощь (тенге)"),
    "entitled_cost_tenge": (
        "Cost if every entitled household claimed (tenge)",
        "Құқығы бар барлық отбасы өтініш берсе, шығыс (теңге)",
        "Расходы, если обратятся все имеющие право (тенге)",
    ),
    "entitled_household_months": (
        "Entitled household-months", "Көмекке құқығы бар отбасы-айлар", "Семье-месяцы с правом на помощь"),
    "income_decile": ("Income decile", "Табыс децилі", "Дециль дохода"),
    "household_size": ("Household size (persons)", "Отбасы мүшелерінің саны", "Размер семьи (человек)"),
    "households": ("Households", "Отбасылар", "Семьи"),
    "persons": ("Persons", "Адамдар", "Человек"),
    "income_per_member_from": (
        "Income per member from (tenge a month)",
        "Бір мүшеге шаққандағы табыс, бастап (айына теңге)",
        "Доход на члена семьи, от (тенге в месяц)",
    ),
    "income_per_member_to": (
        "Income per member to (tenge a month)",
        "Бір мүшеге шаққандағы табыс, дейін (айына теңге)",
        "Доход на члена семьи, до (тенге в месяц)",
    ),
    "cost_change_tenge": ("Cost change (tenge)", "Шығыстың өзгерісі (теңге)", "Изменение расходов (тенге)"),
    "winner_households": ("Households gaining", "Көмегі өскен отбасылар", "Семьи, чья помощь выросла"),
    "loser_households": ("Households losing", "Көмегі азайған отбасылар", "Семьи, чья помощь снизилась"),
    "winner_persons": ("Persons gaining", "Көмегі өскен адамдар", "Человек, чья помощь выросла"),
    "loser_persons": ("Persons losing", "Көмегі азайған адамдар", "Человек, чья помощь снизилась"),
    "unchanged_households": ("Households unchanged", "Көмегі өзгермеген отбасылар", "Семьи без изменений"),
    "reform": ("Reform", "Реформа", "Реформа"),
    "title": ("Title", "Атауы", "Название"),
    "kind": ("Kind", "Түрі", "Вид"),
    "source": ("Source", "Дереккөзі", "Источник"),
    "description": ("Description", "Сипаттамасы", "Описание"),
    "baseline_cost_tenge": ("Cost under the law (tenge)", "Заң бойынша шығыс (теңге)", "Расходы по закону (тенге)"),
    "reform_cost_tenge": (
        "Cost under the reform (tenge)", "Реформа бойынша шығыс (теңге)", "Расходы по реформе (тенге)"),
    "cost_change_percent": ("Cost change (%)", "Шығыстың өзгерісі (%)", "Изменение расходов (%)"),
    "average_gain_tenge": ("Average gain (tenge)", "Орташа өсім (теңге)", "Средний прирост (тенге)"),
    "average_loss_tenge": ("Average loss (tenge)", "Орташа кему (теңге)", "Среднее снижение (тенге)"),
    "household_id": ("Household id", "Отбасының идентификаторы", "Идентификатор семьи"),
    "weight": ("Weight (households represented)", "Салмағы (бейнеленген отбасылар)", "Вес (представленных семей)"),
    "claims": ("Claims the aid", "Көмекке өтініш береді", "Обращается за помощью"),
}
# per-scenario columns of the household table: aid_<scenario>_tenge, months_paid_<scenario>
SCENARIO_COLUMNS = {
    "aid": ("Aid over the period, {} (tenge)", "Кезеңдегі көмек, {} (теңге)", "Помощь за период, {} (тенге)"),
    "months_paid": ("Months paid, {}", "Төленген айлар, {}", "Оплаченные месяцы, {}"),
}
VARIABLE_COLUMNS = ("tenure",)  # labelled from the model's label files

SHEETS = {
    "About": ("About this run", "Есептеу туралы", "О расчёте"),
    "Monthly": ("Cost per month", "Айлар бойынша шығыс", "Расходы по месяцам"),
    "Quarterly": ("Cost per quarter", "Тоқсандар бойынша шығыс", "Расходы по кварталам"),
    "Yearly": ("Cost per year", "Жылдар бойынша шығыс", "Расходы по годам"),
    "By income decile": ("By income decile", "Табыс децилдері бойынша", "По децилям дохода"),
    "By tenure": ("By tenure", "Тұрғынжайды пайдалану құқығы бойынша", "По праву пользования жилищем"),
    "By household size": ("By household size", "Отбасы мөлшері бойынша", "По размеру семьи"),
    "Baseline vs reforms": ("The law and the reforms", "Заң және реформалар", "Закон и реформы"),
    "Households": ("Every household", "Әр отбасы", "Каждая семья"),
}

ABOUT = {
    "WARNING": ("WARNING", "НАЗАР АУДАРЫҢЫЗ", "ВНИМАНИЕ"),
    "Population": ("Population", "Халық", "Население"),
    "Description": ("Description", "Сипаттамасы", "Описание"),
    "Households file": ("Households file", "Отбасылар файлы", "Файл семей"),
    "Persons file": ("Persons file", "Адамдар файлы", "Файл лиц"),
    "Households": ("Households", "Отбасылар", "Семьи"),
    "Persons": ("Persons", "Адамдар", "Человек"),
    "Months": ("Months", "Айлар", "Месяцы"),
    "Take-up": ("Take-up", "Өтініш беру үлесі", "Доля обращающихся"),
    "Seed": ("Seed of the take-up draw", "Өтініш берушілерді таңдаудың бастапқы саны", "Зерно жеребьёвки обращающихся"),
    "Reforms": ("Reforms", "Реформалар", "Реформы"),
    "Money": ("Money", "Ақша", "Деньги"),
    "Rules": ("Rules", "Ережелер", "Правила"),
    "Model version": ("Model version", "Модель нұсқасы", "Версия модели"),
    "Created": ("Created", "Жасалған уақыты", "Создано"),
    "Household table": ("Household table", "Отбасылар кестесі", "Таблица семей"),
    "Scenario": ("Scenario", "Сценарий", "Сценарий"),
    "Act": ("Act", "Шешім", "Решение"),
    "Note": ("Note", "Ескерту", "Примечание"),
    "SYNTHETIC DATA": ("SYNTHETIC DATA", "СИНТЕТИКАЛЫҚ ДЕРЕКТЕР", "СИНТЕТИЧЕСКИЕ ДАННЫЕ"),
    "none": ("none", "жоқ", "нет"),
}

TENURE_VALUES = {
    "owner": ("Owner", "Меншік иесі", "Собственник"),
    "state_housing_tenant": (
        "Tenant, state housing fund", "Мемлекеттік тұрғын үй қорының жалдаушысы", "Наниматель жилища госфонда"),
    "akimat_leased_tenant": (
        "Tenant, dwelling leased by the akimat", "Әкімдік жалдаған тұрғынжайдың жалдаушысы",
        "Наниматель жилища, арендованного акиматом"),
    "private_tenant": ("Tenant, private dwelling", "Жеке тұрғынжайдың жалдаушысы", "Наниматель частного жилища"),
}

CHART = {
    "cost_title": (
        "Housing aid cost per month\n{population} (take-up {take_up})",
        "Тұрғын үй көмегіне айлық шығыс\n{population} (өтініш беру үлесі {take_up})",
        "Расходы на жилищную помощь по месяцам\n{population} (доля обращающихся {take_up})",
    ),
    "cost_axis": ("million tenge a month", "айына млн теңге", "млн тенге в месяц"),
    "repeal": ("repeal", "күшін жою", "отмена"),
    "same_as": ("same as {}", "{} сценарийімен бірдей", "совпадает с {}"),
    "cost_note": (
        "Dashed lines: in-force dates of the acts (most are estimates, see revisions.yaml). "
        "A month is judged by the act in force on its first day; income is the quarter before (item 3).",
        "Үзік сызықтар: шешімдердің күшіне енген күндері (көбі бағалау, revisions.yaml қараңыз). "
        "Ай оның бірінші күні қолданыстағы шешім бойынша есептеледі; табыс алдыңғы тоқсаннан (3-тармақ).",
        "Пунктир: даты вступления решений в силу (большинство оценочные, см. revisions.yaml). "
        "Месяц считается по решению, действующему на его первое число; доход за предыдущий квартал (п. 3).",
    ),
    "decile_title": (
        "Housing aid by income decile\n{start} to {stop}",
        "Табыс децилдері бойынша тұрғын үй көмегі\n{start} – {stop}",
        "Жилищная помощь по децилям дохода\n{start} – {stop}",
    ),
    "decile_axis": (
        "income decile (monthly countable income per member; D1 poorest)",
        "табыс децилі (бір мүшеге шаққандағы айлық табыс; D1 ең төменгі)",
        "дециль дохода (месячный доход на члена семьи; D1 беднейший)",
    ),
    "decile_short": ("income decile", "табыс децилі", "дециль дохода"),
    "period_cost_axis": (
        "cost over the period, million tenge", "кезеңдегі шығыс, млн теңге", "расходы за период, млн тенге"),
    "recipients_axis": ("recipient households", "көмек алған отбасылар", "семьи-получатели"),
    "households_axis": ("households", "отбасылар", "семьи"),
    "winners": ("winners", "ұтқандар", "выигравшие"),
    "losers": ("losers", "ұтылғандар", "проигравшие"),
    "unchanged": ("unchanged", "өзгеріссіз", "без изменений"),
    "winners_title": (
        "Winners and losers against the law as it was",
        "Қолданыстағы заңмен салыстырғанда ұтқандар мен ұтылғандар",
        "Выигравшие и проигравшие по сравнению с действующим законом",
    ),
    "winners_subtitle": (
        "(households whose aid over {start} to {stop} changes by at least 1 tenge)",
        "({start} – {stop} кезеңіндегі көмегі кемінде 1 теңгеге өзгерген отбасылар)",
        "(семьи, чья помощь за {start} – {stop} изменилась не менее чем на 1 тенге)",
    ),
    "synthetic": ("SYNTHETIC DATA", "СИНТЕТИКАЛЫҚ ДЕРЕКТЕР", "СИНТЕТИЧЕСКИЕ ДАННЫЕ"),
}


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    return lang


def word(table: dict, key: str, lang: str) -> str:
    """``table[key]`` in ``lang`` (English when the key is not in the table: the key itself)."""
    entry = table.get(key)
    return entry[LANGUAGES.index(check_lang(lang))] if entry else key


def column_header(name: str, lang: str, scenarios=()) -> str:
    """The header of column ``name`` in words in ``lang``."""
    if name in VARIABLE_COLUMNS:
        from openfisca_kz_housing import labels, tax_benefit_system

        return labels.variable_label(tax_benefit_system(), name, check_lang(lang))
    if name in COLUMNS:
        return word(COLUMNS, name, lang)
    for scenario in sorted(scenarios, key=len, reverse=True):
        if name == f"aid_{scenario}_tenge":
            return word(SCENARIO_COLUMNS, "aid", lang).format(scenario)
        if name == f"months_paid_{scenario}":
            return word(SCENARIO_COLUMNS, "months_paid", lang).format(scenario)
    return name
