"""Write: the only code that touches docs/. It changes only what the generator owns, all or nothing.

Owned: the home page and the folders below; every other file in docs/ is hand-written and
never read, changed or deleted. Only files whose bytes differ are written, pages no longer
rendered are removed, and if anything fails part-way every change already made is undone.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import OutputError

OWNED_FILES = ("index.md",)
OWNED_FOLDERS = (
    "api", "corrections", "data", "data-fields", "events", "figures", "movements", "people", "sources", "timeline",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


def is_owned(path: str) -> bool:
    return path in OWNED_FILES or (path.split("/", 1)[0] in OWNED_FOLDERS and "/" in path)


def write_pages(pages: Mapping[str, str] | Iterable[tuple[str, str | bytes]], docs: Path) -> WriteReport:
    """Makes the owned part of `docs` hold exactly `pages` (relative path, and text or its UTF-8 bytes). Pages
    may come one at a time, as they are rendered: only the previous bytes of the files that change are kept,
    to undo."""
    existing, empty_folders = _scan(docs)
    seen: set[str] = set()
    written: list[str] = []
    with _Transaction(docs, empty_folders) as transaction:
        for path, text in pages.items() if isinstance(pages, Mapping) else pages:
            if not is_owned(path) or ".." in path.split("/") or path in seen:
                raise OutputError(f"refusing to write {path}: it is outside the generator's own pages, or twice")
            seen.add(path)
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            old = (docs / path).read_bytes() if path in existing else None
            if old != data:
                transaction.put(path, data, old)
                written.append(path)
        stale = sorted(existing - seen)
        for path in stale:
            transaction.remove(path, (docs / path).read_bytes())
    return WriteReport(tuple(written), tuple(stale), len(seen) - len(written))


def _scan(docs: Path) -> tuple[set[str], list[Path]]:
    """The generator's files now in `docs`, and its empty folders. Writing through a symbolic link could
    change files outside docs/, so one anywhere among them is refused."""
    if docs.is_symlink():
        raise _link_refused(docs)
    if docs.exists() and not docs.is_dir():
        raise OutputError(f"{docs} is not a folder")
    files: set[str] = set()
    empty_folders: list[Path] = []
    for name in OWNED_FILES + OWNED_FOLDERS:
        path = docs / name
        if path.is_symlink():
            raise _link_refused(path)
        if name in OWNED_FILES and path.is_file():
            files.add(name)
        elif name in OWNED_FOLDERS and path.is_dir():
            _scan_folder(path, name, files, empty_folders)
    return files, empty_folders


def _scan_folder(folder: Path, relative: str, files: set[str], empty_folders: list[Path]) -> None:
    """One listing per folder: the kind of each entry comes with it, with no call per file (20,000 pages)."""
    with os.scandir(folder) as listing:
        entries = list(listing)
    if not entries:
        empty_folders.append(folder)
    for entry in entries:
        if entry.is_symlink():
            raise _link_refused(Path(entry.path))
        if entry.is_dir():
            _scan_folder(Path(entry.path), f"{relative}/{entry.name}", files, empty_folders)
        elif entry.is_file():
            files.add(f"{relative}/{entry.name}")


def _link_refused(path: Path) -> OutputError:
    return OutputError(f"{path} is a symbolic link; the generator writes only real files and folders")


@dataclass
class _Transaction:
    """Applies file changes and, if one fails, restores every file and folder as it was."""

    docs: Path
    empty_folders: list[Path]  # found empty before the change: pruned with those its removals empty
    # What was done, to undo it, kept as paths relative to docs/: a build of 100,000 events makes 600,000
    # files in 300,000 folders, and a Path object for each would take more memory than the pages do.
    created: list[str] = field(default_factory=list)
    replaced: list[tuple[str, bytes]] = field(default_factory=list)  # changed or removed, with the old bytes
    created_folders: list[str] = field(default_factory=list)
    known_folders: set[str] = field(default_factory=set)

    def __enter__(self) -> _Transaction:
        return self

    def __exit__(self, kind: object, error: BaseException | None, traceback: object) -> None:
        if error is None:
            try:
                self.prune_empty_folders()
                return
            except BaseException:
                self.roll_back()
                raise
        self.roll_back()

    def put(self, path: str, data: bytes, old: bytes | None) -> None:
        self.make_folders(path.rpartition("/")[0])
        if old is None:
            self.created.append(path)
        else:
            self.replaced.append((path, old))
        _replace(self.docs / path, data)

    def remove(self, path: str, old: bytes) -> None:
        self.replaced.append((path, old))
        (self.docs / path).unlink()
        self.empty_folders.append((self.docs / path).parent)

    def make_folders(self, folder: str) -> None:
        """A page's folder (relative to docs/; "" is docs/ itself) and its missing parents."""
        missing = []
        while folder not in self.known_folders:
            self.known_folders.add(folder)
            if (self.docs / folder).exists():
                break
            missing.append(folder)
            if not folder:
                break
            folder = folder.rpartition("/")[0]
        for relative in reversed(missing):
            (self.docs / relative).mkdir()
            self.created_folders.append(relative)

    def roll_back(self) -> None:
        for path in reversed(self.created):
            (self.docs / path).unlink(missing_ok=True)
        for path, old in reversed(self.replaced):
            target = self.docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            _replace(target, old)
        for relative in reversed(self.created_folders):
            folder = self.docs / relative
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()

    def prune_empty_folders(self) -> None:
        """Each folder that may be empty, and then its parents up to docs/, deepest first."""
        for folder in sorted(set(self.empty_folders), key=lambda path: len(path.parts), reverse=True):
            while folder != self.docs and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent


def _replace(target: Path, data: bytes) -> None:
    """Writes a file so that a reader sees the old bytes or the new, never half of them."""
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
