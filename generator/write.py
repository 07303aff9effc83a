"""Write: the only code that touches docs/. It changes only what the generator owns, all or nothing.

Owned: the home page and the folders below; every other file in docs/ is hand-written and never read,
changed or deleted. Only files whose bytes differ are written, and pages no longer rendered are removed.

All or nothing even if the process is killed: each change is first added to a journal (`journal.py`), which
a build that finds it undoes first. One build at a time: a build holds docs/'s lock (`lock.py`). MkDocs
publishes neither, as it skips names that start with a dot.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import OutputError
from generator.journal import JOURNAL, Journal, roll_back, temporary
from generator.lock import LOCK, locked
from generator.oserrors import cause, link_refused, reported

OWNED_FILES = ("index.md",)
OWNED_FOLDERS = (
    "api", "corrections", "data", "data-fields", "events", "figures", "movements", "people", "sources", "timeline",
)  # fmt: skip

Pages = Mapping[str, str] | Iterable[tuple[str, str | bytes]]


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


def is_owned(path: str) -> bool:
    return path in OWNED_FILES or (path.split("/", 1)[0] in OWNED_FOLDERS and "/" in path)


def _in_owned_part(path: str) -> bool:
    """A page or a folder of the generator's own (a journal records the folders it makes, too)."""
    return path in OWNED_FILES or path.split("/", 1)[0] in OWNED_FOLDERS


def write_pages(pages: Pages, docs: Path) -> WriteReport:
    """Makes the owned part of `docs` hold exactly `pages` (relative path, and text or its UTF-8 bytes). Pages
    may come one at a time, as they are rendered: only the old bytes of the files that change are kept, to undo."""
    _refuse_links_beside(docs)
    with locked(docs):
        _undo_interrupted(docs)
        existing, empty_folders = _scan(docs)
        with _Transaction(docs, Journal(docs / JOURNAL), empty_folders) as transaction:
            return _apply(pages, docs, existing, transaction)


def restore_interrupted(docs: Path) -> None:
    """Undoes what a build killed part-way left in `docs`: it then holds the pages of the last build that
    finished, and no file of a build's own."""
    if os.path.lexists(docs / JOURNAL) or os.path.lexists(docs / LOCK):
        with locked(docs):
            _undo_interrupted(docs)


def _apply(pages: Pages, docs: Path, existing: set[str], transaction: _Transaction) -> WriteReport:
    seen: set[str] = set()
    written: list[str] = []
    for path, text in pages.items() if isinstance(pages, Mapping) else pages:
        if not is_owned(path) or ".." in path.split("/") or path in seen:
            raise OutputError(f"refusing to write {path}: it is outside the generator's own pages, or twice")
        seen.add(path)
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        old = _read(docs / path) if path in existing else None
        if old != data:
            transaction.put(path, data, old)
            written.append(path)
    stale = sorted(existing - seen)
    for path in stale:
        transaction.remove(path)
    return WriteReport(tuple(written), tuple(stale), len(seen) - len(written))


def _read(path: Path) -> bytes:
    with reported(path, "read"):
        return path.read_bytes()


def _refuse_links_beside(docs: Path) -> None:
    """MkDocs reads through links in the configuration and the theme additions beside docs/ too."""
    config, overrides = docs.parent / "mkdocs.yml", docs.parent / "overrides"
    for path in (docs, config, overrides):
        if path.is_symlink():
            raise link_refused(path)
    if overrides.is_dir():
        _refuse_links_in(overrides)


def _refuse_links_in(folder: Path) -> None:
    with reported(folder, "read"), os.scandir(folder) as listing:
        entries = list(listing)
    for entry in entries:
        if entry.is_symlink():
            raise link_refused(Path(entry.path))
        if entry.is_dir():
            _refuse_links_in(Path(entry.path))


def _scan(docs: Path) -> tuple[set[str], list[str]]:
    """The generator's files now in `docs` and its empty folders, once the temporary files a killed build left
    are deleted. A symbolic link anywhere in docs/ is refused: writing through one could change files outside,
    and MkDocs would publish what it points to."""
    files: set[str] = set()
    empty_folders: list[str] = []
    _scan_folder(docs, "", files, empty_folders)
    return files, empty_folders


