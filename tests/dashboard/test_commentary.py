"""Chapter commentary: every placeholder resolves, numbers follow the data, no typed figures, sane length."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from dash import dcc, html

from dashboard.commentary import (
    COMMENTARY_DIR,
    CommentaryError,
    chapter_body,
    commentary_panel,
    parse_placeholder,
    parse_placeholders,
    period_label,
    plain_text,
    read_chapters,
    render_markdown,
    resolve,
    resolve_text,
)
from dashboard.data import DataStore, load_store
from indicators.pipeline import DEFAULT_CLEAN
from tests.dashboard.layout_walk import walk

CHAPTERS = read_chapters()
MD_FILES = sorted(COMMENTARY_DIR.glob("chapter-??.md"))  # English; translations: test_commentary_i18n.py
PLACEHOLDER = re.compile(r"\{\{.*?\}\}", re.DOTALL)
NNBSP = "\u202f"
# Every chapter as rendered before commentary.py was split (issue 9): regenerate only for a deliberate
# change of wording or data, with `python -m tests.dashboard.test_commentary`.
RENDERED = Path(__file__).with_name("fixtures") / "commentary_rendered.json"

# What may stand as digits in commentary prose (placeholders removed first).
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
YEAR = r"(?:199\d|20[0-2]\d|2030)"
ALLOWED_NUMBERS = [
    re.compile(rf"\b\d{{1,2}} {MONTH} {YEAR}\b"),  # 10 November 2020
    re.compile(rf"\b{MONTH} \d{{1,2}}, {YEAR}\b"),  # November 10, 2020
    re.compile(rf"\b{YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"),  # 2020-11-10
    re.compile(r"\bchapters? (?:1[01]|[1-9])(?:(?:–|-| and | to |, )(?:1[01]|[1-9]))*\b", re.IGNORECASE),
    re.compile(r"/chapters/(?:1[01]|[1-9])\b"),  # deep links
    re.compile(rf"(?<!\d)(?<!\d[.,])\b{YEAR}\b(?![\d%])(?![.,]\d)"),  # a bare year 1990–2030
]
DIGIT = re.compile(r"\d")


def prose(text: str) -> str:
    """Commentary text with every placeholder removed."""
    return PLACEHOLDER.sub(" ", text)


def hard_typed_numbers(text: str) -> list[str]:
    """Digits left after removing placeholders and the allowed years, chapter numbers and dates."""
    rest = prose(text)
    for pattern in ALLOWED_NUMBERS:
        rest = pattern.sub(" ", rest)
    return [m.group(0) for m in re.finditer(r"\S*\d\S*", rest)]


def word_count(text: str) -> int:
    """Words of the commentary; a placeholder counts as one word, link targets do not count."""
    text = PLACEHOLDER.sub(" NUMBER ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return len([w for w in re.findall(r"\S+", text) if re.search(r"\w", w)])


def numbers(components: Any) -> list[html.Span]:
    return [c for c in walk(components) if isinstance(c, html.Span) and getattr(c, "className", "") == "num"]


def tree(component: Any) -> Any:
    """A component tree as plain JSON: type and every prop, children included."""
    if isinstance(component, list | tuple):
        return [tree(c) for c in component]
    if component is None or isinstance(component, str | int | float | bool):
        return component
    props = {k: tree(v) for k, v in sorted(component.to_plotly_json()["props"].items())}
    return {"type": f"{component._namespace}.{component._type}", "props": props}


def rendered_chapters(data: DataStore) -> dict[str, Any]:
    """Every chapter's rendered body, plus one topic-page panel, as JSON trees."""
    out = {ch.source: tree(chapter_body(ch, data)) for ch in CHAPTERS}
    out["panel-9"] = tree(commentary_panel(9, data))
    return out


@pytest.fixture
def tmp_clean(tmp_path: Path) -> Path:
    """A private copy of data/clean that a test may edit."""
    target = tmp_path / "clean"
    shutil.copytree(DEFAULT_CLEAN, target)
    return target


