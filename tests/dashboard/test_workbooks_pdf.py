"""LibreOffice opens every workbook kind headless and prints it to PDF in a bounded number of pages.

Needs Debian's ``libreoffice-calc`` (``soffice``); CI installs it (.ci/run) and sets
RUAZ_REQUIRE_LIBREOFFICE=1, so that there a missing soffice fails instead of skipping.

Page limits: every sheet prints landscape, one page wide, as many pages tall as its rows need. A page
view is a few hundred rows at most (the /arms view: 8 pages; it printed 113 pages before the print
setup), so 25 pages leave room for the data to grow threefold. "Everything" holds every observation
(about 3 000 rows, 51 pages); 100 pages leave the same margin. The Russian and Azerbaijani workbooks
(longer words, the same rows) keep the same limits.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tests.dashboard.workbook_kinds import KINDS, build_all

LIMITS = {"overview": 25, "trade": 25, "energy": 25, "arms": 25, "compare": 25, "everything": 100}
PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
SOFFICE = shutil.which("soffice")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        SOFFICE is None and not os.environ.get("RUAZ_REQUIRE_LIBREOFFICE"),
        reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc",
    ),
]


def page_count(pdf: bytes) -> int:
    """Pages of a PDF: its page objects ('/Type /Page', not the '/Type /Pages' tree nodes)."""
    return len(PAGE.findall(pdf))


def test_page_count_reads_page_objects_not_the_page_tree() -> None:
    pdf = b"<< /Type /Pages /Kids [3 0 R 4 0 R] >> << /Type /Page >> <</Type/Page/Parent 2 0 R>>"
    assert page_count(pdf) == 2


def print_all(data, folder, lang: str = "en") -> dict[str, bytes]:
    """Kind -> the PDF LibreOffice prints of that workbook in ``lang``."""
    assert SOFFICE is not None, "soffice is missing: apt-get install libreoffice-calc"
    out = folder / "pdf"
    paths = []
    for kind, content in build_all(data, lang).items():
        path = folder / f"{kind}.xlsx"
        path.write_bytes(content)
        paths.append(str(path))
    profile = (folder / "profile").as_uri()  # a fresh LibreOffice profile: no state from other runs
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *paths,
        ],
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return {kind: (out / f"{kind}.pdf").read_bytes() for kind in KINDS if (out / f"{kind}.pdf").exists()}


@pytest.fixture(scope="module")
def pdfs(data, tmp_path_factory) -> dict[str, bytes]:
    return print_all(data, tmp_path_factory.mktemp("workbooks"))


@pytest.fixture(scope="module", params=["ru", "az"])
def translated_pdfs(request, data, tmp_path_factory) -> dict[str, bytes]:
    return print_all(data, tmp_path_factory.mktemp(f"workbooks-{request.param}"), request.param)


@pytest.mark.parametrize("kind", KINDS)
def test_libreoffice_prints_the_workbook_in_a_bounded_number_of_pages(pdfs: dict[str, bytes], kind: str) -> None:
    assert kind in pdfs, f"LibreOffice wrote no PDF for the {kind} workbook"
    pages = page_count(pdfs[kind])
    assert 1 < pages <= LIMITS[kind], (kind, pages)


def test_the_arms_workbook_prints_in_far_fewer_pages_than_before(pdfs: dict[str, bytes]) -> None:
    # 113 pages with the old writer (portrait, no fit to width); now 8: About, Data, wide, Charts, deals,
    # statements and Sources on a page or two each
    assert page_count(pdfs["arms"]) <= 12


@pytest.mark.parametrize("kind", KINDS)
def test_the_translated_workbooks_print_within_the_same_limits(translated_pdfs: dict[str, bytes], kind: str) -> None:
    assert kind in translated_pdfs, f"LibreOffice wrote no PDF for the {kind} workbook"
    assert 1 < page_count(translated_pdfs[kind]) <= LIMITS[kind], (kind, page_count(translated_pdfs[kind]))
