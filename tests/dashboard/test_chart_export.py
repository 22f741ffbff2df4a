"""A chart's CSV, "view data" table and burned-in export lines: exactly the rows of data/clean it draws."""

from __future__ import annotations

import datetime as dt
import io
import json
from urllib.parse import parse_qs, urlencode

import dash
import pandas as pd
import pytest

from dashboard.app import create_app
from dashboard.chart_export import CSV_COLUMNS, chart_rows, file_name, source_lines, table_html
from dashboard.chart_routes import public_view
from dashboard.components import chart_card, graph_config, source_block
from dashboard.figures import empty_figure
from dashboard.ids import linked
from indicators.pipeline import DEFAULT_CLEAN
from tests.dashboard.layout_walk import find

OBS = pd.read_csv(DEFAULT_CLEAN / "observations.csv", dtype=str, keep_default_na=False)
SOURCES = pd.read_csv(DEFAULT_CLEAN / "sources.csv", dtype=str, keep_default_na=False)
OBS_COLUMNS = ["indicator", "reporter", "subject", "period", "value", "unit", "qualifier", "source_id", "edition"]


@pytest.fixture(scope="module")
def client(data):
    return create_app(store=data).server.test_client()


def clean_rows(mask: pd.Series) -> pd.DataFrame:
    """The rows of data/clean/observations.csv under ``mask`` with their source's publisher and URL."""
    rows = OBS[mask][OBS_COLUMNS].merge(SOURCES[["source_id", "publisher", "url"]], on="source_id", how="left")
    return rows[CSV_COLUMNS].sort_values(["indicator", "reporter", "subject", "period"]).reset_index(drop=True)


def served_csv(client, graph_id: str, view: str) -> pd.DataFrame:
    response = client.get(f"/chart-data/{graph_id}.csv", query_string={"view": view})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    return frame.sort_values(["indicator", "reporter", "subject", "period"]).reset_index(drop=True)


def test_the_csv_of_the_bp_oil_chart_is_the_clean_bp_rows(client):
    got = served_csv(client, "energy-oil-az", "/energy?sources=bp")
    want = clean_rows(
        (OBS["indicator"] == "energy_oil_production_mt") & (OBS["reporter"] == "BP") & (OBS["subject"] == "AZ")
    )
    assert list(got.columns) == CSV_COLUMNS
    assert len(got) == 31 and got["period"].tolist() == [str(y) for y in range(1990, 2021)]
    assert got.loc[0, "value"] == "12.5" and got.loc[30, "value"] == want.loc[30, "value"]
    pd.testing.assert_frame_equal(got, want)


def test_the_csv_of_the_military_expenditure_chart_is_both_money_series(client):
    got = served_csv(client, "arms-milex", "/arms")
    want = clean_rows(
        OBS["indicator"].isin(["arms_milex_current_usd", "arms_milex_constant_2022_usd"]) & (OBS["kind"] == "series")
    )
    assert len(got) == 64
    pd.testing.assert_frame_equal(got, want)


def test_the_csv_follows_the_view_the_tiv_release(client):
    march_2024 = "SIPRI Arms Transfers Database, March 2024 update (data to 2023)"
    got = served_csv(client, "arms-tiv", "/arms?release=2023")
    assert set(got["edition"]) == {march_2024}
    want = clean_rows((OBS["indicator"] == "arms_tiv_to_az") & (OBS["edition"] == march_2024))
    pd.testing.assert_frame_equal(got, want[want["subject"] != "all suppliers (sum)"].reset_index(drop=True))


def test_the_csv_of_the_compare_slope_chart_is_year_a_and_b_of_its_drawn_lines(client, data):
    # /compare 2013 → 2014, the two turnover rows ticked: the chart's tools add its drawn rows to the view
    edition = "DOTS export of 2022-02 (annual data to 2020)"
    rows = [f"trade_az_ru_turnover|{rep}||{edition}" for rep in ("AZ", "RU")]
    view = "/compare?a=2013&b=2014&" + urlencode([("_rows", r) for r in rows])
    got = served_csv(client, "cmp-slope", view)
    want = clean_rows(
        (OBS["indicator"] == "trade_az_ru_turnover") & OBS["period"].isin(["2013", "2014"]) & (OBS["kind"] == "series")
    )
    assert len(got) == 4 and got["value"].tolist() == ["2583.0229", "1954.7519", "3578.4011", "4009.0208"]
    pd.testing.assert_frame_equal(got, want)
    # the figure names the same rows for its tools; the export line shows the page's own address
    page = dash.page_registry["dashboard.pages.compare"]["layout"]
    slope = find(page(a="2013", b="2014", _rows=rows), "cmp-slope").figure
    assert parse_qs(slope.layout.meta["view_query"]) == {"_rows": rows}
    meta = json.loads(client.get("/chart-data/cmp-slope.json", query_string={"view": view}).get_data(as_text=True))
    assert meta["title"] == "Change 2013 → 2014 (index, 2013 = 100)"
    # both reporters' workbooks (imf-dots-aze-2022, imf-dots-rus-2022) read alike: one line
    assert meta["lines"][:2] == [
        "Unit: index, 2013 = 100",
        "Source: International Monetary Fund (IMF), Direction of Trade Statistics (DOTS), "
        "DOTS export of 2022-02 (annual data to 2020) (2022-02-02)",
    ]
    assert " · http://localhost/compare?a=2013&b=2014 · " in meta["lines"][-1]
    assert public_view(view) == "/compare?a=2013&b=2014"
    # nothing ticked: no line, no row
    assert len(served_csv(client, "cmp-slope", "/compare?a=2013&b=2014&_rows=none")) == 0


