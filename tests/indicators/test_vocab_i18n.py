"""Display names of the vocabularies (indicators/vocab_i18n.py): every code named in en, ru and az."""

from __future__ import annotations

import re

import pytest

from indicators.vocab_i18n import DISPLAY, DISPLAY_LANGS, VOCABULARIES, display

CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def test_every_vocabulary_value_has_a_name_in_each_language() -> None:
    assert set(VOCABULARIES) == set(DISPLAY)
    for kind, codes in VOCABULARIES.items():
        assert sorted(DISPLAY[kind]) == sorted(codes), kind
        for code in codes:
            for lang in DISPLAY_LANGS:
                assert display(kind, code, lang).strip(), (kind, code, lang)


def test_azerbaijani_names_are_latin_and_never_cyrillic() -> None:
    for kind, names in DISPLAY.items():
        for code, (_, _, az) in names.items():
            assert not CYRILLIC.search(az), (kind, code, az)
            assert "ä" not in az.lower(), (kind, code, az)


def test_russian_names_are_cyrillic_except_names_kept_as_published() -> None:
    kept = {("reporter", "BP"), ("reporter", "EI"), ("confidence", "statistical_review")}
    for kind, names in DISPLAY.items():
        for code, (_, ru, _) in names.items():
            if (kind, code) in kept or ru in ("%",):
                continue
            assert CYRILLIC.search(ru), (kind, code, ru)


@pytest.mark.parametrize(
    ("kind", "code", "lang", "expected"),
    [
        ("unit", "USD million", "ru", "млн долл. США"),
        ("unit", "USD million", "az", "mln ABŞ dolları"),
        ("unit", "TIV million", "ru", "млн TIV"),
        ("unit", "TIV million", "az", "mln TIV"),
        ("unit", "kb/d", "en", "thousand barrels/day"),
        ("unit", "bcm", "ru", "млрд куб. м"),
        ("unit", "pp", "ru", "п. п."),
        ("reporter", "SOCAR", "ru", "ГНКАР"),
        ("reporter", "AZ", "az", "Azərbaycan"),
        ("reported_by", "RU", "ru", "по данным России"),
        ("reported_by", "AZ", "en", "reported by Azerbaijan"),
        ("qualifier", "lower_bound", "en", "lower bound"),
        ("qualifier", "not_computed", "az", "hesablanmayıb"),
        ("domain", "energy", "az", "Energetika"),
        ("event_layer", "caspian", "ru", "Каспий"),
        ("change_type", "percentage_points", "ru", "изменение в процентных пунктах"),
        # an unknown language falls back to English, like dashboard.i18n.gettext
        ("unit", "Mt", "de", "million tonnes"),
    ],
)
def test_display_on_known_values(kind: str, code: str, lang: str, expected: str) -> None:
    assert display(kind, code, lang) == expected


def test_an_unknown_kind_or_code_is_an_error_naming_it() -> None:
    with pytest.raises(KeyError, match="'colour'"):
        display("colour", "red", "ru")
    with pytest.raises(KeyError, match="'furlongs' is not a unit code"):
        display("unit", "furlongs", "ru")
