"""The catalogue's Russian and Azerbaijani labels and definitions (data/raw/catalogue_i18n.csv).

Bad rows are rejected with a problem naming file, row, column, value and rule; the shipped file
translates every indicator; the clean catalogue carries the translations on each indicator's row.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from indicators_support import DATA_CLEAN, DATA_RAW, MINIMAL

from indicators import pipeline
from indicators.catalogue_i18n import TRANSLATION_COLUMNS, translation_problems, with_translations
from indicators.load import RAW_FILES, load_raw, parse_csv_text
from indicators.problems import Problem
from indicators.schemas_i18n import RawCatalogueI18nSchema
from indicators.validation import validate_frame

HEADER = "indicator_id,lang,label,definition"
CATALOGUE_HEADER = RAW_FILES["catalogue.csv"]
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def _problems(raw: Path) -> list[Problem]:
    _, problems, _ = pipeline.transform(load_raw(raw))
    return problems


@pytest.fixture
def minimal_raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(MINIMAL, raw)
    return raw


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# ------------------------------------------------------------------ bad rows
def test_the_minimal_fixture_passes_with_its_translations(minimal_raw: Path) -> None:
    assert _problems(minimal_raw) == []


def test_an_empty_russian_label_is_named_by_file_row_column_and_rule(minimal_raw: Path) -> None:
    mirror_ru = "trade_mirror_ratio,ru,"
    _edit(minimal_raw / "catalogue_i18n.csv", f"{mirror_ru}Зеркальный коэффициент,", f"{mirror_ru},")
    [problem] = _problems(minimal_raw)
    assert problem.line() == (
        "catalogue_i18n.csv:18: column 'label' breaks rule 'translated_label_not_empty': "
        "no empty translation: every indicator needs a label in each language"
    )


def test_an_empty_azerbaijani_definition_is_rejected(minimal_raw: Path) -> None:
    _edit(minimal_raw / "catalogue_i18n.csv", "Milyon tonla neft hasilatı.", "  ")
    assert _problems(minimal_raw) == [
        Problem(
            "catalogue_i18n.csv",
            23,
            "definition",
            "  ",
            "translated_definition_not_empty",
            "no empty translation: every indicator needs a definition in each language",
        )
    ]


def test_a_missing_language_row_names_the_untranslated_indicator(minimal_raw: Path) -> None:
    row = "arms_tiv_5y_sum,az,Beş il üzrə TIV,Bir buraxılışda beş il üzrə TIV cəmi.\n"
    _edit(minimal_raw / "catalogue_i18n.csv", row, "")
    assert _problems(minimal_raw) == [
        Problem(
            "catalogue.csv",
            15,
            "indicator_id",
            "arms_tiv_5y_sum",
            "translated_into_azerbaijani",
            "the indicator has no Azerbaijani (az) row in data/raw/catalogue_i18n.csv",
        )
    ]


def test_an_unknown_indicator_id_is_rejected(minimal_raw: Path) -> None:
    with (minimal_raw / "catalogue_i18n.csv").open("a", encoding="utf-8") as fh:
        fh.write("trade_az_ru_turnvoer,ru,Товарооборот,Опечатка в коде показателя.\n")
    assert _problems(minimal_raw) == [
        Problem(
            "catalogue_i18n.csv",
            34,
            "indicator_id",
            "trade_az_ru_turnvoer",
            "translated_indicator_in_catalogue",
            "indicator_id is not in data/raw/catalogue.csv",
        )
    ]


def test_a_label_copied_from_english_is_rejected_but_an_acronym_is_not() -> None:
    catalogue, _ = parse_csv_text(
        "catalogue.csv",
        ",".join(CATALOGUE_HEADER) + "\n"
        "arms_tiv_to_az,Arms transfers (TIV),arms,10,TIV million,level,percent,TIV is not money.,0,5000\n"
        "arms_tiv_5y_sum,TIV 5y,arms,10,TIV million,level,percent,Five-year TIV sum.,0,20000\n",
        CATALOGUE_HEADER,
    )
    i18n, _ = parse_csv_text(
        "catalogue_i18n.csv",
        f"{HEADER}\n"
        "arms_tiv_to_az,az,Arms transfers (TIV),TIV is not money.\n"
        "arms_tiv_to_az,ru,Поставки вооружений (TIV),TIV — не деньги.\n"
        "arms_tiv_5y_sum,ru,TIV 5y,Сумма TIV за пять лет.\n"
        "arms_tiv_5y_sum,az,TIV 5y,Beş il üzrə TIV cəmi.\n",
        HEADER.split(","),
    )
    assert catalogue is not None and i18n is not None
    assert [(p.row, p.column, p.value, p.rule) for p in translation_problems(i18n, catalogue)] == [
        (2, "label", "Arms transfers (TIV)", "label_not_the_english"),
        (2, "definition", "TIV is not money.", "definition_not_the_english"),
    ]


@pytest.mark.parametrize(
    ("row", "column", "rule"),
    [
        ("trade_az_to_ru,ru,Goods trade AZ to RU,Товары из Азербайджана.", "label", "label_in_language_script"),
        ("trade_az_to_ru,az,Mal ticarəti,Товары из Азербайджана.", "definition", "definition_in_language_script"),
        # ä typed for ə
        ("trade_az_to_ru,az,Mal ticaräti,Azərbaycandan Rusiyaya gedən mallar.", "label", "label_in_language_script"),
        ("trade_az_to_ru,de,Warenhandel,Waren aus Aserbaidschan nach Russland.", "lang", "isin(['ru', 'az'])"),
    ],
)
def test_a_text_in_the_wrong_script_or_language_is_rejected(row: str, column: str, rule: str) -> None:
    frame, _ = parse_csv_text("catalogue_i18n.csv", f"{HEADER}\n{row}\n", HEADER.split(","))
    assert frame is not None
    problems = validate_frame(RawCatalogueI18nSchema, frame, "catalogue_i18n.csv")
    assert [(p.row, p.column, p.rule) for p in problems] == [(2, column, rule)]


def test_two_rows_in_one_language_are_rejected() -> None:
    text = f"{HEADER}\ntrade_az_to_ru,ru,Торговля,Товары.\ntrade_az_to_ru,ru,Торговля товарами,Товары в Россию.\n"
    frame, _ = parse_csv_text("catalogue_i18n.csv", text, HEADER.split(","))
    assert frame is not None
    problems = validate_frame(RawCatalogueI18nSchema, frame, "catalogue_i18n.csv")
    assert [(p.row, p.column, p.value, p.rule) for p in problems] == [
        (2, "lang", "ru", "one_row_per_indicator_and_language"),
        (3, "lang", "ru", "one_row_per_indicator_and_language"),
    ]


# ------------------------------------------------------------ carried into clean
def test_with_translations_adds_one_column_per_field_and_language() -> None:
    catalogue = pd.DataFrame({"indicator_id": ["a_x", "b_y"], "label": ["A", "B"], "definition": ["Da", "Db"]})
    i18n = pd.DataFrame(
        {
            "indicator_id": ["b_y", "a_x", "a_x", "b_y"],
            "lang": ["ru", "ru", "az", "az"],
            "label": ["Б", "А", "Ə", "Bə"],
            "definition": ["Дб", "Да", "Də", "Dbə"],
            "_file": "catalogue_i18n.csv",
            "_line": [2, 3, 4, 5],
        }
    )
    out = with_translations(catalogue, i18n)
    assert list(out.columns) == ["indicator_id", "label", "definition", *TRANSLATION_COLUMNS]
    assert TRANSLATION_COLUMNS == ("label_ru", "label_az", "definition_ru", "definition_az")
    assert out.to_dict("records") == [
        {"indicator_id": "a_x", "label": "A", "definition": "Da", "label_ru": "А", "label_az": "Ə"}
        | {"definition_ru": "Да", "definition_az": "Də"},
        {"indicator_id": "b_y", "label": "B", "definition": "Db", "label_ru": "Б", "label_az": "Bə"}
        | {"definition_ru": "Дб", "definition_az": "Dbə"},
    ]


# ---------------------------------------------------------------- shipped data
@pytest.fixture(scope="module")
def clean_catalogue() -> pd.DataFrame:
    return pipeline.read_clean_table(DATA_CLEAN, "catalogue")


def test_every_indicator_is_translated_into_russian_and_azerbaijani(clean_catalogue: pd.DataFrame) -> None:
    raw = pd.read_csv(DATA_RAW / "catalogue.csv", dtype=str)
    assert list(clean_catalogue["indicator_id"]) == list(raw["indicator_id"])
    assert len(clean_catalogue) == 95
    for col in TRANSLATION_COLUMNS:
        assert clean_catalogue[col].notna().all() and clean_catalogue[col].str.strip().ne("").all(), col
    assert clean_catalogue["label_ru"].map(lambda s: bool(CYRILLIC.search(s))).all()
    assert not clean_catalogue["definition_az"].map(lambda s: bool(CYRILLIC.search(s))).any()
    i18n = pd.read_csv(DATA_RAW / "catalogue_i18n.csv", dtype=str)
    assert len(i18n) == 2 * 95


def _row(catalogue: pd.DataFrame, indicator: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in catalogue.set_index("indicator_id").loc[indicator].items()}


def test_tiv_is_not_money_in_every_language(clean_catalogue: pd.DataFrame) -> None:
    tiv = _row(clean_catalogue, "arms_tiv_to_az")
    assert "not money" in tiv["definition"]
    assert "а не деньги" in tiv["definition_ru"]
    assert "TIV pulu deyil, tədarükün həcmini ölçür" in tiv["definition_az"]
    for indicator in ("arms_tiv_5y_sum", "arms_tiv_10y_sum"):
        row = _row(clean_catalogue, indicator)
        assert "TIV — мера объёма, а не деньги." in row["definition_ru"]
        assert "TIV pul deyil, həcm ölçüsüdür." in row["definition_az"]
    milex = _row(clean_catalogue, "arms_milex_current_usd")
    assert "В отличие от TIV, это денежная величина." in milex["definition_ru"]


def test_marketed_gas_is_not_total_gas_in_every_language(clean_catalogue: pd.DataFrame) -> None:
    marketed = _row(clean_catalogue, "energy_gas_production_marketed_bcm")
    total = _row(clean_catalogue, "energy_gas_production_official_bcm")
    assert marketed["label_ru"] == "Добыча товарного газа (млрд куб. м)"
    assert marketed["label_az"] == "Əmtəəlik qaz hasilatı (mlrd kubmetr)"
    assert "Несопоставим с официальной «валовой» добычей газа." in marketed["definition_ru"]
    assert "Rəsmi «ümumi» qaz hasilatı ilə müqayisə edilə bilməz." in marketed["definition_az"]
    assert total["label_ru"].startswith("Валовая добыча газа")
    assert total["label_az"].startswith("Rəsmi məlumata görə ümumi qaz hasilatı")


def test_proper_names_take_their_usual_form(clean_catalogue: pd.DataFrame) -> None:
    for _, row in clean_catalogue.iterrows():
        if "SOCAR" in row["definition"]:
            assert "ГНКАР" in row["definition_ru"] and "SOCAR" in row["definition_az"], row["indicator_id"]
        if "Baku–Novorossiysk" in row["label"] + row["definition"]:
            assert "Баку–Новороссийск" in row["label_ru"] + row["definition_ru"], row["indicator_id"]
            assert "Bakı–Novorossiysk" in row["label_az"] + row["definition_az"], row["indicator_id"]
        assert "Azerbaijan" not in row["label_az"] + row["definition_az"], row["indicator_id"]
        assert "Baku" not in row["label_az"] + row["definition_az"], row["indicator_id"]
    assert _row(clean_catalogue, "transport_port_transit_cargo_mt")["label_az"] == "Bakı limanında tranzit yüklər"
    assert _row(clean_catalogue, "trade_az_ru_turnover")["label_ru"] == "Товарооборот Азербайджан–Россия"