def set_observation_value(clean_dir: Path, obs_id: str, value: str) -> None:
    """Edit one value of observations.csv in place, leaving every other byte alone."""
    path = clean_dir / "observations.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    col, key = header.index("value"), header.index("obs_id")
    hits = [r for r in rows[1:] if r[key] == obs_id]
    assert len(hits) == 1, obs_id
    hits[0][col] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


# ------------------------------------------------------------- the files
def test_there_is_one_commentary_file_per_report_chapter_and_the_titles_are_the_reports():
    assert [c.number for c in CHAPTERS] == list(range(1, 12))
    assert [p.name for p in MD_FILES] == [f"chapter-{n:02d}.md" for n in range(1, 12)]
    titles = {c.number: c.title for c in CHAPTERS}
    assert titles[1] == "Political and Diplomatic Relations: Stages of Formation and Development"
    assert titles[5] == "Russia's Role and Position on Azerbaijan's Territorial Integrity (1920-2020)"
    assert titles[9] == "The Caspian Dimension of Azerbaijan-Russia Dialogue"
    assert titles[10] == "Russia – Azerbaijan as Strategic Partners in the Field of Weapons and Military Equipment"
    assert all(c.short_title for c in CHAPTERS)
    assert all(page.startswith("/") for c in CHAPTERS for page in c.pages)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.source)
def test_every_placeholder_in_every_commentary_file_resolves_against_the_shipped_data(chapter, data: DataStore):
    placeholders = parse_placeholders(chapter.text, chapter.source)
    rendered = render_markdown(chapter.text, data, chapter.source)
    spans = numbers(rendered)
    assert len(spans) == len(placeholders) > 0
    text = plain_text(rendered)
    assert "nan" not in re.findall(r"[a-z]+", text.lower())
    assert "{{" not in text and "}}" not in text
    assert "QQPH" not in text


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.source)
def test_every_rendered_number_shows_unit_and_period_and_links_to_its_citation(chapter, data: DataStore):
    for span in numbers(render_markdown(chapter.text, data, chapter.source)):
        link, context = span.children[0], span.children[1]
        assert plain_text(link).strip(), span
        assert re.search(r"\d", plain_text(link)), span
        assert re.search(r"(19|20)\d\d", plain_text(context)), f"no period in {plain_text(span)!r}"
        if isinstance(link, html.A):
            assert link.href.startswith(("https://", "http://")), link.href
            assert link.title and len(link.title) > 10
            assert link.target == "_blank"
        else:
            assert isinstance(link, dcc.Link)
            assert link.href.startswith("/chapters")
            assert "dated entr" in plain_text(link)
            assert link.title.startswith("Events table")


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.source)
def test_number_texts_carry_their_unit(chapter, data: DataStore):
    units = ("USD million", "Mt", "bcm", "persons", "tonnes", "%", "pp", "dated entr")
    for ph in parse_placeholders(chapter.text, chapter.source):
        r = resolve(ph, data, chapter.source)
        assert any(u in r.text for u in units), (ph.raw, r.text)


def test_a_value_changed_in_a_copy_of_the_clean_data_changes_the_rendered_sentence(tmp_clean: Path, data: DataStore):
    chapter = CHAPTERS[7]
    before = plain_text(render_markdown(chapter.text, data, chapter.source))
    assert f"1{NNBSP}955 USD million (2014, reported by AZ)" in before
    set_observation_value(tmp_clean, "D-trade_az_ru_turnover-AZ-2014", "1111.0")
    edited = load_store(tmp_clean)
    after = plain_text(render_markdown(chapter.text, edited, chapter.source))
    assert f"1{NNBSP}111 USD million (2014, reported by AZ)" in after
    assert f"1{NNBSP}955 USD million" not in after
    # the 2013→2014 change follows the new value: 100 × (1111 − 2583.0229) / 2583.0229
    assert "−57.0% (2013 to 2014, reported by AZ)" in after
    assert "−24.3% (2013 to 2014, reported by AZ)" in before


