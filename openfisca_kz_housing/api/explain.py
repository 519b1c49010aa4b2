"""Plain-language explanations of an entitlement, step by step, citing the items of decision 56/2-VI.

Annex 1 (as of 7/3-VIII): item 1 who and which expenses, item 2 the amount (expenses minus 10 % of
income), item 3 income of the preceding quarter, item 12 the area norm. Texts in en, kk and ru.
"""

from __future__ import annotations

from openfisca_kz_housing import revisions

T = {
    "act": {
        "en": "The month {month} is judged by the rules in force on its first day, {day}: decision 56/2-VI of the Altai district maslikhat in the wording of {act} (adopted {adopted}, in force from {in_force}, {basis}).",
        "kk": "{month} айы оның бірінші күні, {day}, күшінде болған ережелер бойынша бағаланады: Алтай ауданы мәслихатының 56/2-VI шешімі {act} редакциясында (қабылданған күні {adopted}, {in_force} бастап күшінде, {basis}).",
        "ru": "Месяц {month} оценивается по правилам, действовавшим в его первый день, {day}: решение маслихата района Алтай 56/2-VI в редакции {act} (принято {adopted}, действует с {in_force}, {basis}).",
    },
    "no_act": {
        "en": "No housing-aid decision of Altai district was in force on {day}, the first day of {month}: {why} No housing aid is computed for this month.",
        "kk": "{month} айының бірінші күні, {day}, Алтай ауданында тұрғын үй көмегі туралы шешім күшінде болған жоқ: {why} Бұл айға тұрғын үй көмегі есептелмейді.",
        "ru": "На {day}, первый день месяца {month}, решение о жилищной помощи района Алтай не действовало: {why} Жилищная помощь за этот месяц не рассчитывается.",
    },
    "no_act_day": {
        "en": "No housing-aid decision of Altai district was in force on {day}: {why}",
        "kk": "{day} күні Алтай ауданында тұрғын үй көмегі туралы шешім күшінде болған жоқ: {why}",
        "ru": "На {day} решение о жилищной помощи района Алтай не действовало: {why}",
    },
    "before": {
        "en": "decision 56/2-VI applies from {start}.",
        "kk": "56/2-VI шешімі {start} бастап қолданылады.",
        "ru": "решение 56/2-VI применяется с {start}.",
    },
    "after": {
        "en": "decision 56/2-VI was repealed by 12/4-VIII from {end}.",
        "kk": "56/2-VI шешімінің күші 12/4-VIII шешімімен {end} бастап жойылды.",
        "ru": "решение 56/2-VI утратило силу решением 12/4-VIII с {end}.",
    },
    "later": {
        "en": "Note: {act} takes effect on {in_force}, later in this month; by convention the whole month is judged by the rules of its first day, so it applies from the next month.",
        "kk": "Ескерту: {act} осы айдың ішінде, {in_force} күшіне енеді; келісім бойынша ай толығымен бірінші күнінің ережелерімен бағаланады, сондықтан ол келесі айдан қолданылады.",
        "ru": "Примечание: {act} вступает в силу {in_force}, позже в этом месяце; по принятому правилу весь месяц оценивается по правилам его первого дня, поэтому акт применяется со следующего месяца.",
    },
    "reform": {
        "en": "Computed under the reform '{name}' (not the law): {description}",
        "kk": "'{name}' реформасы бойынша есептелді (қолданыстағы заң емес): {description}",
        "ru": "Рассчитано по реформе '{name}' (а не по действующему праву): {description}",
    },
    "later_repeal": {
        "en": "Note: {act} repeals decision 56/2-VI from {in_force}, later in this month; by convention the whole month is judged by the rules of its first day, so the repeal applies from the next month.",
        "kk": "Ескерту: {act} 56/2-VI шешімінің күшін осы айдың ішінде, {in_force} бастап жояды; келісім бойынша ай толығымен бірінші күнінің ережелерімен бағаланады, сондықтан күшін жою келесі айдан қолданылады.",
        "ru": "Примечание: {act} отменяет решение 56/2-VI с {in_force}, позже в этом месяце; по принятому правилу весь месяц оценивается по правилам его первого дня, поэтому отмена применяется со следующего месяца.",
    },
    "system_not_in_force": {
        "en": "Under this reform no housing-aid decision applies in {month}: no housing aid.",
        "kk": "Осы реформа бойынша {month} айында тұрғын үй көмегі туралы шешім қолданылмайды: тұрғын үй көмегі жоқ.",
        "ru": "По этой реформе в месяце {month} решение о жилищной помощи не применяется: жилищной помощи нет.",
    },
    "eligible": {
        "en": "Item 1: the family may receive housing aid ({tenure}).",
        "kk": "1-тармақ: отбасы тұрғын үй көмегін ала алады ({tenure}).",
        "ru": "Пункт 1: семья может получать жилищную помощь ({tenure}).",
    },
    "ineligible": {
        "en": "Item 1: the family may not receive housing aid: {reasons}",
        "kk": "1-тармақ: отбасы тұрғын үй көмегін ала алмайды: {reasons}",
        "ru": "Пункт 1: семья не может получать жилищную помощь: {reasons}",
    },
    "income": {
        "en": "Item 3: the family's total income for the preceding quarter ({first} to {last}) is {total} tenge; its monthly average is {base} tenge.",
        "kk": "3-тармақ: отбасының алдыңғы тоқсандағы ({first} – {last}) жиынтық табысы {total} теңге; айлық орташасы {base} теңге.",
        "ru": "Пункт 3: совокупный доход семьи за предыдущий квартал ({first} – {last}) составляет {total} тенге; в среднем в месяц {base} тенге.",
    },
    "limit": {
        "en": "Item 2: the family's own spending limit is {share} % of that income: {limit} tenge.",
        "kk": "2-тармақ: отбасы шығыстарының шекті деңгейі осы табыстың {share} %-ы: {limit} теңге.",
        "ru": "Пункт 2: предельно допустимый уровень расходов семьи — {share} % этого дохода: {limit} тенге.",
    },
    "norm": {
        "en": "Item 12: the norm is {per_person} m2 for each of the {members} members, but not less than {floor} m2{floor_why}: {norm} m2. The dwelling has {area} m2, so {scale} % of the expenses billed by area (maintenance, heating, rent) are accepted.",
        "kk": "12-тармақ: норма әр {members} мүшеге {per_person} м2, бірақ {floor} м2-ден кем емес{floor_why}: {norm} м2. Тұрғын үй алаңы {area} м2, сондықтан алаң бойынша есептелетін шығыстардың (күтіп ұстау, жылыту, жалдау ақысы) {scale} %-ы қабылданады.",
        "ru": "Пункт 12: норма — {per_person} м2 на каждого из {members} членов семьи, но не менее {floor} м2{floor_why}: {norm} м2. Площадь жилища {area} м2, поэтому принимается {scale} % расходов, начисляемых по площади (содержание, отопление, плата за пользование).",
    },
    "floor_one_room": {
        "en": " (a one-room flat or a dormitory room counts whole)",
        "kk": " (бір бөлмелі пәтер немесе жатақханадағы бөлме толық есептеледі)",
        "ru": " (однокомнатная квартира или комната в общежитии учитывается полностью)",
    },
    "floor_estimate": {
        "en": " (the area of a one-room flat; the decision does not quantify it, {floor} m2 is the project's estimate)",
        "kk": " (бір бөлмелі пәтердің алаңы; шешімде көрсетілмеген, {floor} м2 — жобаның бағалауы)",
        "ru": " (площадь однокомнатной квартиры; решение её не указывает, {floor} м2 — оценка проекта)",
    },
    "accepted": {
        "en": "Item 1: accepted expenses = (maintenance {maintenance} + heating {heating} + rent {rent}) x {scale} % + utilities {utility} + telephone fee increase {telephone} = {accepted} tenge.",
        "kk": "1-тармақ: қабылданған шығыстар = (күтіп ұстау {maintenance} + жылыту {heating} + жалдау ақысы {rent}) x {scale} % + коммуналдық қызметтер {utility} + телефон абоненттік төлемінің өсімі {telephone} = {accepted} теңге.",
        "ru": "Пункт 1: принимаемые расходы = (содержание {maintenance} + отопление {heating} + плата за пользование {rent}) x {scale} % + коммунальные услуги {utility} + повышение абонплаты за телефон {telephone} = {accepted} тенге.",
    },
    "aid": {
        "en": "Item 2: housing aid = accepted expenses {accepted} - limit {limit} = {aid} tenge a month.",
        "kk": "2-тармақ: тұрғын үй көмегі = қабылданған шығыстар {accepted} - шекті деңгей {limit} = айына {aid} теңге.",
        "ru": "Пункт 2: жилищная помощь = принимаемые расходы {accepted} - предельный уровень {limit} = {aid} тенге в месяц.",
    },
    "no_gap": {
        "en": "Item 2: the accepted expenses ({accepted} tenge) do not exceed the limit ({limit} tenge): no housing aid.",
        "kk": "2-тармақ: қабылданған шығыстар ({accepted} теңге) шекті деңгейден ({limit} теңге) аспайды: тұрғын үй көмегі тағайындалмайды.",
        "ru": "Пункт 2: принимаемые расходы ({accepted} тенге) не превышают предельный уровень ({limit} тенге): жилищная помощь не положена.",
    },
    "no_aid_ineligible": {
        "en": "Housing aid: 0 tenge.",
        "kk": "Тұрғын үй көмегі: 0 теңге.",
        "ru": "Жилищная помощь: 0 тенге.",
    },
}

