"""A larger history (a synthetic one, as `make bench` uses): long lists continue on numbered pages, every
page stays small, every event is listed once in its year, and every link still resolves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.pages import markdown
from generator.render import render_site
from generator.validate import load_dataset
from tools.synthetic import dataset

from .conftest import ROOT, SMALL, build_site, copy_project, mkdocs_build, run_cli, tree_digest
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
    monkeypatch.setattr(markdown, "PAGE_SIZE", 1)
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


def test_two_processes_build_the_same_site_as_one_byte_for_byte(large_site: Path) -> None:
    project = large_site.parent
    single = mkdocs_build(project, "site-in-one-process", SITE_BUILD_JOBS="1")
    assert single.returncode == 0, single.stderr
    assert "in a second process" not in single.stderr
    shared = mkdocs_build(project, "site-in-two-processes")
    assert shared.returncode == 0, shared.stderr
    assert re.search(r"INFO    -  Building \d+ of \d+ pages in a second process", shared.stderr)
    assert tree_digest(project / "site-in-two-processes") == tree_digest(project / "site-in-one-process")


def test_the_second_process_warnings_fail_a_strict_build_as_in_one_process(large_site: Path) -> None:
    project = large_site.parent
    events = sorted((project / "docs" / "events").glob("*/index.md"))
    for page in events:
        page.write_text(
            page.read_text(encoding="utf-8") + "\n[Nowhere](#nowhere) [Missing](missing.md)\n", encoding="utf-8"
        )
    try:
        results = [mkdocs_build(project, f"site-{jobs}", SITE_BUILD_JOBS=jobs) for jobs in ("1", "2")]
    finally:
        assert run_cli("build", cwd=project).returncode == 0  # the generator rewrites the pages it owns
    warnings = [sorted(re.findall(r"WARNING -  (.*)", result.stderr)) for result in results]
    assert all(result.returncode == 1 for result in results)
    assert len(warnings[0]) == 2 * len(events) and warnings[1] == warnings[0]  # a missing anchor, a missing page
    assert all(f"Aborted with {2 * len(events)} warnings in strict mode!" in result.stdout for result in results)


def test_the_build_is_shared_only_with_the_mkdocs_whose_private_functions_the_hook_wraps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    import mkdocs

    spec = importlib.util.spec_from_file_location("parallel_hook", ROOT / "hooks" / "parallel.py")
    assert spec and spec.loader
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    pinned = re.search(r"^mkdocs==(\S+)$", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.M)
    assert pinned and pinned.group(1) == hook.TESTED_WITH == mkdocs.__version__
    monkeypatch.setattr(hook, "_jobs", lambda: 2)
    hook.on_startup("build", dirty=False)
    assert hook._Shared.enabled
    monkeypatch.setattr(mkdocs, "__version__", "1.7.0")
    hook.on_startup("build", dirty=False)
    assert not hook._Shared.enabled  # another MkDocs builds in one process, as MkDocs does