def test_a_removed_value_makes_its_placeholder_fail_loudly(tmp_clean: Path):
    set_observation_value(tmp_clean, "D-trade_az_ru_turnover-AZ-2014", "")
    edited = load_store(tmp_clean)
    chapter = CHAPTERS[7]
    with pytest.raises(CommentaryError) as err:
        render_markdown(chapter.text, edited, chapter.source)
    assert err.value.source == "chapter-08.md"
    assert "trade_az_ru_turnover" in err.value.placeholder
    assert "2014" in err.value.reason


def test_every_chapter_renders_exactly_as_recorded(data: DataStore):
    recorded = json.loads(RENDERED.read_text(encoding="utf-8"))
    rendered = json.loads(json.dumps(rendered_chapters(data), ensure_ascii=False))
    assert sorted(rendered) == sorted(recorded) == sorted([*(c.source for c in CHAPTERS), "panel-9"])
    for key in recorded:
        assert rendered[key] == recorded[key], key


# ------------------------------------------------------------- the prose
@pytest.mark.parametrize("path", MD_FILES, ids=lambda p: p.name)
def test_commentary_has_no_hard_typed_numbers_outside_placeholders(path: Path):
    assert hard_typed_numbers(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("turnover of 4.4 billion dollars", ["4.4"]),
        ("a share of 80% in 2014", ["80%"]),
        ("1 960 peacekeepers", ["1", "960"]),
        ("the 30th anniversary", ["30th"]),
        ("in 1920 and 2031", ["1920", "2031"]),
        ("chapter 12 is not a chapter", ["12"]),
        ("the 3+3 platform", ["3+3"]),
        ("in 2014, chapter 9 and chapters 8–10, on 10 November 2020, see /chapters/11", []),
        ("{{value indicator=x year=2014 reporter=AZ}} and 2022", []),
    ],
)
def test_the_hard_typed_number_scan_flags_figures_and_allows_years_chapters_and_dates(text, found):
    assert hard_typed_numbers(text) == found


@pytest.mark.parametrize("path", MD_FILES, ids=lambda p: p.name)
def test_commentary_is_between_80_and_200_words(path: Path):
    assert 80 <= word_count(path.read_text(encoding="utf-8")) <= 200


def test_word_count_counts_a_placeholder_as_one_word():
    assert word_count("Turnover was {{value indicator=a reporter=AZ year=2014}} in [the year](/trade).") == 6


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.source)
def test_data_poor_chapters_say_so_and_point_to_the_events(chapter):
    if chapter.number in (8, 9, 10):
        return
    text = prose(chapter.text).lower()
    assert re.search(r"no (indicator|series)", text), chapter.source
    assert "{{count events" in chapter.text


# ------------------------------------------------------- syntax errors
@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("{{}}", "empty placeholder"),
        ("{{valu indicator=x year=2014}}", "unknown placeholder kind"),
        ("{{value year=2014}}", "needs indicator"),
        ("{{value indicator=x}}", "exactly one of year="),
        ("{{value indicator=x year=2014 period=2014}}", "exactly one of year="),
        ("{{value indicator=x year=14}}", "not a four-digit year"),
        ("{{value indicator=x year=2014 colour=red}}", "unknown argument"),
        ("{{value indicator=x year=2014 year=2015}}", "given twice"),
        ("{{value indicator=x year=2014 reporter}}", "cannot read"),
        ('{{value indicator=x year=2014 subject="open}}', "cannot read"),
        ("{{change indicator=x from=2013}}", "needs to"),
        ("{{share5y supplier=Russia year=2014}}", "needs release"),
        ("{{share5y supplier=Russia year=2014 release=latest}}", "does not end a SIPRI 5-year window"),
        ("{{share10y supplier=Russia year=2015 release=latest}}", "does not end a SIPRI 10-year window"),
        ("{{count}}", "what to count"),
        ("{{count deals}}", "what to count"),
        ("{{value indicator=x {{year=2014}}", "braces inside"),
    ],
)
def test_malformed_placeholders_raise_naming_file_placeholder_and_reason(raw, reason):
    with pytest.raises(CommentaryError) as err:
        parse_placeholders(f"Some text {raw} more text.", "chapter-xx.md")
    assert reason in err.value.reason
    assert str(err.value).startswith("chapter-xx.md: ")