REASON_TEXT = {
    "not_in_force": {
        "en": "no housing-aid decision was in force on the month's first day.",
        "kk": "айдың бірінші күні тұрғын үй көмегі туралы шешім күшінде болмады.",
        "ru": "в первый день месяца решение о жилищной помощи не действовало.",
    },
    "not_resident": {
        "en": "the family is not permanently registered and living in Altai district (item 1).",
        "kk": "отбасы Алтай ауданында тұрақты тіркелмеген және тұрмайды (1-тармақ).",
        "ru": "семья не зарегистрирована постоянно и не проживает в районе Алтай (пункт 1).",
    },
    "owns_other_dwelling": {
        "en": "the dwelling is not the family's only dwelling owned in Kazakhstan (item 1).",
        "kk": "тұрғын үй отбасының Қазақстандағы меншігіндегі жалғыз тұрғын үйі емес (1-тармақ).",
        "ru": "жилище не является единственным жильём семьи в собственности в Казахстане (пункт 1).",
    },
    "tenure_not_covered": {
        "en": "item 1 covers owners and tenants of state-fund or akimat-leased dwellings, not tenants of other private dwellings.",
        "kk": "1-тармақ меншік иелеріне және мемлекеттік қордан немесе әкімдік жалдаған тұрғын үйді жалдаушыларға қолданылады, басқа жеке тұрғын үйді жалдаушыларға емес.",
        "ru": "пункт 1 распространяется на собственников и нанимателей жилья из государственного фонда или арендованного акиматом, но не на нанимателей иного частного жилья.",
    },
}

