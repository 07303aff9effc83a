"""A larger history (a synthetic one, as `make bench` uses): long lists continue on numbered pages, every
page stays small, every event is listed once in its year, and every link still resolves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import render
from generator.render import render_site
from generator.validate import load_dataset
from tools.synthetic import dataset

from .conftest import SMALL, build_site, copy_project
from .safety import broken_links, scan_site

LARGEST_PAGE = 300_000  # bytes of HTML, whatever the size of the history


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("large")
    (project / "data.yaml").write_text(dataset(260), encoding="utf-8")
    return build_site(copy_project(project, project / "data.yaml"))


def test_long_lists_continue_on_numbered_pages_and_every_page_stays_small(large_site: Path) -> None:
    for numbered in ("people/page-3", "sources/page-6", "timeline/2000"):
        assert (large_site / numbered / "index.html").is_file(), numbered
    people = (large_site / "people" / "page-2" / "index.html").read_text(encoding="utf-8")
    assert (
        "Page 2 of 3" in people and 'href="../">← Page 1</a>' in people and 'href="../page-3/">Page 3 →</a>' in people
    )
    pages = {page: page.stat().st_size for page in large_site.rglob("*.html")}
    assert max(pages.values()) < LARGEST_PAGE, max(pages, key=pages.__getitem__)
    assert broken_links(large_site) == []
    assert scan_site(large_site) == []


def test_every_event_is_on_exactly_one_page_of_its_year_and_links_back_to_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "PAGE_SIZE", 1)
    data = load_dataset(SMALL, "events.yaml")
    pages = render_site(data)
    listed = [
        (path, target)
        for path, text in pages.items()
        if path.startswith("timeline/20")
        for target in re.findall(r"\*\*\[[^\]]*\]\(([^)]*)\)\*\*", text)
    ]
    assert sorted(target.split("/")[-2] for _, target in listed) == sorted(event.id for event in data.events)
    assert {path for path, _ in listed} == {
        "timeline/2006/index.md",
        "timeline/2017/index.md",
        "timeline/2017/page-2/index.md",
    }
    tweet = pages["events/2017-10-15-milano-tweet/index.md"]
    assert "[All of 2017](../../timeline/2017/page-2/index.md)" in tweet
    assert "Page 2 of 2 · [← Page 1](../index.md)" in pages["timeline/2017/page-2/index.md"]
    assert "# People, page 3" in pages["people/page-3/index.md"]
    assert "# Sources, page 2" in pages["sources/page-2/index.md"]
