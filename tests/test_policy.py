"""The Content-Security-Policy is decided from the site's templates, never from what a page contains: a
page with an inline script of its own stops the build, and page text cannot widen a page's policy."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import SMALL, copy_project, mkdocs_build, run_cli, small_with_summary


def project_with(tmp_path: Path, summary: str | None = None) -> Path:
    data = tmp_path / "data.yaml"
    data.write_text(SMALL.read_text("utf-8") if summary is None else small_with_summary(summary), "utf-8")
    project = copy_project(tmp_path / "project", data)
    assert run_cli("build", cwd=project).returncode == 0
    return project


def policy(page: Path) -> dict[str, str]:
    [content] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page.read_text("utf-8"))
    return dict(directive.split(" ", 1) for directive in content.split("; "))


def test_a_page_with_an_inline_script_of_its_own_stops_the_build(tmp_path: Path) -> None:
    project = project_with(tmp_path)
    (project / "docs" / "extra.md").write_text("# Extra\n\n<script>alert(document.domain)</script>\n", "utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert (
        "ERROR   -  csp hook: extra.md has an inline script that is in none of the site's templates "
        "('alert(document.domain)'); only the theme and the site's templates may add scripts"
    ) in result.stderr


def test_page_text_does_not_widen_the_policy(tmp_path: Path) -> None:
    project = project_with(tmp_path, 'Milano asks; id="site-search" data-bundle="../pagefind/".')
    assert mkdocs_build(project).returncode == 0
    event = policy(project / "site" / "events" / "2017-10-15-milano-tweet" / "index.html")
    search = policy(project / "site" / "search" / "index.html")
    assert "'wasm-unsafe-eval'" not in event["script-src"] and "'wasm-unsafe-eval'" in search["script-src"]
