"""What the file system refused, said as one line that names the path, the cause and the fix."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import OutputError

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


@contextmanager
def reported(path: Path, doing: str = "write") -> Iterator[None]:
    """What the system refused, as one line naming the path, the cause and the fix."""
    try:
        yield
    except OSError as error:
        raise OutputError(f"cannot {doing} {path}: {cause(path, error)}") from error


def cause(path: Path, error: OSError) -> str:
    if error.errno == errno.ENOTDIR:
        return f"{_file_in_the_way(path)} is a file where a folder goes; remove it or move it aside"
    return _CAUSES.get(error.errno or 0, error.strerror or str(error))


def _file_in_the_way(path: Path) -> Path:
    for ancestor in (*reversed(path.parents), path):
        if ancestor.exists() and not ancestor.is_dir():
            return ancestor
    return path


def link_refused(path: Path) -> OutputError:
    return OutputError(
        f"{path} is a symbolic link; replace it with the real file or folder (the site publishes only real files)"
    )