def test_the_export_lines_name_unit_source_edition_and_dates(client, data):
    response = client.get("/chart-data/energy-oil-az.json", query_string={"view": "/energy?sources=bp&year=2014"})
    meta = json.loads(response.get_data(as_text=True))
    built = json.loads((DEFAULT_CLEAN / "validation_report.json").read_text())["built_at"][:10]
    today = dt.date.today().isoformat()
    assert meta == {
        "title": "Oil production — Azerbaijan (million tonnes)",
        "filename": "ruaz-energy-oil-az-2014",
        "lines": [
            "Unit: Mt",
            "Source: BP p.l.c., Statistical Review of World Energy 2021, "
            "BP Statistical Review 2021 (data to 2020) (2021)",
            f"RU–AZ Indicators · http://localhost/energy?sources=bp&year=2014 · data built {built} · exported {today}",
        ],
    }


def test_the_view_data_table_has_a_caption_and_column_headers(client):
    text = client.get("/chart-data/arms-milex.html", query_string={"view": "/arms"}).get_data(as_text=True)
    assert text.startswith('<table class="table chart-table"><caption>Data behind the chart')
    assert ": 64 rows</caption>" in text
    assert text.count('<th scope="col">') == 9 and text.count("<tr>") == 65
    assert "<td>1992</td><td>359.4</td><td>USD million (constant 2022)</td>" in text


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/chart-data/nope.csv?view=/trade", 404),
        ("/chart-data/trade-main.csv?view=/zzz", 404),
        ("/chart-data/trade-main.xls?view=/trade", 404),
        ("/chart-data/trade-main.csv?view=http://example.org/", 400),
        ("/chart-data/trade-main.csv", 400),
    ],
)
def test_a_bad_chart_request_is_refused_with_a_reason(client, url, status):
    assert client.get(url).status_code == status


def test_rows_text_and_names_are_pure():
    frame = pd.DataFrame(
        {
            "indicator": ["x"],
            "reporter": ["AZ"],
            "subject": [None],
            "period": ["2014"],
            "value": [1.5],
            "unit": ["Mt"],
            "qualifier": ["approximate"],
            "source_id": ["s1"],
            "edition": ["E <1>"],
        }
    )
    rows = chart_rows(frame, {"s1": {"publisher": "P & Co", "url": "https://p.example/a?b=1&c=2"}})
    assert rows.iloc[0].tolist() == [
        "x",
        "AZ",
        None,
        "2014",
        1.5,
        "Mt",
        "approximate",
        "s1",
        "P & Co",
        "E <1>",
        "https://p.example/a?b=1&c=2",
    ]
    html_text = table_html(rows, "T <b>")
    assert "“T &lt;b&gt;”: 1 row</caption>" in html_text and "<td>E &lt;1&gt;</td>" in html_text
    assert 'href="https://p.example/a?b=1&amp;c=2"' in html_text and ">P &amp; Co</a>" in html_text
    assert file_name("trade-main", {"year": "2014", "from": "2005", "to": "x"}) == "ruaz-trade-main-2014-from2005"


def test_source_lines_are_unique_and_capped():
    same = {"publisher": "IMF", "edition": "DOTS 2022", "date": "2022-02-02"}
    assert source_lines([same, {**same, "source_id": "other"}]) == ["Source: IMF, DOTS 2022 (2022-02-02)"]
    many = [{"publisher": f"P{i}"} for i in range(8)]
    assert source_lines(many)[-1] == "… and 2 more sources (see the chart's CSV)" and len(source_lines(many)) == 7


def test_every_chart_card_has_no_cloud_button_and_named_image_files():
    # a linked graph has a dict id; everything derived from it uses its name "trade-main" (ids.dom_name)
    gid = linked("trade", "main")
    config = graph_config(gid)
    assert config["showSendToCloud"] is False and config["showEditInChartStudio"] is False
    assert {"sendDataToCloud", "toImage"} <= set(config["modeBarButtonsToRemove"])
    assert config["toImageButtonOptions"]["filename"] == "ruaz-trade-main"
    assert graph_config("arms-tiv")["toImageButtonOptions"]["filename"] == "ruaz-arms-tiv"

    card = chart_card(gid, empty_figure("x"), source_block(["IMF"], [], "trade-main-src"))
    assert find(card, gid).config == config
    assert find(card, "trade-main-csv").children == "CSV"
    assert find(card, "trade-main-csv").href == "/chart-data/trade-main.csv?view=/"
    assert find(card, "trade-main-data-view").className == "chart-data"
    assert find(card, "trade-main-alt").className == "sr-only"
    assert card.to_plotly_json()["props"]["aria-labelledby"] == "trade-main-alt"


def test_no_page_has_two_components_with_one_id(data):
    import dash

    create_app(store=data)
    for page in dash.page_registry.values():
        kwargs = {"chapter_id": "9"} if page.get("path_template") else {}
        # the citation items ("cite-<source>") repeat under every chart citing a source: not callback ids
        tree = page["layout"](**kwargs)
        ids = [str(c.id) for c in tree._traverse() if getattr(c, "id", None) and not str(c.id).startswith("cite-")]
        assert len(ids) == len(set(ids)), (page["path"], sorted({i for i in ids if ids.count(i) > 1}))