TENURE_TEXT = {
    "owner": {"en": "owner of their only dwelling", "kk": "жалғыз тұрғын үйінің меншік иесі", "ru": "собственник единственного жилья"},
    "state_housing_tenant": {"en": "tenant of a state-fund dwelling", "kk": "мемлекеттік тұрғын үй қорының жалдаушысы", "ru": "наниматель жилья государственного фонда"},
    "akimat_leased_tenant": {"en": "tenant of a dwelling leased by the akimat", "kk": "әкімдік жалдаған тұрғын үйдің жалдаушысы", "ru": "наниматель жилья, арендованного акиматом"},
    "private_tenant": {"en": "tenant of a private dwelling", "kk": "жеке тұрғын үйдің жалдаушысы", "ru": "наниматель частного жилья"},
}

BASIS_TEXT = {
    "published": {"en": "date from its publication", "kk": "жариялану күні бойынша", "ru": "по дате опубликования"},
    "estimated from registration": {"en": "estimated: registration + 10 days", "kk": "бағалау: тіркелген күн + 10 күн", "ru": "оценка: дата регистрации + 10 дней"},
    "estimated from adoption": {"en": "estimated: adoption + 10 days", "kk": "бағалау: қабылданған күн + 10 күн", "ru": "оценка: дата принятия + 10 дней"},
    "fixed by the act": {"en": "date fixed by the act", "kk": "актімен белгіленген күн", "ru": "дата установлена актом"},
}