@pytest.mark.parametrize("text", ["a stray {{ brace", "a stray }} brace", "one { brace", "{{value indicator=x"])
def test_stray_braces_raise(text):
    with pytest.raises(CommentaryError, match="stray"):
        parse_placeholders(text, "chapter-xx.md")


def test_quoted_values_may_contain_spaces():
    ph = parse_placeholder('{{value indicator=a subject="all bilateral settlements" period=2024-01..2024-05}}')
    assert ph.kind == "value"
    assert ph.args == {"indicator": "a", "subject": "all bilateral settlements", "period": "2024-01..2024-05"}


# ------------------------------------------------- unresolvable numbers
@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("{{value indicator=trade_az_ru_turnovr reporter=AZ year=2014}}", "unknown indicator"),
        ("{{value indicator=trade_az_ru_turnover reporter=AZ year=2031}}", "no value for"),
        ("{{value indicator=trade_az_ru_turnover year=2014}}", "ambiguous: 2 rows"),
        ("{{value indicator=trade_az_ru_turnover reporter=XX year=2014}}", "no annual series matches"),
        ("{{value indicator=tourism_ru_arrivals_in_az reporter=AZ year=2023}}", "use value with period="),
        ("{{value indicator=tourism_ru_arrivals_in_az reporter=AZ period=2018}}", "ambiguous"),
        ("{{value indicator=tourism_ru_arrivals_in_az reporter=AZ period=1999}}", "no value for"),
        ("{{value indicator=trade_az_ru_turnover_trend reporter=AZ year=2014}}", "qualitative"),
        ("{{change indicator=trade_az_ru_turnover reporter=AZ from=2020 to=2022}}", "series break"),
        ("{{change indicator=trade_az_ru_turnover reporter=AZ from=2014 to=2013}}", "must be before"),
        ("{{change indicator=trade_mirror_ratio reporter=OTHER subject=turnover from=2013 to=2014}}", "change_type"),
        ("{{latest indicator=tourism_ru_arrivals_in_az reporter=AZ}}", "no annual series matches"),
        ("{{share5y supplier=Russa year=2015 release=latest}}", "unknown supplier"),
        ("{{share5y supplier=Russia year=2015 release=1999}}", "matches no release"),
        ("{{share5y supplier=Russia year=1990 release=latest}}", "no value for"),
        # 2023 (news-2024-07-15) and 2024 (metbuat-2025-08-11) come from different outlets
        ("{{change indicator=trade_az_ru_turnover reporter=AZ from=2023 to=2024}}", "not computed: different sources"),
        ("{{count events category=weather}}", "unknown category"),
        ("{{count events category=humanitarian to=2020}}", "no events match"),
    ],
)
def test_unresolvable_placeholders_raise_with_a_clear_reason(raw, reason, data: DataStore):
    ph = parse_placeholder(raw, "chapter-xx.md")
    with pytest.raises(CommentaryError) as err:
        resolve(ph, data, "chapter-xx.md")
    assert reason in err.value.reason
    assert err.value.source == "chapter-xx.md"
    assert err.value.placeholder == raw
    assert str(err.value).startswith(f"chapter-xx.md: {raw}: ")


def test_render_markdown_names_the_file_of_a_bad_placeholder(data: DataStore):
    with pytest.raises(CommentaryError, match=r"^chapter-03\.md: \{\{latest indicator=nope\}\}: unknown indicator"):
        render_markdown("Turnover was {{latest indicator=nope}}.", data, "chapter-03.md")


