"""What can go wrong while `build` writes docs/: something in the way, no permission, a full or read-only disk,
a build killed at any moment, two builds at once, symbolic links. docs/ is then exactly as it was or exactly
as the build makes it, with no file of the generator's own left behind, and one line says what is wrong."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator import journal
from generator import lock as build_lock
from generator.cli import main

from .conftest import ROOT, SMALL, copy_project, mkdocs_build, run_cli, tree_digest

HAND_WRITTEN = {"about.md": "# About\n", "assets/site.css": "body {}\n"}
Snapshot = tuple[dict[str, str], list[str]]


def snapshot(docs: Path) -> Snapshot:
    """Every file with a hash of its bytes, and every folder, empty or not."""
    return tree_digest(docs), sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_dir())


def leftovers(docs: Path) -> list[str]:
    """The generator's own files: its lock, its journal, its temporary files."""
    return sorted(path.relative_to(docs).as_posix() for path in docs.rglob(".*"))


def build(data: str, docs: str = "docs") -> Result:
    return CliRunner().invoke(main, ["build", "--data", data, "--docs", docs])


def write_data(folder: Path) -> None:
    """old.yaml (the small dataset), new.yaml (an event retitled, one renamed: pages and folders changed,
    made and removed) and broken.yaml (invalid)."""
    text = SMALL.read_text(encoding="utf-8")
    (folder / "old.yaml").write_text(text, encoding="utf-8")
    new = text.replace("tweet makes #MeToo go viral", "tweet spreads #MeToo").replace("-balancetonporc", "-muller")
    (folder / "new.yaml").write_text(new, encoding="utf-8")
    (folder / "broken.yaml").write_text(text.replace("value: 200000", "value: 200,000"), encoding="utf-8")


def hand_written_docs(folder: Path) -> Path:
    for name, text in HAND_WRITTEN.items():
        (folder / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    return folder / "docs"


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Snapshot]:
    """docs/ as a build of each dataset makes it, from scratch."""
    folder = tmp_path_factory.mktemp("expected")
    write_data(folder)
    trees = {}
    for name in ("old", "new"):
        docs = hand_written_docs(folder / name)
        assert build(str(folder / f"{name}.yaml"), str(docs)).exit_code == 0
        trees[name] = snapshot(docs)
    return trees


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, expected: dict[str, Snapshot]) -> Path:
    """A project as a contributor has it, the working folder: the data files and the pages of old.yaml."""
    write_data(tmp_path)
    monkeypatch.chdir(tmp_path)
    folder = hand_written_docs(tmp_path)
    assert build("old.yaml").exit_code == 0
    assert snapshot(folder) == expected["old"]
    return folder


# Obstacles: each makes docs/ unwritable in one way, after some pages of new.yaml are written, and gives the
# message `build` must print. Tests run as root, who may write anywhere: refusals are simulated.
Obstacle = Callable[[Path, pytest.MonkeyPatch], str]


def folder_where_a_file_goes(docs: Path, patch: pytest.MonkeyPatch) -> str:
    (docs / "data" / "events.ics").unlink()
    (docs / "data" / "events.ics").mkdir()
    (docs / "data" / "events.ics" / "notes.txt").write_text("mine\n", encoding="utf-8")
    return "cannot write docs/data/events.ics: a folder is in the way; remove it or move it aside"


def file_where_a_folder_goes(docs: Path, patch: pytest.MonkeyPatch) -> str:
    shutil.rmtree(docs / "people")
    (docs / "people").write_text("not a folder\n", encoding="utf-8")
    return "cannot write docs/people/index.md: docs/people is a file where a folder goes; remove it or move it aside"


def read_only_folder(docs: Path, patch: pytest.MonkeyPatch) -> str:
    folder, write_bytes = (docs / "timeline").absolute(), Path.write_bytes

    def refused(path: Path, data: bytes) -> int:
        if path.absolute().parent == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return write_bytes(path, data)

    patch.setattr(Path, "write_bytes", refused)
    return "cannot write docs/timeline/index.md: permission denied; give your user read and write access to it and to its folder"


def read_only_file(docs: Path, patch: pytest.MonkeyPatch) -> str:
    page, replace = (docs / "timeline" / "2017" / "index.md").absolute(), os.replace

    def refused(source: str | Path, target: str | Path) -> None:
        if Path(target).absolute() == page:
            raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), str(target))
        replace(source, target)

    patch.setattr(os, "replace", refused)
    return "cannot write docs/timeline/2017/index.md: permission denied; give your user read and write access to it and to its folder"


