"""Chapter commentary in Russian and Azerbaijani: same placeholders as English, words and numbers in the language,
complete gettext catalogues, translated chapter titles."""

from __future__ import annotations

import csv
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from dashboard.commentary import (
    CHAPTER_COUNT,
    COMMENTARY_DIR,
    CommentaryError,
    chapter_body,
    commentary_panel,
    parse_placeholder,
    parse_placeholders,
    plain_text,
    read_chapters,
    render_markdown,
    resolve,
)
from dashboard.commentary.periods import period_words
from dashboard.commentary.words import az_ordinal, count_phrase, range_phrase, subject_words, value_phrase
from dashboard.data import DataStore
from dashboard.i18n import LOCALE_DIR, catalogue_path, format_number, ngettext
from dashboard.text import period_text
from indicators.pipeline import DEFAULT_CLEAN

TRANSLATED = ("ru", "az")
CHAPTERS = read_chapters()
NBSP = "\u00a0"
# Babel keywords of the commentary package (README, "Translations"): t(lang, msg), tn(lang, singular, plural, n)
KEYWORDS = {"t": (2,), "tn": (2, 3)}
PLACEHOLDER = re.compile(r"\{\{.*?\}\}", re.DOTALL)
LINK_TARGET = re.compile(r"\]\([^)]*\)")

# The renderer's English words: none may reach a Russian or Azerbaijani page.
ENGLISH_PHRASES = [
    "million", "entries", "entry", "dated", "reported by", "computed here", "third party", "approximate",
    "lower bound", "upper bound", "not computed", "tonnes", "persons", "bcm", "Mt", "USD", "pp", "update",
    "data to", "delivered", "as of", "Report chapter", "Chapter page", "Jan", "May", "Apr", "H1", "Azerbaijan",
    "Russia", "Baku", "INSTC", "settlements", "end not stated", "inferred",
]  # fmt: skip
ENGLISH_RE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ENGLISH_PHRASES) + r")\b")
# Latin-script words allowed in Russian text: proper names and titles that stay as published.
RU_LATIN_ALLOWED = {"AZAL", "TIV", "SIPRI", "IMF", "BP", "Energy", "Institute", "Statistical", "Review", "of", "World"}
RU_LATIN_ALLOWED |= {"Sputnik", "I", "II", "III", "IV"}  # and Roman numerals of half-years and quarters
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
AZ_LETTERS = re.compile(r"[əğıöüçşƏĞİÖÜÇŞ]")

# What may stand as digits in translated prose (placeholders and link targets removed first).
RU_MONTHS = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
ALLOWED_DIGITS = [
    re.compile(r"(?<![\d,.])(?:19[2-9]\d|20[0-3]\d)(?:-(?:ci|cı|cu|cü))?(?![\d%,.]\d)"),  # a year (az: 2022-ci)
    re.compile(rf"\b\d{{1,2}} {RU_MONTHS}"),  # 5 марта
    re.compile(r"\[?(?:главе|главы|глава) (?:1[01]|[1-9])\b"),  # глава 8
    re.compile(r"\[?(?:1[01]|[1-9])-(?:ci|cı|cu|cü) fəsil"),  # 8-ci fəsil
]


def signature(text: str, source: str) -> Counter[tuple[str, tuple[tuple[str, str], ...]]]:
    """The multiset of placeholders of a text: keyword and arguments, as the package parses them."""
    return Counter((ph.kind, tuple(sorted(ph.args.items()))) for ph in parse_placeholders(text, source))


def hard_typed(text: str) -> list[str]:
    """Digits in prose that are not a year, a day before a month, or a chapter reference."""
    rest = LINK_TARGET.sub("]", PLACEHOLDER.sub(" ", text))
    for pattern in ALLOWED_DIGITS:
        rest = pattern.sub(" ", rest)
    return re.findall(r"\S*\d\S*", rest)


@pytest.fixture(scope="module")
def panels(data: DataStore) -> dict[tuple[int, str], str]:
    """The visible text of every chapter's panel in every language."""
    return {
        (ch.number, lang): plain_text(commentary_panel(ch.number, data, lang))
        for ch in CHAPTERS
        for lang in ("en", *TRANSLATED)
    }


