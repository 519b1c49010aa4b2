"""Errors the API answers with: always JSON, always 4xx for a bad request, in the client's language.

Every error body has the same shape::

    {"error": "<what is wrong>", "code": "<stable code>", "field": "<JSON path of the faulty field>",
     "fix": "<how to fix it>", "lang": "en", ...details}

``code`` is stable (clients may switch on it); ``error`` and ``fix`` are in the requested language.
"""

from __future__ import annotations

import re

from openfisca_kz_housing.api import i18n

# code -> language -> (message, fix); both are str.format templates over the error's params.
CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "invalid_json": {
        "en": ("The body is not valid JSON: {detail}.", "Send one JSON object (UTF-8) with Content-Type: application/json."),
        "kk": ("Сұраныс денесі жарамды JSON емес: {detail}.", "Бір JSON нысанын (UTF-8) Content-Type: application/json тақырыбымен жіберіңіз."),
        "ru": ("Тело запроса не является корректным JSON: {detail}.", "Отправьте один JSON-объект (UTF-8) с заголовком Content-Type: application/json."),
    },
    "body_not_object": {
        "en": ("The body must be a JSON object; got {got}.", "Send an object such as {example}."),
        "kk": ("Сұраныс денесі JSON нысаны болуы керек; алынғаны: {got}.", "Мына сияқты нысан жіберіңіз: {example}."),
        "ru": ("Тело запроса должно быть JSON-объектом; получено: {got}.", "Отправьте объект вида {example}."),
    },
    "body_too_large": {
        "en": ("The body is larger than the limit of {limit} bytes.", "Split the request: /entitlements takes at most {max_households} households per request."),
        "kk": ("Сұраныс денесі {limit} байт шегінен асады.", "Сұранысты бөліңіз: /entitlements бір сұраныста ең көбі {max_households} үй шаруашылығын қабылдайды."),
        "ru": ("Тело запроса превышает предел в {limit} байт.", "Разделите запрос: /entitlements принимает не более {max_households} домохозяйств за запрос."),
    },
    "missing_field": {
        "en": ("{field} is required.", "{hint}"),
        "kk": ("{field} міндетті.", "{hint}"),
        "ru": ("{field} обязательно.", "{hint}"),
    },
    "invalid_date": {
        "en": ("{field} = {value} is not a valid date{opt_years}.", "Write a day that exists as YYYY-MM-DD{opt_years}, for example 2021-05-01."),
        "kk": ("{field} = {value} жарамды күн емес{opt_years}.", "Бар күнді ЖЖЖЖ-АА-КК түрінде жазыңыз{opt_years}, мысалы 2021-05-01."),
        "ru": ("{field} = {value} не является корректной датой{opt_years}.", "Укажите существующий день в виде ГГГГ-ММ-ДД{opt_years}, например 2021-05-01."),
    },
    "wrong_type": {
        "en": ("{field} must be {expected}; got {got}.", "Send {expected}, for example {example}."),
        "kk": ("{field} {expected} болуы керек; алынғаны: {got}.", "{expected} жіберіңіз, мысалы {example}."),
        "ru": ("{field} должно быть: {expected}; получено: {got}.", "Передайте {expected}, например {example}."),
    },
    "unknown_variable": {
        "en": ("{field}: '{name}' is not a variable the {entity} can be given.", "Use one of: {allowed}."),
        "kk": ("{field}: '{name}' — {entity} үшін берілетін айнымалы емес.", "Мыналардың бірін қолданыңыз: {allowed}."),
        "ru": ("{field}: '{name}' — не переменная, которую можно задать для {entity}.", "Используйте одну из: {allowed}."),
    },
    "computed_variable": {
        "en": ("{field}: '{name}' is computed by the model; it cannot be an input.", "Remove it: the answer reports it."),
        "kk": ("{field}: '{name}' модельмен есептеледі; оны енгізуге болмайды.", "Оны алып тастаңыз: жауапта ол көрсетіледі."),
        "ru": ("{field}: '{name}' вычисляется моделью и не может быть входным значением.", "Уберите его: ответ его содержит."),
    },
    "unknown_enum": {
        "en": ("{field}: '{value}' is not a known value.", "Use one of: {allowed}."),
        "kk": ("{field}: '{value}' — белгісіз мән.", "Мыналардың бірін қолданыңыз: {allowed}."),
        "ru": ("{field}: '{value}' — неизвестное значение.", "Используйте одно из: {allowed}."),
    },
    "negative_value": {
        "en": ("{field} = {value} is negative.", "Give an amount of 0 or more (0 when there is none)."),
        "kk": ("{field} = {value} теріс сан.", "0-ден кем емес соманы беріңіз (жоқ болса 0)."),
        "ru": ("{field} = {value} — отрицательное значение.", "Укажите сумму не меньше 0 (0, если её нет)."),
    },
    "area_not_positive": {
        "en": ("{field} = {value}: the dwelling's area must be greater than 0 m2.", "Give the useful area in square metres, for example 54."),
        "kk": ("{field} = {value}: тұрғын үйдің алаңы 0 м2-ден көп болуы керек.", "Пайдалы алаңды шаршы метрмен беріңіз, мысалы 54."),
        "ru": ("{field} = {value}: площадь жилища должна быть больше 0 м2.", "Укажите полезную площадь в квадратных метрах, например 54."),
    },
    "out_of_range": {
        "en": ("{field} = {value} is out of range.", "Give a finite number between {minimum} and {maximum}."),
        "kk": ("{field} = {value} рұқсат етілген ауқымнан тыс.", "{minimum} мен {maximum} аралығындағы шекті сан беріңіз."),
        "ru": ("{field} = {value} вне допустимого диапазона.", "Укажите конечное число от {minimum} до {maximum}."),
    },
    "wrong_period": {
        "en": ("{field}: '{period}' is not a month; '{name}' is defined per month.", "Key the values by month, 'YYYY-MM', as in {example}."),
        "kk": ("{field}: '{period}' ай емес; '{name}' ай сайын анықталады.", "Мәндерді ай бойынша 'ЖЖЖЖ-АА' кілтімен беріңіз, мысалы {example}."),
        "ru": ("{field}: '{period}' — не месяц; '{name}' задаётся помесячно.", "Задайте значения по месяцам с ключом 'ГГГГ-ММ', например {example}."),
    },
    "unknown_person": {
        "en": ("{field}: '{person}' is not declared in persons.", "Declare '{person}' under persons, or correct the id."),
        "kk": ("{field}: '{person}' persons бөлімінде жарияланбаған.", "'{person}' адамын persons бөлімінде жариялаңыз немесе идентификаторды түзетіңіз."),
        "ru": ("{field}: '{person}' не объявлен в persons.", "Объявите '{person}' в persons или исправьте идентификатор."),
    },
    "unknown_household": {
        "en": ("{field}: '{household}' is not in households.id.", "Use an id of households.id, or the household's 0-based index."),
        "kk": ("{field}: '{household}' households.id ішінде жоқ.", "households.id ішіндегі идентификаторды немесе үй шаруашылығының 0-ден басталатын индексін қолданыңыз."),
        "ru": ("{field}: '{household}' нет в households.id.", "Используйте идентификатор из households.id или индекс домохозяйства (с 0)."),
    },
    "person_twice": {
        "en": ("{field}: '{person}' already belongs to household '{household}'.", "A person belongs to one household, once."),
        "kk": ("{field}: '{person}' '{household}' үй шаруашылығына тиесілі.", "Адам тек бір үй шаруашылығына бір рет кіреді."),
        "ru": ("{field}: '{person}' уже входит в домохозяйство '{household}'.", "Человек входит только в одно домохозяйство, один раз."),
    },
    "person_without_household": {
        "en": ("{field}: '{person}' belongs to no household.", "Name '{person}' as the applicant or in other_members of a household, or remove it."),
        "kk": ("{field}: '{person}' ешбір үй шаруашылығына кірмейді.", "'{person}' адамын applicant немесе other_members ішінде көрсетіңіз, не алып тастаңыз."),
        "ru": ("{field}: '{person}' не входит ни в одно домохозяйство.", "Укажите '{person}' как applicant или в other_members домохозяйства, либо удалите."),
    },
    "missing_inputs": {
        "en": ("Required inputs are missing ({count}): see 'missing' for each field and month.", "Give each listed input for the months listed; an explicit 0 is a valid value."),
        "kk": ("Міндетті деректер жоқ ({count}): әр өріс пен айды 'missing' тізімінен қараңыз.", "Тізімдегі әр деректі көрсетілген айларға беріңіз; нақты 0 мәні жарамды."),
        "ru": ("Не хватает обязательных данных ({count}): поля и месяцы перечислены в 'missing'.", "Передайте каждое указанное значение за указанные месяцы; явный 0 допустим."),
    },
    "too_many_households": {
        "en": ("{field}: {count} households; at most {maximum} are accepted per request.", "Split them into several requests{hint}."),
        "kk": ("{field}: {count} үй шаруашылығы; бір сұраныста ең көбі {maximum} қабылданады.", "Оларды бірнеше сұранысқа бөліңіз{hint}."),
        "ru": ("{field}: {count} домохозяйств; за один запрос принимается не более {maximum}.", "Разделите их на несколько запросов{hint}."),
    },
    "too_many_entities": {
        "en": ("{field}: {count} entries; the stock {path} accepts at most {maximum} per request (its JSON builder is quadratic).", "Split the request, or use POST /entitlements (up to {batch} households, built from arrays)."),
        "kk": ("{field}: {count} жазба; стандартты {path} бір сұраныста ең көбі {maximum} қабылдайды (оның JSON құрастырушысы квадраттық).", "Сұранысты бөліңіз немесе POST /entitlements қолданыңыз ({batch} үй шаруашылығына дейін, массивтерден құрылады)."),
        "ru": ("{field}: {count} записей; стандартный {path} принимает не более {maximum} за запрос (его JSON-сборщик квадратичен).", "Разделите запрос или используйте POST /entitlements (до {batch} домохозяйств, строится из массивов)."),
    },
    "too_many_members": {
        "en": ("{field}: {count} members; at most {maximum} are accepted per household.", "Check the household's composition."),
        "kk": ("{field}: {count} мүше; бір үй шаруашылығында ең көбі {maximum}.", "Үй шаруашылығының құрамын тексеріңіз."),
        "ru": ("{field}: {count} членов; в домохозяйстве допускается не более {maximum}.", "Проверьте состав домохозяйства."),
    },
    "too_many_axis_points": {
        "en": ("axes: {points} points × {entities} entities = {count} entities to compute; the stock {path} accepts at most {maximum}.", "Use fewer or shorter axes, or POST /entitlements (up to {batch} households, one row per case)."),
        "kk": ("axes: {points} нүкте × {entities} нысан = {count} есептелетін нысан; стандартты {path} ең көбі {maximum} қабылдайды.", "Осьтерді азайтыңыз немесе қысқартыңыз, не POST /entitlements қолданыңыз ({batch} үй шаруашылығына дейін, әр жағдайға бір жол)."),
        "ru": ("axes: {points} точек × {entities} сущностей = {count} сущностей для расчёта; стандартный {path} принимает не более {maximum}.", "Сократите число или длину осей или используйте POST /entitlements (до {batch} домохозяйств, по строке на случай)."),
    },
    "too_much_memory": {
        "en": ("The request needs more memory than one request may use.", "Split it: /entitlements takes up to {batch} households per request."),
        "kk": ("Сұранысқа бір сұранысқа рұқсат етілгеннен көп жад қажет.", "Оны бөліңіз: /entitlements бір сұраныста {batch} үй шаруашылығына дейін қабылдайды."),
        "ru": ("Запросу нужно больше памяти, чем разрешено одному запросу.", "Разделите его: /entitlements принимает до {batch} домохозяйств за запрос."),
    },
    "duplicate_key": {
        "en": ("The key '{field}' appears twice in one JSON object.", "Give each key once: a repeated key would silently replace the first value."),
        "kk": ("'{field}' кілті бір JSON нысанында екі рет кездеседі.", "Әр кілтті бір рет беріңіз: қайталанған кілт бірінші мәнді үнсіз ауыстырар еді."),
        "ru": ("Ключ '{field}' встречается в одном JSON-объекте дважды.", "Укажите каждый ключ один раз: повторный ключ молча заменил бы первое значение."),
    },
    "lone_surrogate": {
        "en": ("{field} holds a lone UTF-16 surrogate (such as \\ud800): it is not a Unicode character.", "Send text as valid UTF-8; escape a character outside the BMP as a surrogate pair."),
        "kk": ("{field} ішінде жалғыз UTF-16 суррогаты бар (мысалы \\ud800): бұл Unicode таңбасы емес.", "Мәтінді жарамды UTF-8 түрінде жіберіңіз."),
        "ru": ("{field} содержит одиночный суррогат UTF-16 (например \\ud800): это не символ Unicode.", "Передавайте текст в корректной UTF-8; символ вне BMP экранируйте суррогатной парой."),
    },
    "unknown_parameter": {
        "en": ("Unknown query parameter '{field}'.", "Use only: {allowed}; for example {example}."),
        "kk": ("Белгісіз сұраныс параметрі '{field}'.", "Тек мыналарды қолданыңыз: {allowed}; мысалы {example}."),
        "ru": ("Неизвестный параметр запроса '{field}'.", "Используйте только: {allowed}; например {example}."),
    },
    "empty": {
        "en": ("{field} is empty.", "Give at least one household."),
        "kk": ("{field} бос.", "Кемінде бір үй шаруашылығын беріңіз."),
        "ru": ("{field} пусто.", "Передайте хотя бы одно домохозяйство."),
    },
    "length_mismatch": {
        "en": ("{field} has {got} values; {expected} were expected.", "Give every column one value per {unit}."),
        "kk": ("{field} ішінде {got} мән бар; {expected} күтілді.", "Әр бағанға әр {unit} үшін бір мән беріңіз."),
        "ru": ("{field} содержит {got} значений; ожидалось {expected}.", "Каждый столбец должен содержать одно значение на {unit}."),
    },
    "invalid_reform": {
        "en": ("{field}: {detail}", "Correct the reform as the message says; see docs/api.md."),
        "kk": ("{field}: {detail}", "Реформаны хабарламаға сай түзетіңіз; docs/api.md қараңыз."),
        "ru": ("{field}: {detail}", "Исправьте реформу согласно сообщению; см. docs/api.md."),
    },
    "unknown_key": {
        "en": ("'{field}' is not a key of this body.", "The body takes: {allowed}."),
        "kk": ("'{field}' — бұл сұраныс денесінің кілті емес.", "Сұраныс денесінің кілттері: {allowed}."),
        "ru": ("'{field}' — не ключ этого тела запроса.", "Тело запроса принимает ключи: {allowed}."),
    },
    "duplicate_ids": {
        "en": ("{field} has duplicates.", "Give every household a distinct id."),
        "kk": ("{field} ішінде қайталанатын мәндер бар.", "Әр үй шаруашылығына бөлек идентификатор беріңіз."),
        "ru": ("{field} содержит повторы.", "Дайте каждому домохозяйству свой идентификатор."),
    },
    "not_found": {
        "en": ("Nothing at {path}.", "See /spec for the routes of this API."),
        "kk": ("{path} мекенжайында ештеңе жоқ.", "Осы API маршруттарын /spec бетінен қараңыз."),
        "ru": ("По адресу {path} ничего нет.", "Маршруты этого API описаны в /spec."),
    },
    "method_not_allowed": {
        "en": ("{method} is not allowed on {path}.", "Use {allowed}."),
        "kk": ("{path} үшін {method} әдісіне рұқсат жоқ.", "{allowed} қолданыңыз."),
        "ru": ("Метод {method} не разрешён для {path}.", "Используйте {allowed}."),
    },
    "bad_request": {
        "en": ("Bad request: {detail}", "See /spec for the expected request."),
        "kk": ("Қате сұраныс: {detail}", "Күтілетін сұранысты /spec бетінен қараңыз."),
        "ru": ("Некорректный запрос: {detail}", "Ожидаемый формат запроса описан в /spec."),
    },
    "stock_wrong_period": {
        "en": ("'{name}' is defined per {unit}; it was asked for the period '{period}'.", "Ask it for a {unit} ({example}), e.g. {{\"{name}\": {{\"{example}\": null}}}}."),
        "kk": ("'{name}' {unit} бойынша анықталады; '{period}' кезеңіне сұралды.", "Оны {unit} үшін сұраңыз ({example}), мысалы {{\"{name}\": {{\"{example}\": null}}}}."),
        "ru": ("'{name}' определяется за {unit}; запрошен период '{period}'.", "Запросите за {unit} ({example}), например {{\"{name}\": {{\"{example}\": null}}}}."),
    },
    "parameter_not_in_force": {
        "en": ("The parameter '{parameter}' has no value on {date}: the act is not yet in force or was repealed then.", "Ask for a month in which the decision is in force; GET /revisions lists the acts and their dates."),
        "kk": ("'{parameter}' параметрінің {date} күні мәні жоқ: акт әлі күшіне енбеген немесе күші жойылған.", "Шешім күшінде болған айды сұраңыз; актілер мен олардың күндері GET /revisions ішінде."),
        "ru": ("Параметр '{parameter}' не имеет значения на {date}: акт ещё не вступил в силу или утратил силу.", "Запросите месяц, когда решение действовало; акты и их даты — в GET /revisions."),
    },
    "situation_error": {
        "en": ("The situation could not be computed: {detail}", "Check the variable names, periods and values against /spec and /variables."),
        "kk": ("Жағдайды есептеу мүмкін болмады: {detail}", "Айнымалы атауларын, кезеңдер мен мәндерді /spec және /variables бойынша тексеріңіз."),
        "ru": ("Ситуацию не удалось рассчитать: {detail}", "Проверьте имена переменных, периоды и значения по /spec и /variables."),
    },
    "internal_error": {
        "en": ("Unexpected error {error_id}; the request was not computed.", "Report the error id to the maintainers."),
        "kk": ("Күтпеген қате {error_id}; сұраныс есептелмеді.", "Қате идентификаторын әзірлеушілерге хабарлаңыз."),
        "ru": ("Непредвиденная ошибка {error_id}; запрос не обработан.", "Сообщите идентификатор ошибки разработчикам."),
    },
}


