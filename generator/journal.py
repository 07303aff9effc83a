"""The journal that makes a build all or nothing even when its process is killed: before each change to
docs/, how to undo it is added to docs/.generator-journal/ (an old file is kept there under a second name,
which copies nothing), and the journal is deleted once every change is made. Whoever finds a journal undoes
it, last change first; undoing twice does no harm."""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from generator.errors import OutputError

JOURNAL = ".generator-journal"
JournalEntry = tuple[str, str, int]  # what was done ("created", "saved", "folder", "pruned"), to which path, kept copy
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV}


@dataclass
class Journal:
    """How to undo each change, on disk before the change is made; made at the first change."""

    folder: Path
    log: int = -1
    kept: int = 0

    def note(self, kind: str, path: str, kept: int = 0) -> None:
        self.open()
        line = json.dumps([kind, path, kept] if kept else [kind, path]).encode("ascii") + b"\n"
        if os.write(self.log, line) != len(line):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def keep(self, path: str, target: Path, old: bytes) -> None:
        """Keeps the file as it is, under a second name: a rewrite makes a new file and leaves this one whole."""
        self.open()
        self.kept += 1
        copy = self.folder / str(self.kept)
        try:
            os.link(target, copy, follow_symlinks=False)
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise
            copy.write_bytes(old)
        self.note("saved", path, self.kept)

    def move(self, path: str, target: Path) -> None:
        """Moves a file into the journal, to remove it."""
        self.kept += 1
        self.note("saved", path, self.kept)
        os.replace(target, self.folder / str(self.kept))

    def open(self) -> None:
        if self.log < 0:
            self.folder.mkdir()
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC
            self.log = os.open(self.folder / "log", flags, 0o644)

    def close(self) -> None:
        if self.log >= 0:
            os.close(self.log)
            self.log = -1

    def finish(self) -> None:
        """Once the log is gone, the new pages stand; what is left of the journal, the next build deletes."""
        if self.log >= 0:
            self.close()
            (self.folder / "log").unlink()
            shutil.rmtree(self.folder, ignore_errors=True)


def roll_back(docs: Path, owned: Callable[[str], bool]) -> None:
    """Undoes the journal's changes, last first, then deletes it: `docs` is as it was before them. `owned`
    says which paths a journal may name (a damaged one must not reach a hand-written page)."""
    journal = docs / JOURNAL
    if not os.path.lexists(journal):
        return
    for record in reversed(_read_journal(journal, owned)):
        _undo(docs, journal, record)
    (journal / "log").unlink(missing_ok=True)
    shutil.rmtree(journal)


def _undo(docs: Path, journal: Path, record: JournalEntry) -> None:
    kind, path, kept = record
    target = docs / path
    if kind in ("created", "saved"):
        _delete(temporary(target))
    if kind == "created" and not target.is_dir():  # a folder there was in the way, not made by the build
        _delete(target)
    elif kind == "saved" and (journal / str(kept)).exists() and not _same_file(journal / str(kept), target):
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(journal / str(kept), target)
    elif kind == "folder" and target.is_dir() and not any(target.iterdir()):
        target.rmdir()
    elif kind == "pruned":
        target.mkdir(parents=True, exist_ok=True)


def _same_file(kept: Path, target: Path) -> bool:
    """The file was kept and then not changed: there is nothing to put back (and it may be immutable)."""
    try:
        return os.path.samefile(kept, target)
    except OSError:
        return False


def _delete(path: Path) -> None:
    """Deletes a file if it is there; it is not when a file was in the way of its folder."""
    with suppress(FileNotFoundError, NotADirectoryError):
        path.unlink()


def _read_journal(journal: Path, owned: Callable[[str], bool]) -> list[JournalEntry]:
    try:
        data = (journal / "log").read_bytes()
    except FileNotFoundError:
        return []
    *lines, _cut_short = data.split(b"\n")  # a line without its newline was being written: its change was not made
    return [_record(journal, line, owned) for line in lines]


def _record(journal: Path, line: bytes, owned: Callable[[str], bool]) -> JournalEntry:
    try:
        parsed = json.loads(line)
    except ValueError:
        parsed = None
    match parsed:
        case ["saved", str(path), int(kept)] if _inside(path, owned):
            return ("saved", path, kept)
        case [("created" | "folder" | "pruned") as kind, str(path)] if _inside(path, owned):
            return (kind, path, 0)
    raise OutputError(
        f"{journal} is damaged, so the pages a stopped build left half-written cannot be put back; delete it and build again"
    )


def _inside(path: str, owned: Callable[[str], bool]) -> bool:
    """A path a journal may name: in the generator's own part of docs/, with no way out of it."""
    return owned(path) and not {"", ".", ".."} & set(path.split("/"))


def temporary(target: Path) -> Path:
    return target.with_name(f".{target.name}.tmp")