# -------------------------------------------------------- the numbers
def test_value_change_latest_share_and_count_resolve_to_the_data(data: DataStore):
    def res(raw: str):
        return resolve(parse_placeholder(raw), data)

    v = res("{{value indicator=trade_az_ru_turnover reporter=RU year=2014}}")
    row = data.annual.set_index("obs_id").loc["D-trade_az_ru_turnover-RU-2014"]
    assert v.value == pytest.approx(float(row["value"]))
    assert v.obs_ids == ("D-trade_az_ru_turnover-RU-2014",)
    assert v.citations[0].url.startswith("https://")
    assert "Direction of Trade" in v.citations[0].publisher

    latest = res("{{latest indicator=energy_oil_production_mt reporter=EI subject=AZ}}")
    ei = data.select("energy_oil_production_mt", "EI", "AZ")
    assert latest.context.startswith(str(int(ei["year"].max())))
    assert latest.value == pytest.approx(float(ei["value"].iloc[-1]))

    share = res("{{share5y supplier=Russia year=2015 release=latest}}")
    assert data.tiv_releases[0].split(", ", 1)[1] in share.context
    assert "2011–15" in share.context
    assert share.text.endswith("%")

    pp = res("{{change indicator=trade_ru_share_of_az_trade reporter=AZ from=2013 to=2014}}")
    assert pp.text.endswith(" pp")

    n = res("{{count events category=conflict}}")
    assert n.value == (data.events["category"] == "conflict").sum()
    assert n.href == "/chapters?cats=conflict"


@pytest.mark.parametrize(
    ("indicator", "reporter", "subject"),
    [
        ("trade_az_ru_turnover", "AZ", None),
        ("trade_az_ru_turnover", "RU", None),
        ("trade_ru_share_of_az_trade", "AZ", None),
        ("energy_oil_production_mt", "EI", "AZ"),
    ],
)
def test_change_placeholders_agree_with_the_built_changes_table(data: DataStore, indicator, reporter, subject):
    changes = data.changes[(data.changes["indicator"] == indicator) & (data.changes["reporter"] == reporter)]
    if subject is not None:
        changes = changes[changes["subject"] == subject]
    changes = changes[changes["qualifier"] != "not_computed"]
    assert len(changes) > 5
    for _, row in changes.iterrows():
        year = int(row["year"])
        subj = f" subject={subject}" if subject else ""
        raw = f"{{{{change indicator={indicator} reporter={reporter}{subj} from={year - 1} to={year}}}}}"
        assert resolve(parse_placeholder(raw), data).value == pytest.approx(float(row["change"]), abs=1e-6), raw


@pytest.mark.parametrize(
    ("period", "label"),
    [
        ("2019", "2019"),
        ("2024-01..2024-05", "Jan–May 2024"),
        ("@2022-04", "as of Apr 2022"),
        ("2019-H1", "H1 2019"),
        ("2011-Q2", "Q2 2011"),
        ("2017?", "2017 (date inferred)"),
        ("1995..2022", "1995–2022"),
        ("2000-11..", "from Nov 2000 (end not stated)"),
        ("2023-10", "Oct 2023"),
    ],
)
def test_period_labels_read_as_words(period, label):
    assert period_label(period) == label


def test_commentary_panel_is_an_open_details_with_the_chapter_title_and_text(data: DataStore):
    panel = commentary_panel(9, data)
    assert isinstance(panel, html.Details)
    assert panel.open is True
    assert panel.id == "commentary-9"
    text = plain_text(panel)
    assert "The Caspian Dimension of Azerbaijan-Russia Dialogue" in text
    assert "Baku–Novorossiysk" in text
    assert len(numbers(panel)) == len(parse_placeholders(CHAPTERS[8].text))


def test_commentary_panel_uses_the_installed_store_by_default(data: DataStore):
    assert plain_text(commentary_panel(10)) == plain_text(commentary_panel(10, data))


@pytest.mark.parametrize("bad", [0, 12, -1])
def test_commentary_panel_rejects_a_chapter_that_does_not_exist(bad):
    with pytest.raises(ValueError, match="no report chapter"):
        commentary_panel(bad)


def test_links_in_commentary_are_site_paths_or_web_urls(data: DataStore):
    with pytest.raises(CommentaryError, match="links must be"):
        render_markdown("See [this](javascript:alert(1)).", data, "chapter-xx.md")
    rendered = render_markdown("See [trade](/trade) and [IMF](https://www.imf.org).", data)
    links = [c for c in walk(rendered) if isinstance(c, dcc.Link | html.A)]
    assert [type(c) for c in links] == [dcc.Link, html.A]