# English fragments put into the templates above (expected types, hints, units) -> kk, ru.
PHRASES = {
    "a date string YYYY-MM-DD": ("ЖЖЖЖ-АА-КК түріндегі күн жолы", "строка с датой ГГГГ-ММ-ДД"),
    "a string": ("жол", "строка"),
    "true or false": ("true немесе false", "true или false"),
    "an integer": ("бүтін сан", "целое число"),
    "a number": ("сан", "число"),
    "an object": ("нысан", "объект"),
    "an object keyed by id": ("идентификаторлар бойынша кілттелген нысан", "объект с ключами-идентификаторами"),
    "an object keyed by month": ("айлар бойынша кілттелген нысан", "объект с ключами-месяцами"),
    "an object keyed by month of columns": ("айлар бойынша кілттелген бағандар нысаны", "объект столбцов с ключами-месяцами"),
    "an array of person ids": ("адам идентификаторларының массиві", "массив идентификаторов людей"),
    "one person id (a string)": ("бір адамның идентификаторы (жол)", "один идентификатор человека (строка)"),
    "a non-empty array of persons": ("адамдардың бос емес массиві", "непустой массив людей"),
    "a non-empty array": ("бос емес массив", "непустой массив"),
    "an array of records or an object of columns": ("жазбалар массиві немесе бағандар нысаны", "массив записей или объект столбцов"),
    "an object of columns": ("бағандар нысаны", "объект столбцов"),
    "an inline data reform (a JSON object)": ("деректер түріндегі реформа (JSON нысаны)", "реформа в виде данных (JSON-объект)"),
    "an array (one value per household)": ("массив (әр үй шаруашылығына бір мән)", "массив (одно значение на домохозяйство)"),
    "an array (one value per person)": ("массив (әр адамға бір мән)", "массив (одно значение на человека)"),
    "household": ("үй шаруашылығы", "домохозяйство"),
    "person": ("адам", "человека"),
    "null": ("null", "null"),
    "a boolean": ("логикалық мән", "логическое значение"),
    "an array": ("массив", "массив"),
    " or use POST /entitlements": (" немесе POST /entitlements қолданыңыз", " или используйте POST /entitlements"),
    'Give the date as YYYY-MM-DD, for example "2021-05-01".': ('Күнді ЖЖЖЖ-АА-КК түрінде беріңіз, мысалы "2021-05-01".', 'Укажите дату в виде ГГГГ-ММ-ДД, например "2021-05-01".'),
    "Give persons as an object keyed by id; see /spec for an example.": ("persons өрісін идентификаторлар бойынша кілттелген нысан ретінде беріңіз; мысал /spec ішінде.", "Передайте persons как объект с ключами-идентификаторами; пример в /spec."),
    "Give households as an object keyed by id; see /spec for an example.": ("households өрісін идентификаторлар бойынша кілттелген нысан ретінде беріңіз; мысал /spec ішінде.", "Передайте households как объект с ключами-идентификаторами; пример в /spec."),
    'Name the applicant: "applicant": "<person id>".': ('Өтініш берушіні көрсетіңіз: "applicant": "<адам идентификаторы>".', 'Укажите заявителя: "applicant": "<идентификатор человека>".'),
    "Give households as an array of records or an object of columns; see /spec.": ("households өрісін жазбалар массиві немесе бағандар нысаны ретінде беріңіз; /spec қараңыз.", "Передайте households как массив записей или объект столбцов; см. /spec."),
    "Give members as a non-empty array; the first is the applicant.": ("members өрісін бос емес массив ретінде беріңіз; біріншісі — өтініш беруші.", "Передайте members как непустой массив; первый — заявитель."),
    'With column households, give persons as columns: {"household": [...], "salary": {"2021-01": [...]}}.': ('Бағандық households кезінде persons өрісін бағандармен беріңіз: {"household": [...], "salary": {"2021-01": [...]}}.', 'При households в виде столбцов передайте persons столбцами: {"household": [...], "salary": {"2021-01": [...]}}.'),
    "Give for each person the index (0-based) or the id of their household.": ("Әр адамға оның үй шаруашылығының индексін (0-ден) немесе идентификаторын беріңіз.", "Укажите для каждого человека индекс (с 0) или идентификатор его домохозяйства."),
    "Every person needs a household.": ("Әр адам бір үй шаруашылығына кіруі керек.", "Каждый человек должен входить в домохозяйство."),
    "Each household needs at least one person in persons.household (its first person is the applicant).": ("Әр үй шаруашылығында persons.household ішінде кемінде бір адам болуы керек (біріншісі — өтініш беруші).", "В каждом домохозяйстве должен быть хотя бы один человек в persons.household (первый — заявитель)."),
}
PHRASES.update({
    "Give the application date as ?date=YYYY-MM-DD, for example ?date=2023-03-20.": (
        "Өтініш күнін ?date=ЖЖЖЖ-АА-КК түрінде беріңіз, мысалы ?date=2023-03-20.",
        "Укажите дату заявления как ?date=ГГГГ-ММ-ДД, например ?date=2023-03-20."),
    "Give two dates YYYY-MM-DD, for example /diff?from=2021-06-01&to=2023-01-01.": (
        "Екі күнді ЖЖЖЖ-АА-КК түрінде беріңіз, мысалы /diff?from=2021-06-01&to=2023-01-01.",
        "Укажите две даты ГГГГ-ММ-ДД, например /diff?from=2021-06-01&to=2023-01-01."),
    "Give an inline data reform {name, description, changes}.": (
        "Деректер түріндегі реформаны беріңіз {name, description, changes}.",
        "Передайте реформу в виде данных {name, description, changes}."),
})
_GOT_PREFIXES = {"the string ": ("жол ", "строка "), "the number ": ("сан ", "число ")}