def _scan_folder(docs: Path, relative: str, files: set[str], empty_folders: list[str]) -> None:
    """One listing per folder: the kind of each entry comes with it, with no call per file (20,000 pages)."""
    with reported(docs / relative, "read"), os.scandir(docs / relative) as listing:
        entries = list(listing)
    if not entries and relative.split("/", 1)[0] in OWNED_FOLDERS:
        empty_folders.append(relative)
    for entry in entries:
        path = _join(relative, entry.name)
        if entry.is_symlink():
            raise link_refused(docs / path)
        if entry.is_dir():
            _scan_folder(docs, path, files, empty_folders)
        elif _is_temporary(relative, entry.name):
            with reported(docs / path, "remove"):
                os.unlink(entry.path)
        elif is_owned(path):
            files.add(path)


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _is_temporary(folder: str, name: str) -> bool:
    """One of the temporary files replace_file makes, left by a build that was killed."""
    return name.startswith(".") and name.endswith(".tmp") and is_owned(_join(folder, name[1:-4]))


def _undo_interrupted(docs: Path) -> None:
    if os.path.lexists(docs / JOURNAL):
        _scan(docs)  # refuses links first: undoing must not follow one out of docs/
        with reported(docs / JOURNAL, "put back the pages of the last finished build from"):
            roll_back(docs, _in_owned_part)


@dataclass
class _Transaction:
    """Applies file changes, each after its journal line; if one fails, the journal undoes them all."""

    docs: Path
    journal: Journal
    empty_folders: list[str]  # found empty before the change: pruned with those its removals empty
    # Paths relative to docs/: a build of 100,000 events makes 600,000 files in 300,000 folders, and a Path
    # object for each would take more memory than the pages do.
    known_folders: set[str] = field(default_factory=lambda: {""})

    def __enter__(self) -> _Transaction:
        return self

    def __exit__(self, kind: object, error: BaseException | None, traceback: object) -> None:
        if error is None:
            try:
                self.prune_empty_folders()
                with reported(self.journal.folder, "remove"):
                    self.journal.finish()
                return
            except BaseException as failure:
                self.undo(failure)
                raise
        self.undo(error)

    def put(self, path: str, data: bytes, old: bytes | None) -> None:
        target = self.docs / path
        with reported(target):
            self.make_folders(path.rpartition("/")[0])
            if old is None:
                self.journal.note("created", path)
            else:
                self.journal.keep(path, target, old)
            replace_file(target, data)

    def remove(self, path: str) -> None:
        with reported(self.docs / path, "remove"):
            self.journal.move(path, self.docs / path)
        self.empty_folders.append(path.rpartition("/")[0])

    def make_folders(self, folder: str) -> None:
        """A page's folder (relative to docs/) and its missing parents."""
        missing = []
        while folder not in self.known_folders:
            self.known_folders.add(folder)
            if (self.docs / folder).exists():
                break
            missing.append(folder)
            folder = folder.rpartition("/")[0]
        for relative in reversed(missing):
            self.journal.note("folder", relative)
            (self.docs / relative).mkdir()

    def prune_empty_folders(self) -> None:
        """Each folder that may be empty, and then its parents up to docs/, deepest first."""
        for folder in sorted(set(self.empty_folders), key=lambda path: path.count("/"), reverse=True):
            while folder and (self.docs / folder).is_dir() and not any((self.docs / folder).iterdir()):
                with reported(self.docs / folder, "remove"):
                    self.journal.note("pruned", folder)
                    (self.docs / folder).rmdir()
                folder = folder.rpartition("/")[0]

    def undo(self, error: BaseException) -> None:
        self.journal.close()
        try:
            roll_back(self.docs, _in_owned_part)
        except OSError as failure:
            raise OutputError(
                f"{error}; putting the previous pages back failed too ({cause(Path(failure.filename or self.docs), failure)}): build again to finish it"
            ) from failure


def replace_file(target: Path, data: bytes) -> None:
    """Writes a file so that a reader sees the old bytes or the new, never half of them."""
    temporary_file = temporary(target)
    try:
        temporary_file.write_bytes(data)
        os.replace(temporary_file, target)
    except BaseException:
        temporary_file.unlink(missing_ok=True)
        raise
