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

from babel import Locale
from babel.numbers import format_decimal

from openfisca_kz_housing import revisions

T = {
    "act": {
        "en": "The month {month} is judged by the rules in force on its first day, {day}: decision 56/2-VI of the Altai district maslikhat «{title}», {wording} ({act} adopted {adopted}, in force from {in_force}, {basis}).",
        "kk": "{month} айы оның бірінші күні, {day}, күшінде болған ережелер бойынша бағаланады: Алтай ауданы мәслихатының «{title}» 56/2-VI шешімі, {wording} ({act} қабылданған күні {adopted}, {in_force} бастап күшінде, {basis}).",
        "ru": "Месяц {month} оценивается по правилам, действовавшим в его первый день, {day}: решение маслихата района Алтай 56/2-VI «{title}» {wording} ({act} принято {adopted}, действует с {in_force}, {basis}).",
    },
    "wording_original": {
        "en": "in its original wording",
        "kk": "бастапқы редакциясында",
        "ru": "в первоначальной редакции",
    },
    "wording_amended": {
        "en": "as worded by decision {number}",
        "kk": "{number} шешімімен жаңа редакцияда",
        "ru": "в редакции решения {number}",
    },
    "carried": {
        "en": " The text of Annex 1 in force this month is not available: its rules (items 1, 3, 5, 6, 10, 11) and values are read from the 2023 text (7/3-VIII) and carried back to this month.",
        "kk": " Осы айда күшінде болған 1-қосымшаның мәтіні жоқ: оның ережелері (1, 3, 5, 6, 10, 11-тармақтар) мен мәндері 2023 жылғы мәтіннен (7/3-VIII) алынып, осы айға қолданылады.",
        "ru": " Текст приложения 1, действовавший в этом месяце, недоступен: его правила (пункты 1, 3, 5, 6, 10, 11) и значения взяты из текста 2023 года (7/3-VIII) и перенесены на этот месяц.",
    },
    "cite": {
        "en": "Annex 1, item {item}{numbering}: ",
        "kk": "1-қосымшаның {item}-тармағы{numbering}: ",
        "ru": "Приложение 1, пункт {item}{numbering}: ",
    },
    "cite_items": {
        "en": "Annex 1, items {item}{numbering}: ",
        "kk": "1-қосымшаның {item}-тармақтары{numbering}: ",
        "ru": "Приложение 1, пункты {item}{numbering}: ",
    },
    "numbering_2023": {
        "en": " (numbering of the 2023 text)",
        "kk": " (2023 жылғы мәтіннің нөмірленуі бойынша)",
        "ru": " (нумерация текста 2023 года)",
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
        "kk": "Ескерту: {act} осы айдың ішінде, {in_force} күшіне енеді; шартты түрде ай толығымен бірінші күнінің ережелерімен бағаланады, сондықтан ол келесі айдан қолданылады.",
        "ru": "Примечание: {act} вступает в силу {in_force}, позже в этом месяце; по принятому правилу весь месяц оценивается по правилам его первого дня, поэтому акт применяется со следующего месяца.",
    },
    "reform": {
        "en": "Computed under the reform '{name}' (not the law): {description}",
        "kk": "'{name}' реформасы бойынша есептелді (қолданыстағы заң емес): {description}",
        "ru": "Рассчитано по реформе '{name}' (а не по действующему праву): {description}",
    },
    "later_repeal": {
        "en": "Note: {act} repeals decision 56/2-VI from {in_force}, later in this month; by convention the whole month is judged by the rules of its first day, so the repeal applies from the next month.",
        "kk": "Ескерту: {act} 56/2-VI шешімінің күшін осы айдың ішінде, {in_force} бастап жояды; шартты түрде ай толығымен бірінші күнінің ережелерімен бағаланады, сондықтан күшін жою келесі айдан қолданылады.",
        "ru": "Примечание: {act} отменяет решение 56/2-VI с {in_force}, позже в этом месяце; по принятому правилу весь месяц оценивается по правилам его первого дня, поэтому отмена применяется со следующего месяца.",
    },
    "system_not_in_force": {
        "en": "Under this reform no housing-aid decision applies in {month}: no housing aid.",
        "kk": "Осы реформа бойынша {month} айында тұрғын үй көмегі туралы шешім қолданылмайды: тұрғын үй көмегі жоқ.",
        "ru": "По этой реформе в месяце {month} решение о жилищной помощи не применяется: жилищной помощи нет.",
    },
    "eligible": {
        "en": "the family may receive housing aid ({tenure}).",
        "kk": "отбасы тұрғын үй көмегін ала алады ({tenure}).",
        "ru": "семья может получать жилищную помощь ({tenure}).",
    },
    "ineligible": {
        "en": "the family may not receive housing aid: {reasons}",
        "kk": "отбасы тұрғын үй көмегін ала алмайды: {reasons}",
        "ru": "семья не может получать жилищную помощь: {reasons}",
    },
    "residence_interpretation": {
        "en": " Residence in the district is required of tenants too: the project's interpretation (the text attaches it to owners).",
        "kk": " Ауданда тіркелу мен тұру шарты жалдаушыларға да қолданылады: бұл жобаның түсіндірмесі (мәтінде ол меншік иелеріне қатысты).",
        "ru": " Проживание в районе требуется и от нанимателей: это толкование проекта (в тексте условие относится к собственникам).",
    },
    "income": {
        "en": "the family's total income for the preceding quarter ({first} to {last}){order} is {total} tenge; its monthly average is {base} tenge.",
        "kk": "отбасының алдыңғы тоқсандағы ({first} – {last}) жиынтық табысы{order} {total} теңге; айлық орташасы {base} теңге.",
        "ru": "совокупный доход семьи за предыдущий квартал ({first} – {last}){order} составляет {total} тенге; в среднем в месяц {base} тенге.",
    },
    "order_226": {
        "en": ", computed by the rules of Order No 226 of 24.04.2020,",
        "kk": " (2020 жылғы 24 сәуірдегі № 226 бұйрықтың қағидалары бойынша есептелген)",
        "ru": ", исчисленный по правилам приказа № 226 от 24.04.2020,",
    },
    "limit": {
        "en": "the maximum allowed level of the family's expenses is {share} % of that income: {limit} tenge.",
        "kk": "отбасы шығыстарының шекті жол берілетін деңгейі осы табыстың {share} %-ы: {limit} теңге.",
        "ru": "предельно допустимый уровень расходов семьи — {share} % этого дохода: {limit} тенге.",
    },
    "norm": {
        "en": "the norm is {per_person} m2 {each}, but not less than {floor} m2{floor_why}: {norm} m2. The dwelling has {area} m2, so {scale} % of the expenses billed by area (maintenance, heating, payment for use of the dwelling) are accepted.",
        "kk": "норма {each} {per_person} м2, бірақ {floor} м2-ден кем емес{floor_why}: {norm} м2. Тұрғынжайдың алаңы {area} м2, сондықтан алаң бойынша есептелетін шығыстардың (күтіп-ұстау, жылыту, тұрғынжайды пайдаланғаны үшін төлем) {scale} %-ы қабылданады.",
        "ru": "норма — {per_person} м2 {each}, но не менее {floor} м2{floor_why}: {norm} м2. Площадь жилища {area} м2, поэтому принимается {scale} % расходов, начисляемых по площади (содержание, отопление, плата за пользование жилищем).",
    },
    "each": {
        "en": {"one": "for its {n} member", "other": "for each of the {n} members"},
        "kk": {"one": "{n} мүшенің әрқайсысына", "other": "{n} мүшенің әрқайсысына"},
        "ru": {"one": "на каждого из {n} члена семьи", "other": "на каждого из {n} членов семьи"},
    },
    "rent_not_counted": {
        "en": " The payment for use of the dwelling ({rent} tenge) is not counted: item 1 (third direction) counts it only for tenants of the state housing fund or of a private dwelling leased by the akimat.",
        "kk": " Тұрғынжайды пайдаланғаны үшін төлем ({rent} теңге) есепке алынбайды: 1-тармақ (үшінші бағыт) оны тек мемлекеттік тұрғын үй қорынан берілген немесе жергілікті атқарушы орган жеке тұрғын үй қорынан жалдаған тұрғынжайды пайдаланғаны үшін есептейді.",
        "ru": " Плата за пользование жилищем ({rent} тенге) не учитывается: пункт 1 (третье направление) учитывает её только для нанимателей жилища из государственного жилищного фонда или жилища, арендованного местным исполнительным органом в частном жилищном фонде.",
    },
    "application": {
        "en": "the application filed on {filed} does not cover {month} (it covers its quarter from the month of filing, or, filed after the intake cut-off, the next quarter from its first month): no housing aid for this month.",
        "kk": "{filed} берілген өтініш {month} айын қамтымайды (ол өз тоқсанын берілген айдан бастап, ал құжаттар қабылдаудың соңғы күнінен кейін берілсе — келесі тоқсанды оның бірінші айынан бастап қамтиды): бұл айға тұрғын үй көмегі жоқ.",
        "ru": "заявление, поданное {filed}, не охватывает месяц {month} (оно охватывает свой квартал с месяца подачи, а поданное после последнего дня приёма документов — следующий квартал с его первого месяца): жилищной помощи за этот месяц нет.",
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
        "en": "accepted expenses = (maintenance {maintenance} + heating {heating} + payment for use of the dwelling {rent}) x {scale} % + utilities {utility} + telephone fee increase {telephone} = {accepted} tenge.{rent_note}",
        "kk": "қабылданған шығыстар = (күтіп-ұстау {maintenance} + жылыту {heating} + тұрғынжайды пайдаланғаны үшін төлем {rent}) x {scale} % + коммуналдық қызметтер {utility} + телефон абоненттік төлемінің өсімі {telephone} = {accepted} теңге.{rent_note}",
        "ru": "принимаемые расходы = (содержание {maintenance} + отопление {heating} + плата за пользование жилищем {rent}) x {scale} % + коммунальные услуги {utility} + повышение абонплаты за телефон {telephone} = {accepted} тенге.{rent_note}",
    },
    "aid": {
        "en": "housing aid = accepted expenses {accepted} - maximum allowed level {limit} = {aid} tenge a month.",
        "kk": "тұрғын үй көмегі = қабылданған шығыстар {accepted} - шекті жол берілетін деңгей {limit} = айына {aid} теңге.",
        "ru": "жилищная помощь = принимаемые расходы {accepted} - предельно допустимый уровень {limit} = {aid} тенге в месяц.",
    },
    "no_gap": {
        "en": "the accepted expenses ({accepted} tenge) do not exceed the maximum allowed level ({limit} tenge): no housing aid.",
        "kk": "қабылданған шығыстар ({accepted} теңге) шекті жол берілетін деңгейден ({limit} теңге) аспайды: тұрғын үй көмегі тағайындалмайды.",
        "ru": "принимаемые расходы ({accepted} тенге) не превышают предельно допустимый уровень ({limit} тенге): жилищная помощь не положена.",
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
        "en": "the family is not permanently registered or not living in Altai district (item 1).",
        "kk": "отбасы Алтай ауданында тұрақты тіркелмеген немесе тұрмайды (1-тармақ).",
        "ru": "семья не зарегистрирована постоянно или не проживает в районе Алтай (пункт 1).",
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
    "not_covered_by_application": {
        "en": "the application does not cover this month (items 10-11: from the month of filing; after the 25th of the quarter's last month, from the next quarter).",
        "kk": "өтініш осы айды қамтымайды (10-11-тармақтар: берілген айдан бастап; тоқсанның соңғы айының 25-күнінен кейін берілсе, келесі тоқсаннан бастап).",
        "ru": "заявление не охватывает этот месяц (пункты 10-11: с месяца подачи; после 25-го числа последнего месяца квартала — со следующего квартала).",
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
    "estimated from adoption": {"en": "estimated: adoption + 10 days", "kk": "бағалау: қабылданған күні + 10 күн", "ru": "оценка: дата принятия + 10 дней"},
    "fixed by the act": {"en": "date fixed by the act", "kk": "актімен белгіленген күн", "ru": "дата установлена актом"},
}

ACT_WORD = {"en": "decision {number}", "kk": "{number} шешімі", "ru": "решения {number}"}
ACT_WORD_NOMINATIVE = {"en": "decision {number}", "kk": "{number} шешімі", "ru": "решение {number}"}


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
    form = Locale.parse(lang).plural_form(count)
    return table.get(form, table["other"]).format(n=count)


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
    return template[lang].format(act=ACT_WORD_NOMINATIVE[lang].format(number=change.number), in_force=change.in_force.isoformat())


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
    steps.append({"item": "3", "text": cite("3", month, lang) + T["income"][lang].format(
        first=months[0], last=months[-1], order=order, total=money(f["income_quarter_total"], lang),
        base=money(f["income_base"], lang))})
    steps.append({"item": "2", "text": cite("2", month, lang) + T["limit"][lang].format(
        share=number(100 * f["income_share"], lang), limit=money(f["expense_limit"], lang))})
    floor_why = T["floor_one_room"][lang] if f["one_room"] else T["floor_estimate"][lang].format(
        floor=number(f["one_room_floor"], lang))
    floor = f["dwelling_area"] if f["one_room"] else f["one_room_floor"]
    steps.append({"item": "12", "text": cite("12", month, lang) + T["norm"][lang].format(
        per_person=number(f["norm_per_person"], lang), each=plural(T["each"][lang], f["members"], lang),
        floor=number(floor, lang), floor_why=floor_why, norm=number(f["norm_area"], lang),
        area=number(f["dwelling_area"], lang), scale=number(100 * f["area_scale"], lang))})
    e = f["expenses"]
    rent = f.get("counted_rent", e["rent_expense"])
    rent_note = ""
    if rent != e["rent_expense"]:
        rent_note = T["rent_not_counted"][lang].format(rent=money(e["rent_expense"], lang))
    steps.append({"item": "1", "text": cite("1", month, lang) + T["accepted"][lang].format(
        maintenance=money(e["maintenance_expense"], lang), heating=money(e["heating_expense"], lang),
        rent=money(rent, lang), scale=number(100 * f["area_scale"], lang), utility=money(e["utility_expense"], lang),
        telephone=money(e["telephone_fee_increase"], lang), accepted=money(f["accepted_expenses"], lang),
        rent_note=rent_note)})
    accepted, limit = money(f["accepted_expenses"], lang), money(f["expense_limit"], lang)
    if not row["eligible"] or not covered:
        steps.append({"item": "2", "text": T["no_aid_ineligible"][lang]})
    elif row["housing_aid"] > 0:
        steps.append({"item": "2", "text": cite("2", month, lang) + T["aid"][lang].format(
            accepted=accepted, limit=limit, aid=money(row["housing_aid"], lang))})
    else:
        text = T["no_gap"][lang].format(accepted=accepted, limit=limit)
        steps.append({"item": "2", "text": cite("2", month, lang) + text})
    return steps


def reason_entries(codes: list[str], lang: str) -> list[dict]:
    return [{"code": code, "message": REASON_TEXT[code][lang]} for code in codes]