def translate(value, lang: str):
    """A template parameter in ``lang`` when it is one of the known English fragments."""
    if lang == "en" or not isinstance(value, str):
        return value
    index = 0 if lang == "kk" else 1
    if value in PHRASES:
        return PHRASES[value][index]
    for prefix, translations in _GOT_PREFIXES.items():
        if value.startswith(prefix):
            return translations[index] + value[len(prefix):]
    return value


class ApiError(Exception):
    """A request the API refuses: HTTP ``status``, stable ``code``, the faulty ``field`` and details."""

    def __init__(self, code: str, status: int = 400, field: str | None = None, extra: dict | None = None, **params):
        super().__init__(code)
        if code not in CATALOG:  # pragma: no cover - programming error
            raise KeyError(code)
        self.code = code
        self.status = status
        self.field = field
        self.params = {"field": field, **params}
        self.extra = extra or {}

    def body(self, lang: str | None = None) -> dict:
        lang = lang or i18n.request_language()
        message, fix = CATALOG[self.code].get(lang) or CATALOG[self.code]["en"]
        params = _SafeDict({key: translate(value, lang) for key, value in self.params.items() if key != "field"})
        params["field"] = self.field
        out = {
            "error": message.format_map(params),
            "code": self.code,
            "field": self.field,
            "fix": fix.format_map(params),
            "lang": lang,
        }
        label = _variable_label(self.params.get("name"), self.field, lang)
        if label:
            out["label"] = label  # the variable concerned, in the answer's language (variable_labels.yaml)
        out.update(self.extra)
        return {key: _safe(value) for key, value in out.items()}

    def __str__(self):
        return self.body("en")["error"]


