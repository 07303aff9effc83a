"""Write: the only code that touches docs/. It changes only what the generator owns, all or nothing.

Owned: the home page and the folders below; every other file in docs/ is hand-written and never read,
changed or deleted. Only files whose bytes differ are written, and pages no longer rendered are removed.

All or nothing even if the process is killed: before each change, how to undo it is added to a journal,
docs/.generator-journal/ (the old file is kept under a second name there, which copies nothing), and the
journal is deleted once every change is made. A build that finds a journal undoes it first. One build at a
time: a build holds docs/.generator.lock. MkDocs publishes neither, as it skips names that start with a dot.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import OutputError

OWNED_FILES = ("index.md",)
OWNED_FOLDERS = (
    "api", "corrections", "data", "data-fields", "events", "figures", "movements", "people", "sources", "timeline",
)  # fmt: skip
JOURNAL = ".generator-journal"
LOCK = ".generator.lock"
LOCK_WAIT = 5.0  # seconds a build waits for another one writing into the same docs/ to finish

Pages = Mapping[str, str] | Iterable[tuple[str, str | bytes]]
Record = tuple[str, str, int]  # what was done ("created", "saved", "folder", "pruned"), to which path, kept copy

_ACCESS = "permission denied; give your user read and write access to it and to its folder"
_CAUSES = {
    errno.EISDIR: "a folder is in the way; remove it or move it aside",
    errno.EACCES: _ACCESS,
    errno.EPERM: _ACCESS,
    errno.EROFS: "the file system is read-only; build into a folder on a writable disk",
    errno.ENOSPC: "the disk is full; free some space and build again",
    errno.EDQUOT: "the disk quota is used up; free some space and build again",
    errno.ENOENT: "a folder on its path does not exist; create it first",
}
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV}


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


def is_owned(path: str) -> bool:
    return path in OWNED_FILES or (path.split("/", 1)[0] in OWNED_FOLDERS and "/" in path)


def write_pages(pages: Pages, docs: Path) -> WriteReport:
    """Makes the owned part of `docs` hold exactly `pages` (relative path, and text or its UTF-8 bytes). Pages
    may come one at a time, as they are rendered: only the old bytes of the files that change are kept, to undo."""
    _refuse_links_beside(docs)
    with _locked(docs):
        _undo_interrupted(docs)
        existing, empty_folders = _scan(docs)
        with _Transaction(docs, _Journal(docs / JOURNAL), empty_folders) as transaction:
            return _apply(pages, docs, existing, transaction)


def restore_interrupted(docs: Path) -> None:
    """Undoes what a build killed part-way left in `docs`: it then holds the pages of the last build that
    finished, and no file of a build's own."""
    if os.path.lexists(docs / JOURNAL) or os.path.lexists(docs / LOCK):
        with _locked(docs):
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
    with _reported(path, "read"):
        return path.read_bytes()


@contextmanager
def _reported(path: Path, doing: str = "write") -> Iterator[None]:
    """What the system refused, as one line naming the path, the cause and the fix."""
    try:
        yield
    except OSError as error:
        raise OutputError(f"cannot {doing} {path}: {_cause(path, error)}") from error


def _cause(path: Path, error: OSError) -> str:
    if error.errno == errno.ENOTDIR:
        return f"{_file_in_the_way(path)} is a file where a folder goes; remove it or move it aside"
    return _CAUSES.get(error.errno or 0, error.strerror or str(error))


def _file_in_the_way(path: Path) -> Path:
    for ancestor in (*reversed(path.parents), path):
        if ancestor.exists() and not ancestor.is_dir():
            return ancestor
    return path


def _link_refused(path: Path) -> OutputError:
    return OutputError(
        f"{path} is a symbolic link; replace it with the real file or folder (the site publishes only real files)"
    )


def _refuse_links_beside(docs: Path) -> None:
    """MkDocs reads through links in the configuration and the theme additions beside docs/ too."""
    config, overrides = docs.parent / "mkdocs.yml", docs.parent / "overrides"
    for path in (docs, config, overrides):
        if path.is_symlink():
            raise _link_refused(path)
    if overrides.is_dir():
        _refuse_links_in(overrides)


def _refuse_links_in(folder: Path) -> None:
    with _reported(folder, "read"), os.scandir(folder) as listing:
        entries = list(listing)
    for entry in entries:
        if entry.is_symlink():
            raise _link_refused(Path(entry.path))
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
    with _reported(docs / relative, "read"), os.scandir(docs / relative) as listing:
        entries = list(listing)
    if not entries and relative.split("/", 1)[0] in OWNED_FOLDERS:
        empty_folders.append(relative)
    for entry in entries:
        path = _join(relative, entry.name)
        if entry.is_symlink():
            raise _link_refused(docs / path)
        if entry.is_dir():
            _scan_folder(docs, path, files, empty_folders)
        elif _is_temporary(relative, entry.name):
            with _reported(docs / path, "remove"):
                os.unlink(entry.path)
        elif is_owned(path):
            files.add(path)


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _is_temporary(folder: str, name: str) -> bool:
    """One of the temporary files _replace makes, left by a build that was killed."""
    return name.startswith(".") and name.endswith(".tmp") and is_owned(_join(folder, name[1:-4]))