def full_disk(docs: Path, patch: pytest.MonkeyPatch) -> str:
    temporary, write_bytes = (docs / "timeline" / ".index.md.tmp").absolute(), Path.write_bytes

    def filling(path: Path, data: bytes) -> int:
        if path.absolute() == temporary:
            write_bytes(path, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return write_bytes(path, data)

    patch.setattr(Path, "write_bytes", filling)
    return "cannot write docs/timeline/index.md: the disk is full; free some space and build again"


def read_only_file_system(docs: Path, patch: pytest.MonkeyPatch) -> str:
    inside, real_open = str(docs.absolute()), os.open

    def refused(path: str | Path, flags: int, *args: int, **kwargs: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and os.path.abspath(path).startswith(inside):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    patch.setattr(os, "open", refused)
    return "cannot write docs: the file system is read-only; build into a folder on a writable disk"


@pytest.mark.parametrize(
    "obstacle",
    [
        folder_where_a_file_goes,
        file_where_a_folder_goes,
        read_only_folder,
        read_only_file,
        full_disk,
        read_only_file_system,
    ],
)
def test_an_obstacle_leaves_docs_as_they_were_and_is_named_in_one_line(
    docs: Path, monkeypatch: pytest.MonkeyPatch, obstacle: Obstacle
) -> None:
    message = obstacle(docs, monkeypatch)
    before = snapshot(docs)
    result = build("new.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {message}\n")
    assert not isinstance(result.exception, OSError)  # a user error, reported: no traceback
    monkeypatch.undo()
    assert snapshot(docs) == before
    assert leftovers(docs) == []


def test_temporary_files_a_killed_build_left_do_not_stop_the_next(docs: Path, expected: dict[str, Snapshot]) -> None:
    for page in ("index.md", "events/2017-10-15-milano-tweet/index.md", "api/v1/events.json"):
        temporary = docs / page
        temporary.with_name(f".{temporary.name}.tmp").write_bytes(b"half a pa")
    result = build("new.yaml")
    assert result.exit_code == 0, result.output
    assert snapshot(docs) == expected["new"]


# A kill at any moment: before each change a build makes to the file system, in turn.
CHANGES = [(os, name) for name in ("open", "write", "ftruncate", "link", "replace", "unlink", "mkdir", "rmdir")]


def killed_before_change(step: int, data: str) -> bool:
    """Builds `data` in a child process killed (SIGKILL) just before its `step`-th change to the file system;
    False if it finished first."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        status = 2
        try:
            count = iter(range(1, step + 1))

            def before(real: Callable[..., object]) -> Callable[..., object]:
                def change(*args: object, **kwargs: object) -> object:
                    if next(count, step) == step:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return real(*args, **kwargs)

                return change

            for owner, name in [*CHANGES, (Path, "write_bytes")]:
                setattr(owner, name, before(getattr(owner, name)))
            result = build(data)
            status = 3 if result.exception and not isinstance(result.exception, SystemExit) else result.exit_code
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True
    assert os.waitstatus_to_exitcode(status) in (0, 1)  # ended, or stopped at the broken data: no traceback
    return False


def kill_points(data: str, every: int = 1) -> Iterator[int]:
    """Every `every`-th step of a build of `data` at which it was killed, until it finishes before the kill."""
    step = 1
    while killed_before_change(step, data):
        yield step
        step += every


def restored(docs: Path, expected: dict[str, Snapshot], step: str) -> str:
    """Which pages the next build finds, even one of broken data: the old, or the new, never a mix."""
    result = build("broken.yaml")
    assert result.exit_code == 1 and result.stderr.endswith("; nothing was written\n"), result.output
    assert leftovers(docs) == [], step
    state = next((name for name, tree in expected.items() if snapshot(docs) == tree), "a mix")
    assert state in ("old", "new"), step
    if state == "new":
        assert build("old.yaml").exit_code == 0
    return state


def test_a_build_killed_at_any_moment_leaves_the_old_pages_or_the_new(
    docs: Path, expected: dict[str, Snapshot]
) -> None:
    """Every seventh step, so that each kind of step is hit: a build of new.yaml takes some 120."""
    states = [restored(docs, expected, f"killed before change {step}") for step in kill_points("new.yaml", 7)]
    assert len(states) > 15
    assert states[0] == "old" and states[-1] == "new"  # the last kills come after its journal is gone
    assert build("new.yaml").exit_code == 0
    assert snapshot(docs) == expected["new"]


def test_a_build_killed_while_it_puts_back_the_pages_of_one_killed_before_is_undone_too(
    docs: Path, expected: dict[str, Snapshot]
) -> None:
    """The first is killed late (change 96 of some 120: its journal has made, changed and removed pages and
    folders to undo), the second at every fifth step of putting them back."""
    step, finished = -4, False
    while not finished:
        step += 5
        assert killed_before_change(96, "new.yaml")
        finished = not killed_before_change(step, "broken.yaml")
        assert restored(docs, expected, f"killed before change 96, then before {step}") == "old"
    assert step > 40


# One build at a time.
def hold_lock(docs: Path) -> int:
    """Takes docs/'s lock as a build does, in this process."""
    lock = os.open(docs / build_lock.LOCK, os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)
    os.write(lock, f"{os.getpid()}\n".encode())
    return lock


def test_a_second_build_waits_for_the_first(docs: Path, expected: dict[str, Snapshot]) -> None:
    lock = hold_lock(docs)
    threading.Timer(0.3, os.close, [lock]).start()
    result = build("new.yaml")
    assert result.exit_code == 0, result.output
    assert snapshot(docs) == expected["new"]


def test_a_second_build_gives_up_after_a_while_and_names_the_first(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_lock, "LOCK_WAIT", 0.2)
    lock = hold_lock(docs)
    try:
        before = snapshot(docs)
        result = build("new.yaml")
        busy = f"Error: another build is running in docs/ (pid {os.getpid()})\n"
        assert (result.exit_code, result.stderr) == (1, busy)
        assert snapshot(docs) == before
    finally:
        os.close(lock)


def test_the_lock_file_of_a_build_that_died_blocks_nothing(docs: Path, expected: dict[str, Snapshot]) -> None:
    (docs / build_lock.LOCK).write_text("999999999\n", encoding="utf-8")
    result = build("new.yaml")
    assert result.exit_code == 0, result.output
    assert snapshot(docs) == expected["new"]


def test_two_builds_at_once_leave_the_pages_of_one(docs: Path, expected: dict[str, Snapshot]) -> None:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(2):
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "generator", "build", "--data", data],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=environment,
            )
            for data in ("new.yaml", "old.yaml")
        ]
        errors = [run.communicate(timeout=60)[1] for run in runs]
        for run, other, error in zip(runs, reversed(runs), errors, strict=True):
            busy = f"Error: another build is running in docs/ (pid {other.pid})\n"
            assert (run.returncode, error) in ((0, ""), (1, busy))
        assert snapshot(docs) in expected.values()
        assert leftovers(docs) == []