def test_raw_html_in_commentary_is_refused(data: DataStore):
    with pytest.raises(CommentaryError, match="not supported"):
        render_markdown("Text <script>alert(1)</script>.", data, "chapter-xx.md")


def test_observations_edit_helper_keeps_the_rest_of_the_file(tmp_clean: Path):
    before = pd.read_csv(tmp_clean / "observations.csv", dtype=str)
    set_observation_value(tmp_clean, "D-trade_az_ru_turnover-AZ-2014", "1111.0")
    after = pd.read_csv(tmp_clean / "observations.csv", dtype=str)
    changed = (before.fillna("") != after.fillna("")).any(axis=1)
    assert after.loc[changed, "obs_id"].tolist() == ["D-trade_az_ru_turnover-AZ-2014"]


# --------------------------------------------- SIPRI windows in the chapter text (issue 8, defect 5)
def test_chapter_10_uses_sipri_fixed_windows_and_names_each_release(data: DataStore):
    text = CHAPTERS[9].text
    resolved = resolve_text(text, data, "chapter-10.md")
    shares = [r for r in resolved if r.placeholder.kind in ("share5y", "share10y")]
    # windows 2011-15, 2016-20 and the decade 2011-20: no overlapping rolling windows
    assert [r.context.split(", SIPRI")[0] for r in shares] == [
        "of TIV delivered to Azerbaijan 2011–15",
        "of TIV delivered to Azerbaijan 2016–20",
        "of TIV delivered to Azerbaijan 2011–20",
        "of TIV delivered to Azerbaijan 2016–20",
        "of TIV delivered to Azerbaijan 2011–15",
    ]
    obs = data.observations.set_index("obs_id")
    # March 2025 update: Russia 2011-15 = 1832.6 of 2321.57 TIV (AT0233-AT0263), 78.9%
    assert shares[0].obs_ids == ("D-arms_tiv_5y_share-2024-Russia-2015",)
    assert shares[0].text == "78.9%"
    assert shares[0].value == pytest.approx(float(obs.loc["D-arms_tiv_5y_share-2024-Russia-2015", "value"]))
    # 2016-20 = 169 of 1029.61 TIV: 16.4%; ten years 2011-20: 2001.6 of 3351.18: 59.7%
    assert (shares[1].text, shares[2].text) == ("16.4%", "59.7%")
    for r in shares:
        assert "SIPRI" in r.context and "update (data to" in r.context
    assert shares[4].context.endswith("SIPRI March 2022 update (data to 2021)")


def test_share10y_resolves_to_the_ten_year_window(data: DataStore):
    r = resolve(parse_placeholder("{{share10y supplier=Russia year=2020 release=2024}}"), data)
    assert r.obs_ids == ("D-arms_tiv_10y_share-2024-Russia-2020",)
    assert r.context == "of TIV delivered to Azerbaijan 2011–20, SIPRI March 2025 update (data to 2024)"


def test_the_commentary_modules_and_the_chapters_page_stay_under_400_lines():
    # issue 9: commentary.py had 792 lines and pages/chapters.py 429
    root = Path(__file__).resolve().parents[2] / "dashboard"
    modules = [
        *sorted((root / "commentary").glob("*.py")),
        root / "markdown_view.py",
        root / "chapter_queries.py",
        root / "pages" / "chapters.py",
    ]
    sizes = {str(p.relative_to(root)): len(p.read_text(encoding="utf-8").splitlines()) for p in modules}
    assert not (root / "commentary.py").exists()
    assert {name: n for name, n in sizes.items() if n > 400} == {}


if __name__ == "__main__":
    from dashboard.data import set_store

    store = load_store()
    set_store(store)
    RENDERED.write_text(
        json.dumps(rendered_chapters(store), indent=1, ensure_ascii=False, sort_keys=True), encoding="utf-8"
    )