def test_every_chapter_has_a_russian_and_an_azerbaijani_file():
    names = sorted(p.name for p in COMMENTARY_DIR.glob("chapter-*.md"))
    expected = [f"chapter-{n:02d}{suffix}.md" for n in range(1, CHAPTER_COUNT + 1) for suffix in ("", ".az", ".ru")]
    assert names == sorted(expected)
    assert all(set(ch.texts) == {"en", "ru", "az"} for ch in CHAPTERS)


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.source)
def test_each_language_uses_exactly_the_english_placeholders(chapter, lang):
    english = signature(chapter.text, chapter.source)
    assert english, "every chapter has placeholders"
    assert signature(chapter.texts[lang], chapter.sources[lang]) == english


def test_the_placeholder_comparison_catches_a_typed_number_and_a_changed_argument():
    ch = CHAPTERS[7]
    first = parse_placeholders(ch.texts["ru"], ch.sources["ru"])[0].raw
    typed = ch.texts["ru"].replace(first, "1 955 млн долл. США", 1)
    assert signature(typed, "x") != signature(ch.text, ch.source)
    shifted = ch.texts["ru"].replace("year=2014", "year=2013", 1)
    assert signature(shifted, "x") != signature(ch.text, ch.source)
    assert hard_typed(typed) == ["1", "955"]


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.source)
def test_translated_prose_types_no_figure_and_azerbaijani_year_suffixes_are_right(chapter, lang):
    text = chapter.texts[lang]
    assert hard_typed(text) == []
    for year, suffix in re.findall(r"\b(\d{1,4})-(ci|cı|cu|cü)\b", text):
        assert f"{year}-{suffix}" == az_ordinal(int(year))


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.source)
def test_every_chapter_renders_in_the_language_with_no_english_renderer_word(chapter, lang, panels):
    text = panels[(chapter.number, lang)]
    assert ENGLISH_RE.findall(text) == []
    assert chapter.title_in(lang) in text
    if lang == "ru":
        latin = set(re.findall(r"[A-Za-z]+", text))
        assert latin <= RU_LATIN_ALLOWED, latin - RU_LATIN_ALLOWED
        assert CYRILLIC.search(text)
    else:
        assert not CYRILLIC.search(text)
        assert AZ_LETTERS.search(text)


def test_english_panels_keep_their_english_words(panels):
    assert "dated entries" in panels[(1, "en")]
    assert "Report chapter 8: Russia-Azerbaijan Economic Interaction" in panels[(8, "en")]


def _observation(obs_id: str) -> float:
    with (DEFAULT_CLEAN / "observations.csv").open(encoding="utf-8", newline="") as fh:
        return next(float(r["value"]) for r in csv.DictReader(fh) if r["obs_id"] == obs_id)


def test_russian_and_azerbaijani_numbers_match_data_clean_in_the_locale_style(panels):
    turnover_2014 = _observation("D-trade_az_ru_turnover-AZ-2014")  # 1954.7519 in data/clean
    turnover_2013 = _observation("D-trade_az_ru_turnover-AZ-2013")  # 2583.0229
    assert format_number(turnover_2014, "ru") == f"1{NBSP}955"
    ru, az = panels[(8, "ru")], panels[(8, "az")]
    assert f"1{NBSP}955 млн долл. США (2014, по данным Азербайджана)" in ru
    assert f"1{NBSP}955 mln ABŞ dolları (2014, Azərbaycanın məlumatına görə)" in az
    change = (turnover_2014 / turnover_2013 - 1) * 100  # −24.32 %
    assert f"\u2212{format_number(abs(change), 'ru', 1)}%" == "\u221224,3%"
    assert "\u221224,3% (с 2013 по 2014 г., по данным Азербайджана)" in ru
    assert "\u221224,3% (2013–2014-cü illər, Azərbaycanın məlumatına görə)" in az
    assert "по состоянию на апрель 2022 г." in ru and "январь–май 2024 г., все двусторонние расчёты" in ru
    assert "vəziyyət: aprel 2022" in az and "2024-cü ilin yanvar–may ayları" in az


