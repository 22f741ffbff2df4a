"""Period codes in words and the credit line of a row, on hand-built inputs."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.text import conversion_text, credit_text, period_text, source_label, with_credits


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("2019", "2019"),
        ("2019-03", "Mar 2019"),
        ("2019-03-05", "5 Mar 2019"),
        ("2019-H1", "H1 2019"),
        ("2019-H2", "H2 2019"),
        ("2011-Q2", "Q2 2011"),
        ("2024-01..2024-06", "Jan–Jun 2024"),
        ("2024-01..2024-06?", "Jan–Jun 2024 (dates inferred)"),
        ("2022-11..2023-03", "Nov 2022–Mar 2023"),
        ("2024-01-01..2024-08-19", "1 Jan–19 Aug 2024"),
        ("2000..2006", "2000–2006"),
        ("1999..2021-11", "1999–Nov 2021"),
        ("2000-11..", "from Nov 2000 (end not stated)"),
        ("@2021", "as of 2021"),
        ("@2021?", "as of 2021 (date inferred)"),
        ("@2019-01", "as of Jan 2019"),
        ("2019?", "2019 (date inferred)"),
        ("2024-H1?", "H1 2024 (date inferred)"),
    ],
)
def test_period_codes_read_as_words(code: str, words: str) -> None:
    assert period_text(code) == words


@pytest.mark.parametrize("code", ["", "19", "2019-13", "2019-H3", "2019-Q5", "soon", "@", "..2019"])
def test_a_code_outside_the_grammar_is_an_error(code: str) -> None:
    with pytest.raises(ValueError, match="not a period code"):
        period_text(code)


SOURCES = {
    "dots": {
        "source_id": "dots",
        "publisher": "International Monetary Fund (IMF), Direction of Trade Statistics (DOTS)",
        "edition": "DOTS export of 2022-02 (annual data to 2020)",
        "outlet": "public GitHub copy",
    },
    "ei": {
        "source_id": "ei",
        "publisher": "Energy Institute, Statistical Review of World Energy 2025",
        "edition": "EI Statistical Review 2025 (data to 2024)",
    },
    "ssc": {
        "source_id": "ssc",
        "publisher": "State Statistics Committee of Azerbaijan",
        "outlet": "1news.az",
        "date": "2015-08-18",
    },
    "digest": {
        "source_id": "digest",
        "publisher": "State Customs Committee of Azerbaijan",
        "outlet": "Federal Lezghi NCA digest (Turan)",
    },
    "cdu": {
        "source_id": "cdu",
        "publisher": "CDU TEK (Russian energy dispatch office)",
        "outlet": "The Tribune (Baku)",
        "date": "2021-07",
    },
}


def test_source_label_adds_the_edition_or_the_outlet_and_date() -> None:
    assert source_label(SOURCES["dots"]) == (
        "IMF Direction of Trade Statistics, DOTS export of 2022-02 (annual data to 2020)"
    )
    assert source_label(SOURCES["ei"]) == "Energy Institute Statistical Review 2025 (data to 2024)"
    assert source_label(SOURCES["ssc"]) == "State Statistics Committee of Azerbaijan, via 1news.az (2015-08-18)"


def test_a_converted_row_names_its_input_publisher_and_the_factor_never_record_ids() -> None:
    row = {
        "confidence": "computed",
        "source_id": "ssc",
        "source_ids": "ssc",
        "formula": "energy_oil_production_mt × 11.63 TWh per Mt",
        "locator": "computed from EN0327",
        "reporter": "AZ",
    }
    text = credit_text(row, SOURCES)
    assert text == "computed from State Statistics Committee of Azerbaijan, via 1news.az (2015-08-18) at 11.63 TWh/Mt"
    assert "EN0327" not in text
    gas = {**row, "formula": "energy_gas_production_marketed_bcm × 10 TWh per bcm"}
    assert credit_text(gas, SOURCES).endswith(" at 10 TWh/bcm")
    assert conversion_text("trade_az_to_ru − trade_ru_to_az (same reporter)") is None


def test_a_computed_row_of_two_sources_names_both() -> None:
    row = {"confidence": "computed", "source_id": "dots", "source_ids": "dots;ei", "formula": "a ÷ b"}
    assert credit_text(row, SOURCES) == (
        "computed from IMF Direction of Trade Statistics, DOTS export of 2022-02 (annual data to 2020) and "
        "Energy Institute Statistical Review 2025 (data to 2024)"
    )


def test_a_russian_figure_is_never_credited_to_the_azerbaijani_customs() -> None:
    row = {"confidence": "secondary", "source_id": "digest", "reporter": "RU"}
    assert credit_text(row, SOURCES) == "Russian figure relayed by Federal Lezghi NCA digest (Turan)"
    own = {"confidence": "official", "source_id": "digest", "reporter": "AZ"}
    assert credit_text(own, SOURCES) == "State Customs Committee of Azerbaijan, via Federal Lezghi NCA digest (Turan)"


def test_an_organisations_figure_published_by_another_body_names_both() -> None:
    row = {"confidence": "secondary", "source_id": "cdu", "reporter": "SOCAR"}
    assert credit_text(row, SOURCES) == (
        "SOCAR figure from CDU TEK (Russian energy dispatch office), via The Tribune (Baku) (2021-07)"
    )


def test_with_credits_adds_one_credit_per_row() -> None:
    obs = pd.DataFrame(
        {
            "confidence": ["official", "computed"],
            "source_id": ["dots", "ei"],
            "source_ids": ["dots", "ei"],
            "formula": [None, "energy_oil_production_twh ÷ 11.63 TWh per Mt"],
            "reporter": ["AZ", "EI"],
        }
    )
    sources = pd.DataFrame(list(SOURCES.values()))
    out = with_credits(obs, sources)
    assert out["credit"].tolist() == [
        "IMF Direction of Trade Statistics, DOTS export of 2022-02 (annual data to 2020)",
        "computed from Energy Institute Statistical Review 2025 (data to 2024) at 11.63 TWh/Mt",
    ]