@contextmanager
def _locked(docs: Path) -> Iterator[None]:
    """Holds docs/'s lock: the system lets go of it when its process ends, so a lock file a killed build
    left behind blocks nothing."""
    if docs.is_symlink() or (docs / LOCK).is_symlink():
        raise _link_refused(docs if docs.is_symlink() else docs / LOCK)
    with _reported(docs):
        created = not docs.exists()
        if created:
            docs.mkdir()
        lock = _acquire(docs / LOCK)
    try:
        yield
    finally:
        with suppress(OSError):
            os.unlink(docs / LOCK)  # while it is held: see _holds
        os.close(lock)
        if created:
            with suppress(OSError):
                os.rmdir(docs)  # a first build that failed leaves no empty docs/


def _acquire(path: Path) -> int:
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        lock, held = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644), False
        try:
            held = _holds(lock, path)
            if held:
                os.ftruncate(lock, 0)
                os.write(lock, f"{os.getpid()}\n".encode())
                return lock
        except BaseException:
            if held:
                os.unlink(path)
            os.close(lock)
            raise
        os.close(lock)
        if time.monotonic() >= deadline:
            raise OutputError(f"another build is running in {path.parent}/ (pid {_holder(path)})")
        time.sleep(0.05)


def _holds(lock: int, path: Path) -> bool:
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    # A build deletes the lock file before letting go of it: one locked after that is no longer the lock.
    try:
        now = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    held = os.fstat(lock)
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


def _holder(path: Path) -> str:
    try:
        with open(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb") as lock:
            pid = lock.read(32).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        pid = ""
    return pid if pid.isdigit() else "unknown"


def _undo_interrupted(docs: Path) -> None:
    if os.path.lexists(docs / JOURNAL):
        _scan(docs)  # refuses links first: undoing must not follow one out of docs/
        with _reported(docs / JOURNAL, "put back the pages of the last finished build from"):
            _roll_back(docs)


@dataclass
class _Journal:
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


@dataclass
class _Transaction:
    """Applies file changes, each after its journal line; if one fails, the journal undoes them all."""

    docs: Path
    journal: _Journal
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
                with _reported(self.journal.folder, "remove"):
                    self.journal.finish()
                return
            except BaseException as failure:
                self.undo(failure)
                raise
        self.undo(error)

    def put(self, path: str, data: bytes, old: bytes | None) -> None:
        target = self.docs / path
        with _reported(target):
            self.make_folders(path.rpartition("/")[0])
            if old is None:
                self.journal.note("created", path)
            else:
                self.journal.keep(path, target, old)
            _replace(target, data)

    def remove(self, path: str) -> None:
        with _reported(self.docs / path, "remove"):
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
                with _reported(self.docs / folder, "remove"):
                    self.journal.note("pruned", folder)
                    (self.docs / folder).rmdir()
                folder = folder.rpartition("/")[0]

    def undo(self, error: BaseException) -> None:
        self.journal.close()
        try:
            _roll_back(self.docs)
        except OSError as failure:
            raise OutputError(
                f"{error}; putting the previous pages back failed too ({_cause(Path(failure.filename or self.docs), failure)}): build again to finish it"
            ) from failure


def _roll_back(docs: Path) -> None:
    """Undoes the journal's changes, last first, then deletes it: `docs` is as it was before them. Undoing
    twice does no harm, so a build stopped while undoing is undone again by the next."""
    journal = docs / JOURNAL
    if not os.path.lexists(journal):
        return
    for record in reversed(_read_journal(journal)):
        _undo(docs, journal, record)
    (journal / "log").unlink(missing_ok=True)
    shutil.rmtree(journal)


def _undo(docs: Path, journal: Path, record: Record) -> None:
    kind, path, kept = record
    target = docs / path
    if kind in ("created", "saved"):
        _delete(_temporary(target))
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


def _read_journal(journal: Path) -> list[Record]:
    try:
        data = (journal / "log").read_bytes()
    except FileNotFoundError:
        return []
    *lines, _cut_short = data.split(b"\n")  # a line without its newline was being written: its change was not made
    return [_record(journal, line) for line in lines]


def _record(journal: Path, line: bytes) -> Record:
    try:
        parsed = json.loads(line)
    except ValueError:
        parsed = None
    match parsed:
        case ["saved", str(path), int(kept)] if _inside(path):
            return ("saved", path, kept)
        case [("created" | "folder" | "pruned") as kind, str(path)] if _inside(path):
            return (kind, path, 0)
    raise OutputError(
        f"{journal} is damaged, so the pages a stopped build left half-written cannot be put back; delete it and build again"
    )


def _inside(path: str) -> bool:
    """A path a journal may name: in the generator's own part of docs/, with no way out of it."""
    parts = path.split("/")
    return (path in OWNED_FILES or parts[0] in OWNED_FOLDERS) and not {"", ".", ".."} & set(parts)


def _temporary(target: Path) -> Path:
    return target.with_name(f".{target.name}.tmp")


def _replace(target: Path, data: bytes) -> None:
    """Writes a file so that a reader sees the old bytes or the new, never half of them."""
    temporary = _temporary(target)
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
