"""Display names of the project's vocabularies in English, Russian and Azerbaijani, kept once.

The codes stay the data (``lower_bound``, ``kb/d``, ``SOCAR``); only what a reader sees changes.
:func:`display` is the one lookup; :data:`VOCABULARIES` ties each kind to the tuple of
:mod:`indicators.vocab` (or the canonical units of :mod:`indicators.units`) whose every value must
have a non-empty name in each language (``tests/indicators/test_vocab_i18n.py``).

Proper names follow the report's usage: Azərbaycan / Азербайджан, SOCAR / ГНКАР; publishers'
names (BP, Energy Institute, SIPRI as an acronym) stay as published. A reporter has two forms: its
name (``reporter``: a filter or a legend entry) and "reported by" (``reported_by``), written whole
because Russian and Azerbaijani decline the name ("по данным России", "Rusiyanın məlumatına görə").
"""

from __future__ import annotations

from indicators.units import CANONICAL_UNITS
from indicators.vocab import (
    CHANGE_QUALIFIERS,
    CHANGE_TYPES,
    CHANGE_UNITS,
    CONFIDENCE,
    DOMAINS,
    EVENT_CATEGORIES,
    EVENT_LAYERS,
    MEASURES,
    QUALIFIERS,
    REPORTERS,
)

DISPLAY_LANGS = ("en", "ru", "az")

