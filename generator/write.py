"""Write: the only code that touches docs/. It changes only what the generator owns, all or nothing.

Owned: the home page and the folders below; every other file in docs/ is hand-written and
never read, changed or deleted. Only files whose bytes differ are written, pages no longer
rendered are removed, and if anything fails part-way every change already made is undone.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import OutputError

OWNED_FILES = ("index.md",)
OWNED_FOLDERS = ("corrections", "data-fields", "events", "figures", "movements", "people", "sources", "timeline")


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


def is_owned(path: str) -> bool:
    return path in OWNED_FILES or (path.split("/", 1)[0] in OWNED_FOLDERS and "/" in path)


def write_pages(pages: Mapping[str, str], docs: Path) -> WriteReport:
    """Makes the owned part of `docs` hold exactly `pages` ({relative path: Markdown})."""
    for path in pages:
        if not is_owned(path) or ".." in path.split("/"):
            raise OutputError(f"refusing to write {path}: it is outside the generator's own pages")
    _refuse_links(docs)
    existing = _owned_files(docs)
    new = {path: text.encode("utf-8") for path, text in pages.items()}
    changed = [path for path, data in new.items() if existing.get(path) != data]
    stale = sorted(set(existing) - set(new))
    with _Transaction(docs) as transaction:
        for path in changed:
            transaction.put(path, new[path], existing.get(path))
        for path in stale:
            transaction.remove(path, existing[path])
    return WriteReport(tuple(changed), tuple(stale), len(new) - len(changed))


def _refuse_links(docs: Path) -> None:
    """Writing through a symbolic link could change files outside docs/."""
    candidates = [docs, *(docs / name for name in OWNED_FILES + OWNED_FOLDERS)]
    for folder in OWNED_FOLDERS:
        if (docs / folder).is_dir() and not (docs / folder).is_symlink():
            candidates += list((docs / folder).rglob("*"))
    for path in candidates:
        if path.is_symlink():
            raise OutputError(f"{path} is a symbolic link; the generator writes only real files and folders")
    if docs.exists() and not docs.is_dir():
        raise OutputError(f"{docs} is not a folder")


def _owned_files(docs: Path) -> dict[str, bytes]:
    files = {name: (docs / name).read_bytes() for name in OWNED_FILES if (docs / name).is_file()}
    for folder in OWNED_FOLDERS:
        for path in sorted((docs / folder).rglob("*")) if (docs / folder).is_dir() else ():
            if path.is_file():
                files[path.relative_to(docs).as_posix()] = path.read_bytes()
    return files


@dataclass
class _Transaction:
    """Applies file changes and, if one fails, restores every file and folder as it was."""

    docs: Path
    undo: list[tuple[str, bytes | None]] = field(default_factory=list)
    created_folders: list[Path] = field(default_factory=list)

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
        target = self.docs / path
        self.make_folders(target.parent)
        self.undo.append((path, old))
        _replace(target, data)

    def remove(self, path: str, old: bytes) -> None:
        self.undo.append((path, old))
        (self.docs / path).unlink()

    def make_folders(self, folder: Path) -> None:
        missing = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for path in reversed(missing):
            path.mkdir()
            self.created_folders.append(path)

    def roll_back(self) -> None:
        for path, old in reversed(self.undo):
            target = self.docs / path
            if old is None:
                target.unlink(missing_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                _replace(target, old)
        for folder in reversed(self.created_folders):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()

    def prune_empty_folders(self) -> None:
        for name in OWNED_FOLDERS:
            root = self.docs / name
            if not root.is_dir():
                continue
            for folder in sorted((path for path in root.rglob("*") if path.is_dir()), reverse=True):
                if not any(folder.iterdir()):
                    folder.rmdir()
            if not any(root.iterdir()):
                root.rmdir()


def _replace(target: Path, data: bytes) -> None:
    """Writes a file so that a reader sees the old bytes or the new, never half of them."""
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