def _variable_label(name, field, lang: str) -> str | None:
    """The label of the variable an error is about (its ``name``, else the last variable in ``field``)."""
    from openfisca_kz_housing.labels import variable_labels

    known = variable_labels()
    candidates = [name] if isinstance(name, str) else []
    if isinstance(field, str):
        candidates += reversed(re.split(r"[.\[\]]+", field))
    for candidate in candidates:
        if candidate in known:
            if lang != "en":
                return known[candidate].get(lang)
            from openfisca_kz_housing import tax_benefit_system

            variable = tax_benefit_system().variables.get(candidate)
            return variable.label if variable is not None else None
    return None


def _safe(value):
    """A string the answer can encode: a lone surrogate echoed from the request is escaped (\\ud800)."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8") if not value.isascii() else value
    return value


class _SafeDict(dict):
    def __missing__(self, key):
        return "" if key.startswith("opt_") else "{" + key + "}"  # opt_*: optional parts of a template


def describe_type(value) -> str:
    """The JSON type name of a parsed value, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "..."
        return f"the string {shown!r}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


# The errors of the lower layers become API errors here, and only here ---------------------------

# What the API adds to a reform error's hint key (the reforms package names no interface).
REFORM_HINTS = {"parameter_list": " GET /parameters lists every parameter path."}