# Symbolic links: MkDocs would publish what they point to.
@pytest.mark.parametrize("link", ["docs/leak.md", "docs/assets/leak.css", "overrides/leak.html", "mkdocs.yml"])
def test_a_symbolic_link_in_docs_overrides_or_the_configuration_is_refused(docs: Path, link: str) -> None:
    (docs.parent / "overrides").mkdir()
    Path(link).symlink_to("/etc/hostname")
    before = snapshot(docs)
    result = build("new.yaml")
    expected = f"Error: {link} is a symbolic link; replace it with the real file or folder (the site publishes only real files)\n"
    assert (result.exit_code, result.stderr) == (1, expected)
    assert snapshot(docs) == before


def test_mkdocs_refuses_symbolic_links_and_unfinished_builds_and_publishes_none_of_the_generators_own_files(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path, SMALL)
    assert run_cli("build", cwd=project).returncode == 0
    docs = project / "docs"
    for name in (build_lock.LOCK, "events/.index.md.tmp"):
        (docs / name).write_text("not for publishing\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert list((project / "site").rglob(".*")) == []
    (docs / journal.JOURNAL).mkdir()
    shutil.rmtree(project / "site")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert (
        "inputs hook: docs/ holds the pages of a generator build that was stopped part-way; "
        "run `python -m generator build` first (it puts the last finished pages back)"
    ) in result.stderr
    assert not (project / "site").exists()
    (docs / journal.JOURNAL).rmdir()
    (docs / "leak.md").symlink_to("/etc/hostname")
    (project / "overrides" / "leak.html").symlink_to("/etc/hostname")
    (project / "mkdocs.yml").rename(project / "site.yml")
    (project / "mkdocs.yml").symlink_to("site.yml")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert (
        "inputs hook: docs/leak.md, mkdocs.yml, overrides/leak.html are symbolic links; "
        "replace each with the real file or folder (the site publishes only real files)"
    ) in result.stderr
    assert not (project / "site" / "leak").exists()