def test_russian_plurals_agree_with_the_number_and_azerbaijani_nouns_do_not(panels):
    assert [count_phrase(n, "ru") for n in (1, 2, 5, 11, 21, 22, 25, 111)] == [
        "1 запись", "2 записи", "5 записей", "11 записей", "21 запись", "22 записи", "25 записей", "111 записей",
    ]  # fmt: skip
    assert {count_phrase(n, "az") for n in (1, 2)} == {"1 tarixli qeyd", "2 tarixli qeyd"}
    assert [count_phrase(n, "en") for n in (1, 2)] == ["1 dated entry", "2 dated entries"]
    assert ngettext("{num} person", "{num} persons", 3, "ru") == "{num} человека"
    assert f"624{NBSP}753 человека (2023, по данным Азербайджана)" in panels[(11, "ru")]
    assert f"480{NBSP}000 человек (2023, по данным России)" in panels[(11, "ru")]
    assert "12 записей (1992–2025)" in panels[(1, "ru")]
    assert "2 записи (2025)" in panels[(11, "ru")]


def test_shares_name_window_and_release_in_the_language_and_keep_the_tiv_caution(panels):
    ru, az = panels[(10, "ru")], panels[(10, "az")]
    assert "16,4% (от TIV поставок в Азербайджан за 2016–20 гг.; SIPRI, обновление от марта 2025 г." in ru
    assert "79,0% (от TIV поставок в Азербайджан за 2011–15 гг.; SIPRI, обновление от марта 2022 г." in ru
    assert "(2024-cü ilədək məlumatlar)" in az and "индикатора тренда (TIV)" in ru


@pytest.mark.parametrize(
    ("code", "ru", "az"),
    [
        ("2019", "2019", "2019"),
        ("2019-03", "март 2019 г.", "mart 2019"),
        ("2019-03-05", "5 марта 2019 г.", "5 mart 2019"),
        ("2022-H1", "I полугодие 2022 г.", "2022-ci ilin I yarısı"),
        ("2011-Q2", "II квартал 2011 г.", "2011-ci ilin II rübü"),
        ("2024-01..2024-05", "январь–май 2024 г.", "2024-cü ilin yanvar–may ayları"),
        ("2000..2006", "2000–2006", "2000–2006"),
        ("2021-03..", "март 2021 г. и далее (окончание не указано)", "mart 2021 və sonrası (sonu göstərilməyib)"),
        ("@2022-04", "по состоянию на апрель 2022 г.", "vəziyyət: aprel 2022"),
        ("2019?", "2019 (дата установлена косвенно)", "2019 (tarix dolayı yolla müəyyən edilib)"),
    ],
)
def test_periods_read_as_words_in_each_language(code, ru, az):
    assert period_words(code, "ru") == ru
    assert period_words(code, "az") == az
    assert period_words(code, "en") == period_text(code)


def test_azerbaijani_ordinals_follow_vowel_harmony():
    cases = {1: "ci", 3: "cü", 6: "cı", 9: "cu", 10: "cu", 40: "cı", 100: "cü", 1990: "cı", 2000: "ci", 2010: "cu"}
    assert {n: az_ordinal(n).split("-")[1] for n in cases} == cases


def test_a_subject_without_words_fails_in_russian_but_shows_as_is_in_english():
    ph = parse_placeholder("{{value indicator=x year=2020 subject=Mars}}")
    assert subject_words("Mars", "en", ph, "f.md") == "Mars"
    with pytest.raises(CommentaryError, match="subject 'Mars' has no words in language 'ru'"):
        subject_words("Mars", "ru", ph, "f.md")


def test_an_unknown_language_is_an_error_not_a_silent_english_fallback(data: DataStore):
    with pytest.raises(CommentaryError, match="unknown language 'de'"):
        render_markdown("{{count events category=crisis}}", data, "f.md", "de")
    with pytest.raises(KeyError):
        chapter_body(CHAPTERS[0], data, "de")
    assert resolve(parse_placeholder("{{count events category=crisis}}"), data).text == "9 dated entries"


