"""One build at a time in a docs folder: a build holds docs/.generator.lock, which the system lets go of when
the build's process ends, so that the lock file a killed build left behind blocks nothing."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from generator.errors import OutputError
from generator.oserrors import link_refused, reported

LOCK = ".generator.lock"
LOCK_WAIT = 5.0  # seconds a build waits for another one writing into the same docs/ to finish


@contextmanager
def locked(docs: Path) -> Iterator[None]:
    """Holds docs/'s lock while the block runs; makes docs/ if it is missing, and removes it again if it is
    still empty after."""
    if docs.is_symlink() or (docs / LOCK).is_symlink():
        raise link_refused(docs if docs.is_symlink() else docs / LOCK)
    with reported(docs):
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