ACT_WORD = {"en": "decision {number}", "kk": "{number} шешімі", "ru": "решения {number}"}
ACT_WORD_NOMINATIVE = {"en": "decision {number}", "kk": "{number} шешімі", "ru": "решение {number}"}


def money(value) -> str:
    """12345.678 -> '12 345.68' (a space between thousands in every language)."""
    return f"{float(value):,.2f}".replace(",", " ")


def number(value) -> str:
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text or "0"


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
    return T["act"][lang].format(
        month=month,
        day=day,
        act=ACT_WORD[lang].format(number=act.number),
        adopted=act.adopted.isoformat(),
        in_force=act.in_force.isoformat(),
        basis=BASIS_TEXT[act.in_force_basis][lang],
    )


def later_sentence(change, lang: str) -> str:
    template = T["later_repeal"] if change.kind == "repeal" else T["later"]
    return template[lang].format(act=ACT_WORD_NOMINATIVE[lang].format(number=change.number), in_force=change.in_force.isoformat())


def household_steps(row: dict, act, lang: str, in_force: bool) -> list[dict]:
    """The explanation of one household as steps [{"item", "text"}] (row: the household's answer).

    ``act`` is the law's act of the month (None outside the law); ``in_force`` says whether the system
    that computed the row (the law, or a reform that may end or revive the aid) applies the decision.
    """
    f = row["figures"]
    steps = [{"item": None, "text": act_sentence(act, row["month"], lang)}]
    if not in_force:
        if act is not None:  # a reform that suspends the aid in a month where the law applies it
            steps.append({"item": None, "text": T["system_not_in_force"][lang].format(month=row["month"])})
        return steps
    if row["eligible"]:
        steps.append({"item": "1", "text": T["eligible"][lang].format(tenure=TENURE_TEXT[f["tenure"]][lang])})
    else:
        reasons = " ".join(REASON_TEXT[r["code"]][lang] for r in row["ineligibility_reasons"])
        steps.append({"item": "1", "text": T["ineligible"][lang].format(reasons=reasons)})
    months = f["income_quarter"]
    steps.append({"item": "3", "text": T["income"][lang].format(first=months[0], last=months[-1], total=money(f["income_quarter_total"]), base=money(f["income_base"]))})
    steps.append({"item": "2", "text": T["limit"][lang].format(share=number(100 * f["income_share"]), limit=money(f["expense_limit"]))})
    floor_why = T["floor_one_room"][lang] if f["one_room"] else T["floor_estimate"][lang].format(floor=number(f["one_room_floor"]))
    floor = f["dwelling_area"] if f["one_room"] else f["one_room_floor"]
    steps.append({"item": "12", "text": T["norm"][lang].format(
        per_person=number(f["norm_per_person"]), members=f["members"], floor=number(floor), floor_why=floor_why,
        norm=number(f["norm_area"]), area=number(f["dwelling_area"]), scale=number(100 * f["area_scale"]))})
    e = f["expenses"]
    steps.append({"item": "1", "text": T["accepted"][lang].format(
        maintenance=money(e["maintenance_expense"]), heating=money(e["heating_expense"]), rent=money(e["rent_expense"]),
        scale=number(100 * f["area_scale"]), utility=money(e["utility_expense"]), telephone=money(e["telephone_fee_increase"]),
        accepted=money(f["accepted_expenses"]))})
    if not row["eligible"]:
        steps.append({"item": "2", "text": T["no_aid_ineligible"][lang]})
    elif row["housing_aid"] > 0:
        steps.append({"item": "2", "text": T["aid"][lang].format(accepted=money(f["accepted_expenses"]), limit=money(f["expense_limit"]), aid=money(row["housing_aid"]))})
    else:
        steps.append({"item": "2", "text": T["no_gap"][lang].format(accepted=money(f["accepted_expenses"]), limit=money(f["expense_limit"]))})
    return steps


def reason_entries(codes: list[str], lang: str) -> list[dict]:
    return [{"code": code, "message": REASON_TEXT[code][lang]} for code in codes]
