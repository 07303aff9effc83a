"""Writing: only the generator's own pages change, and a failure part-way undoes everything."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import write
from generator.errors import OutputError
from generator.write import write_pages

from .conftest import tree_digest


def test_a_crash_halfway_through_writing_restores_the_previous_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_pages({"index.md": "old home\n", "events/a/index.md": "A\n", "events/b/index.md": "B\n"}, tmp_path)
    before = tree_digest(tmp_path)
    calls = []
    real_replace = write.replace_file

    def failing_replace(target: Path, data: bytes) -> None:
        calls.append(target)
        if len(calls) == 3:
            raise OSError("disk full")
        real_replace(target, data)

    monkeypatch.setattr(write, "replace_file", failing_replace)
    new_pages = {
        "index.md": "new home\n",
        "events/a/index.md": "A2\n",
        "events/c/index.md": "C\n",
        "people/p/index.md": "P\n",
    }
    with pytest.raises(OutputError, match=r"^cannot write .*/events/c/index\.md: disk full$"):
        write_pages(new_pages, tmp_path)
    assert tree_digest(tmp_path) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["events", "index.md"]  # no journal, no lock


class FailingStep:
    """Makes the `step`-th file-system operation (write, replace, link, unlink, mkdir, rmdir) fail."""

    def __init__(self, step: int, patch: pytest.MonkeyPatch) -> None:
        self.step, self.count = step, 0
        for name in ("replace", "link", "write"):
            patch.setattr(os, name, self.failing(getattr(os, name)))
        for name in ("write_bytes", "unlink", "mkdir", "rmdir"):
            patch.setattr(Path, name, self.failing(getattr(Path, name)))

    def failing(self, real: Callable[..., object]) -> Callable[..., object]:
        def operation(*args: object, **kwargs: object) -> object:
            self.count += 1
            if self.count == self.step:
                raise OSError(f"step {self.step} fails")
            return real(*args, **kwargs)

        return operation


def test_a_failure_at_any_step_leaves_docs_exactly_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every file-system step of a build that changes, adds and removes pages and folders fails in turn."""
    write_pages({"index.md": "old\n", "events/a/index.md": "A\n", "events/b/index.md": "B\n"}, tmp_path)
    (tmp_path / "about.md").write_text("hand-written\n", encoding="utf-8")
    before = tree_digest(tmp_path)
    new_pages = {
        "index.md": "new\n",
        "events/a/index.md": "A2\n",
        "people/p/index.md": "P\n",
        "timeline/2017/index.md": "T\n",
    }
    step = 0
    while True:
        step += 1
        with monkeypatch.context() as patch:
            FailingStep(step, patch)
            try:
                write_pages(new_pages, tmp_path)
            except OutputError as error:
                assert str(error).endswith(f": step {step} fails"), str(error)
                assert tree_digest(tmp_path) == before, f"step {step}"
                assert sorted(path.name for path in tmp_path.iterdir()) == ["about.md", "events", "index.md"]
                continue
        break
    assert step > 20  # every step of this change, its journal and its lock, was made to fail once
    assert tree_digest(tmp_path).keys() == {*new_pages, "about.md"}


def test_pages_outside_the_generated_folders_are_refused(tmp_path: Path) -> None:
    for path in ("about.md", "../outside.md", "events/../../x.md", "assets/site.css"):
        with pytest.raises(OutputError, match="outside the generator's own pages"):
            write_pages({path: "x"}, tmp_path)
    assert not any(tmp_path.iterdir())


def test_empty_folders_of_removed_pages_are_pruned(tmp_path: Path) -> None:
    write_pages({"events/a/index.md": "A\n", "events/b/index.md": "B\n"}, tmp_path)
    report = write_pages({"events/a/index.md": "A\n"}, tmp_path)
    assert report.removed == ("events/b/index.md",)
    assert report.written == ()
    assert sorted(tree_digest(tmp_path)) == ["events/a/index.md"]
    assert not (tmp_path / "events" / "b").exists()


def test_pages_may_come_one_at_a_time_and_a_path_given_twice_undoes_everything(tmp_path: Path) -> None:
    report = write_pages(iter([("index.md", "home\n"), ("events/a/index.md", "A\n")]), tmp_path)
    assert report.written == ("index.md", "events/a/index.md")
    before = tree_digest(tmp_path)
    with pytest.raises(OutputError, match=r"refusing to write index\.md"):
        write_pages(iter([("index.md", "new home\n"), ("people/p/index.md", "P\n"), ("index.md", "again\n")]), tmp_path)
    assert tree_digest(tmp_path) == before
