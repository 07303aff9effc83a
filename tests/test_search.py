"""The search index: Pagefind indexes every page of the built site, and a failure stops the build with a
clear message. (What a reader finds is checked in a real browser, in test_browser.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ROOT, copy_project, mkdocs_build, run_cli


def test_every_page_of_the_site_is_in_the_index(site: Path) -> None:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = [path for path in site.rglob("index.html") if "pagefind" not in path.relative_to(site).parts]
    assert entry["languages"]["en"]["page_count"] == len(pages) + 1 > 100  # and the "not found" page


@pytest.mark.parametrize("failing", ["/bin/false", "/nonexistent/pagefind"])
def test_a_failing_indexer_stops_the_build_with_a_message_and_no_traceback(tmp_path: Path, failing: str) -> None:
    project = copy_project(tmp_path, ROOT / "tests" / "data" / "small.yaml")
    assert run_cli("build", cwd=project).returncode == 0
    result = mkdocs_build(project, PAGEFIND_BINARY_PATH=failing)
    assert result.returncode == 1
    assert "search hook: Pagefind" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site" / "pagefind").exists()