def from_domain(error, prefix: str | None = None) -> ApiError:
    """The ApiError of a ``ReformError``, ``DeadlineError`` or ``dates.DateFormatError``; ``prefix``
    is put before the error's field (e.g. "reform" for a reform inside a request body)."""
    from openfisca_kz_housing.dates import DateFormatError
    from openfisca_kz_housing.deadlines import FIRST_YEAR, LAST_YEAR, PROCEDURES, DeadlineError
    from openfisca_kz_housing.reforms.errors import ReformError

    field = error.field if not prefix else prefix + (f".{error.field}" if error.field and error.field != prefix else "")
    if isinstance(error, ReformError):
        return ApiError("invalid_reform", field=field, detail=error.message + REFORM_HINTS.get(error.hint, ""))
    if isinstance(error, DeadlineError):
        if error.reason == "unknown":
            return ApiError("unknown_enum", field=field, value=str(error.value)[:60], allowed=", ".join(PROCEDURES))
        years = f" ({FIRST_YEAR}-{LAST_YEAR})" if error.reason == "range" else ""
        return ApiError("invalid_date", field=field, value=repr(error.value)[:60], opt_years=years)
    if isinstance(error, DateFormatError):
        return ApiError("invalid_date", field=field, value=repr(error.value)[:60], opt_years=error.years if error.reason == "range" else "")
    raise TypeError(f"not a domain error: {error!r}")  # pragma: no cover - programming error
