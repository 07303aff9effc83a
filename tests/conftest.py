"""Shared helpers: the repository's paths and a way to run the CLI as a user does."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import cycle_collection_deferred
from tools.project import copy_site_sources

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "data" / "small.yaml"
SMALL_SUMMARY = 'summary: Milano asks people to reply "me too"; the hashtag spreads.'  # of one event in SMALL


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


def small_with_summary(summary: str) -> str:
    """The small dataset's text with one event's summary replaced by `summary`."""
    text = SMALL.read_text(encoding="utf-8")
    assert text.count(SMALL_SUMMARY) == 1
    return text.replace(SMALL_SUMMARY, f"summary: {json.dumps(summary)}")


def fastest(*actions: Callable[[], object], repeats: int = 3) -> list[float]:
    """The fastest of `repeats` runs of each action, the actions taking turns, with the cycle collector held
    back as the command line holds it: in a test process that has built many texts, a collection would
    otherwise land on whichever run allocates most."""
    best = [float("inf")] * len(actions)
    gc.collect()
    with cycle_collection_deferred():
        for _ in range(repeats):
            for number, action in enumerate(actions):
                start = time.perf_counter()
                action()
                best[number] = min(best[number], time.perf_counter() - start)
    return best


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