# kind -> code -> (English, Russian, Azerbaijani)
DISPLAY: dict[str, dict[str, tuple[str, str, str]]] = {
    "reporter": {
        "AZ": ("Azerbaijan", "Азербайджан", "Azərbaycan"),
        "RU": ("Russia", "Россия", "Rusiya"),
        "SOCAR": ("SOCAR", "ГНКАР", "SOCAR"),
        "TRANSNEFT": ("Transneft", "Транснефть", "Transneft"),
        "GAZPROM": ("Gazprom", "Газпром", "Qazprom"),
        "LUKOIL": ("Lukoil", "ЛУКОЙЛ", "Lukoil"),
        "BP": ("BP", "BP", "BP"),
        "EI": ("Energy Institute", "Energy Institute", "Energy Institute"),
        "EIA": ("US EIA", "EIA (США)", "EIA (ABŞ)"),
        "IEA": ("IEA", "МЭА", "BEA"),
        "SIPRI": ("SIPRI", "СИПРИ", "SIPRI"),
        "OTHER": ("Other", "Другие", "Digər"),
    },
    "reported_by": {
        "AZ": ("reported by Azerbaijan", "по данным Азербайджана", "Azərbaycanın məlumatına görə"),
        "RU": ("reported by Russia", "по данным России", "Rusiyanın məlumatına görə"),
        "SOCAR": ("reported by SOCAR", "по данным ГНКАР", "SOCAR-ın məlumatına görə"),
        "TRANSNEFT": ("reported by Transneft", "по данным «Транснефти»", "Transneft-in məlumatına görə"),
        "GAZPROM": ("reported by Gazprom", "по данным «Газпрома»", "Qazpromun məlumatına görə"),
        "LUKOIL": ("reported by Lukoil", "по данным ЛУКОЙЛа", "Lukoilin məlumatına görə"),
        "BP": ("reported by BP", "по данным BP", "BP-nin məlumatına görə"),
        "EI": ("reported by the Energy Institute", "по данным Energy Institute", "Energy Institute-un məlumatına görə"),
        "EIA": ("reported by the US EIA", "по данным EIA (США)", "EIA-nın (ABŞ) məlumatına görə"),
        "IEA": ("reported by the IEA", "по данным МЭА", "BEA-nın məlumatına görə"),
        "SIPRI": ("reported by SIPRI", "по данным СИПРИ", "SIPRI-nin məlumatına görə"),
        "OTHER": ("reported by others", "по данным других источников", "digər mənbələrin məlumatına görə"),
    },
    "domain": {
        "trade": ("Trade", "Торговля", "Ticarət"),
        "investment": ("Investment", "Инвестиции", "İnvestisiyalar"),
        "finance": ("Finance", "Финансы", "Maliyyə"),
        "transport": ("Transport", "Транспорт", "Nəqliyyat"),
        "tourism": ("Tourism", "Туризм", "Turizm"),
        "energy": ("Energy", "Энергетика", "Energetika"),
        "arms": ("Arms", "Вооружения", "Silahlanma"),
    },
    "unit": {
        "USD million": ("USD million", "млн долл. США", "mln ABŞ dolları"),
        "USD million (constant 2022)": (
            "USD million (constant 2022)",
            "млн долл. США (в постоянных ценах 2022 г.)",
            "mln ABŞ dolları (2022-ci ilin sabit qiymətləri ilə)",
        ),
        "RUB million": ("RUB million", "млн руб.", "mln rubl"),
        "Mt": ("million tonnes", "млн т", "mln ton"),
        "Mt/year": ("million tonnes a year", "млн т в год", "ildə mln ton"),
        "kb/d": ("thousand barrels/day", "тыс. барр./сут", "min barel/gün"),
        "bcm": ("bcm", "млрд куб. м", "mlrd kubmetr"),
        "bcm/year": ("bcm a year", "млрд куб. м в год", "ildə mlrd kubmetr"),
        "TWh": ("TWh", "ТВт·ч", "TVt·saat"),
        "TIV million": ("TIV million", "млн TIV", "mln TIV"),
        "percent": ("%", "%", "%"),
        "tonnes": ("tonnes", "т", "ton"),
        "m3": ("m³", "куб. м", "kubmetr"),
        "persons": ("persons", "чел.", "nəfər"),
        "trips": ("trips", "поездок", "səfər"),
        "companies": ("companies", "компаний", "şirkət"),
        "containers": ("containers", "контейнеров", "konteyner"),
        "rank": ("rank", "место", "yer"),
        "times": ("times", "раз", "dəfə"),
        "ratio": ("ratio", "соотношение", "nisbət"),
        "USD per tonne": ("USD per tonne", "долл. США за тонну", "ton başına ABŞ dolları"),
        "million barrels": ("million barrels", "млн барр.", "mln barel"),
        "text": ("text", "текст", "mətn"),
        "%": ("%", "%", "%"),
        "pp": ("pp", "п. п.", "faiz bəndi"),
    },
    "qualifier": {
        "exact": ("exact", "точное значение", "dəqiq qiymət"),
        "approximate": ("approximate", "приблизительное значение", "təxmini qiymət"),
        "lower_bound": ("lower bound", "нижняя граница", "aşağı hədd"),
        "upper_bound": ("upper bound", "верхняя граница", "yuxarı hədd"),
        "range": ("range", "диапазон", "aralıq"),
        "none_recorded": ("none recorded", "не зафиксировано", "qeydə alınmayıb"),
        "qualitative": ("qualitative", "качественная оценка", "keyfiyyət qiymətləndirməsi"),
        "not_computed": ("not computed", "не рассчитано", "hesablanmayıb"),
    },
    "change_type": {
        "percent": ("percent change", "изменение в процентах", "faizlə dəyişmə"),
        "absolute": ("absolute change", "абсолютное изменение", "mütləq dəyişmə"),
        "percentage_points": (
            "change in percentage points",
            "изменение в процентных пунктах",
            "faiz bəndi ilə dəyişmə",
        ),
        "none": ("no change computed", "изменение не рассчитывается", "dəyişmə hesablanmır"),
    },
    "confidence": {
        "official": ("official", "официальные данные", "rəsmi məlumat"),
        "statistical_review": ("Statistical Review", "Statistical Review", "Statistical Review"),
        "officials_statement": ("official's statement", "заявление официального лица", "rəsmi şəxsin bəyanatı"),
        "secondary": ("secondary source", "вторичный источник", "ikinci dərəcəli mənbə"),
        "computed": ("computed", "расчётное значение", "hesablanmış qiymət"),
    },
    "measure": {
        "level": ("level", "уровень", "səviyyə"),
        "count": ("count", "количество", "say"),
        "share": ("share", "доля", "pay"),
        "growth": ("growth", "прирост", "artım"),
        "rank": ("rank", "место", "yer"),
        "ratio": ("ratio", "соотношение", "nisbət"),
        "balance": ("balance", "сальдо", "saldo"),
        "text": ("text", "текст", "mətn"),
        "price": ("price", "цена", "qiymət"),
    },
    "event_category": {
        "diplomatic": ("diplomatic", "дипломатия", "diplomatiya"),
        "treaty": ("treaty", "договоры", "müqavilələr"),
        "security": ("security", "безопасность", "təhlükəsizlik"),
        "conflict": ("conflict", "конфликт", "münaqişə"),
        "economic": ("economic", "экономика", "iqtisadiyyat"),
        "transport": ("transport", "транспорт", "nəqliyyat"),
        "energy": ("energy", "энергетика", "energetika"),
        "humanitarian": ("humanitarian", "гуманитарная сфера", "humanitar sahə"),
        "crisis": ("crisis", "кризис", "böhran"),
        "multilateral": ("multilateral", "многосторонние форматы", "çoxtərəfli formatlar"),
    },
    "event_layer": {
        "political": ("political events", "политические события", "siyasi hadisələr"),
        "caspian": ("Caspian", "Каспий", "Xəzər"),
    },
}

# kind -> every code the data may hold (the vocabulary each kind must cover in full)
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "reporter": REPORTERS,
    "reported_by": REPORTERS,
    "domain": DOMAINS,
    "unit": (*sorted(CANONICAL_UNITS), *CHANGE_UNITS),
    "qualifier": tuple(dict.fromkeys((*QUALIFIERS, *CHANGE_QUALIFIERS))),
    "change_type": CHANGE_TYPES,
    "confidence": CONFIDENCE,
    "measure": MEASURES,
    "event_category": EVENT_CATEGORIES,
    "event_layer": EVENT_LAYERS,
}


def display(kind: str, value: str, lang: str) -> str:
    """The name of vocabulary code ``value`` of ``kind`` in ``lang`` (an unknown language: English).

    An unknown kind or code is a programming error, never shown raw: it raises ``KeyError`` naming both.
    """
    names = DISPLAY.get(kind)
    if names is None:
        raise KeyError(f"no vocabulary kind {kind!r}; known kinds: {', '.join(DISPLAY)}")
    if value not in names:
        raise KeyError(f"{value!r} is not a {kind} code; known codes: {', '.join(names)}")
    position = DISPLAY_LANGS.index(lang) if lang in DISPLAY_LANGS else 0
    return names[value][position]
