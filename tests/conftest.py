"""Shared helpers: the repository's paths and a way to run the CLI as a user does."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.project import copy_site_sources

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "data" / "small.yaml"


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Runs `python -m generator ARGS` in a fresh process, as a contributor would."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below `folder` with a hash of its bytes, to prove a tree did not change."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def copy_project(target: Path, data: Path) -> Path:
    """A copy of the site's sources (configuration, theme additions, hand-written pages) with `data` as
    events.yaml, and none of the generated pages."""
    shutil.copy(data, copy_site_sources(target) / "events.yaml")
    return target


def source_date_epoch() -> str:
    """The time of the last commit, as `make site` gives it to MkDocs: the only date a build may write."""
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or str(int((ROOT / "events.yaml").stat().st_mtime))


def mkdocs_build(project: Path, site_dir: str = "site", **environment: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of a project copy's generated pages into `site_dir`, as `make site` runs it."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site_dir]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": source_date_epoch(), **environment}
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=environment, timeout=300)


def build_site(project: Path) -> Path:
    """Generates the pages of a project copy and builds it with `mkdocs build --strict`; returns site/."""
    assert run_cli("build", cwd=project).returncode == 0
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data, built into a copy of the project."""
    return build_site(copy_project(tmp_path_factory.mktemp("project"), ROOT / "events.yaml"))


@pytest.fixture
def small_text() -> str:
    return SMALL.read_text(encoding="utf-8")
