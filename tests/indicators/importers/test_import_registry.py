"""Format discovery and detection: one format per file, clear words for files no format claims."""

from __future__ import annotations

from pathlib import Path

import pytest
from importers_support import LEGACY_ALL, LEGACY_RUS, OFFICIAL, PORTAL_RECIPIENT, PORTAL_SUPPLIER

from indicators.importers import registry
from indicators.importers.model import FileRejected, ImportFormat


def test_every_format_module_with_a_format_is_discovered_once() -> None:
    found = registry.formats()
    names = [f.name for f in found]
    assert "sipri-tiv" in names
    assert len(names) == len(set(names))
    assert all(isinstance(f, ImportFormat) for f in found)


@pytest.mark.parametrize("path", [LEGACY_RUS, LEGACY_ALL, PORTAL_RECIPIENT, PORTAL_SUPPLIER])
def test_tiv_tables_are_detected(path: Path) -> None:
    assert registry.detect(path).name == "sipri-tiv"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("hostile-empty.csv", "the file is empty"),
        ("hostile-html-error-page.csv", "HTML page"),
        ("hostile-utf16-TIV-Export-RUS-1950-2021.csv", "UTF-16"),
        ("hostile-wrong-format.csv", "its first line is 'country,year,value'"),
    ],
)
def test_unrecognised_files_are_rejected_saying_what_they_are_and_what_was_looked_for(name: str, words: str) -> None:
    with pytest.raises(FileRejected) as exc:
        registry.detect(OFFICIAL / name)
    (problem,) = exc.value.problems
    assert problem.rule == "format_known"
    assert words in problem.message
    assert "Looked for: " in problem.message and "sipri-tiv" in problem.message


def test_a_file_claimed_by_two_formats_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    greedy = ImportFormat("greedy", "claims everything", lambda _p, _h: True, lambda _p: None)  # type: ignore[arg-type,return-value]
    real = registry.formats()
    monkeypatch.setattr(registry, "formats", lambda: [*real, greedy])
    with pytest.raises(FileRejected) as exc:
        registry.detect(LEGACY_RUS)
    assert exc.value.problems[0].rule == "format_unique"
    assert "greedy" in exc.value.problems[0].message