def test_chapter_titles_are_translated_and_a_missing_title_or_file_is_an_error(tmp_path: Path):
    for ch in CHAPTERS:
        assert CYRILLIC.search(ch.title_in("ru")) and CYRILLIC.search(ch.short_title_in("ru"))
        assert not CYRILLIC.search(ch.title_in("az")) and ch.title_in("az") != ch.title
        assert ch.short_title_in("az") and ch.short_title_in("az") != ch.short_title
    assert CHAPTERS[7].title_in("az") == "Rusiya–Azərbaycan iqtisadi qarşılıqlı əlaqələri: reallıq və perspektivlər"
    copy = tmp_path / "commentary"
    shutil.copytree(COMMENTARY_DIR, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (copy / "chapter-03.az.md").unlink()
    with pytest.raises(CommentaryError, match=r"chapter-03\.az\.md.*commentary file missing \(language az\)"):
        read_chapters(copy)
    shutil.copy(COMMENTARY_DIR / "chapter-03.az.md", copy / "chapter-03.az.md")
    rows = (copy / "chapters.csv").read_text(encoding="utf-8").splitlines()
    rows[2] = rows[2].replace("Региональное измерение", "")
    (copy / "chapters.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(CommentaryError, match=r"line 3, column short_title_ru.*empty title"):
        read_chapters(copy)


def _pot_ids() -> set[str]:
    with (LOCALE_DIR / "messages.pot").open("rb") as fh:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_catalogue_has_every_template_message_translated_and_none_fuzzy(lang):
    with catalogue_path(lang).open("rb") as fh:
        catalogue = read_po(fh, locale=lang)
    assert not catalogue.obsolete
    entries = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalogue if m.id}
    missing = _pot_ids() - set(entries)
    assert missing == set()
    for msgid, m in entries.items():
        assert not m.fuzzy, msgid
        forms = [m.string] if isinstance(m.string, str) else list(m.string)
        assert forms and all(f.strip() for f in forms), msgid
        if isinstance(m.id, tuple):
            assert len(forms) == catalogue.num_plurals, msgid
        fields = set(re.findall(r"\{(\w+)\}", " ".join(forms)))
        assert fields <= set(re.findall(r"\{(\w+)\}", msgid)) | _EXTRA_FIELDS, (msgid, fields)


# Fields a translation may use besides the English message's own (given by the caller for ru/az grammar).
_EXTRA_FIELDS = {
    "month", "month_gen", "year_ord", "half_roman", "quarter_roman", "start_month", "start_month_gen",
    "end_month", "end_month_gen", "end_ord", "number_ord", "data_year_ord",
}  # fmt: skip


def test_extraction_finds_no_commentary_message_missing_from_the_template():
    root = Path(__file__).resolve().parents[2] / "dashboard"
    found = {
        msg if isinstance(msg, str) else msg[0]
        for _file, _line, msg, _comments, _context in extract_from_dir(
            root, method_map=[("**.py", "python")], keywords=KEYWORDS
        )
    }
    assert "{num} dated entry" in found and "reported by AZ" in found
    assert found - _pot_ids() == set()


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_numeric_unit_of_the_catalogue_has_words_in_each_language(lang, data: DataStore):
    ph = parse_placeholder("{{value indicator=x year=2020}}")
    units = sorted(set(data.catalogue["unit"].astype(str)) - {"text"})
    assert "USD million" in units and "persons" in units
    for unit in units:
        for qualifier in ("exact", "approximate", "lower_bound"):
            text = value_phrase({"value": 1234.5, "qualifier": qualifier}, unit, lang, ph, "f.md")
            assert ENGLISH_RE.findall(text) == [], (unit, text)
            assert f"1{NBSP}234" in text or "1,23" in text, (unit, text)
        assert ENGLISH_RE.findall(range_phrase(2.0, 3.5, unit, lang, ph, "f.md")) == []
    assert value_phrase({"value": 3.0, "qualifier": "exact"}, "trips", "ru", ph, "f.md") == "3 поездки"
    assert value_phrase({"value": 1.5, "qualifier": "exact"}, "times", "ru", ph, "f.md") == "1,50 раза"
    assert range_phrase(10.0, 12.5, "percent", "az", ph, "f.md") == "10,0–12,5%"
    assert value_phrase({"value": -0.4, "qualifier": "exact"}, "pp", "ru", ph, "f.md") == "\u22120,4 п. п."
    with pytest.raises(CommentaryError, match="unit 'furlongs' has no words in language 'az'"):
        value_phrase({"value": 1.0, "qualifier": "exact"}, "furlongs", "az", ph, "f.md")
