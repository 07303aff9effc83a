"""MkDocs hook: `mkdocs build` of a large site shares its pages between two processes.

MkDocs builds one page after another: at 10,000 events (20,000 pages) it spends 85% of its time turning
Markdown into HTML and HTML into themed pages, one core busy and the other idle (measured with py-spy).
After the navigation is made, this hook forks a worker that reads, renders and writes every other page
that is not in the navigation, while MkDocs does the rest; the worker hands back what the whole build still needs (each page's
anchors and links to anchors, for MkDocs's check of every link) and its warnings, which MkDocs counts as its
own, so `--strict` fails exactly as it would in one process. The site is the same, byte for byte.

It wraps three private functions of MkDocs, as MkDocs 1.6.1 has them (the version requirements.txt pins;
a test builds a site both ways and compares the bytes). Any other version of MkDocs builds in one process,
as MkDocs does, since its private functions may have changed; so do small sites, `serve`, machines with
one core and a build with SITE_BUILD_JOBS=1.
"""

from __future__ import annotations

import logging
import os
import pickle
from typing import Any

import mkdocs
from mkdocs.commands import build
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

TESTED_WITH = "1.6.1"  # the MkDocs whose private functions this hook wraps
SMALLEST_SHARED = 200  # pages outside the navigation: below this, a second process costs more than it saves


class _Shared:
    """The pages the worker builds, and how to reach it."""

    enabled = False
    uris: frozenset[str] = frozenset()
    worker = 0  # its process id, until its results are collected
    results = -1  # the read end of the pipe it writes them to


def on_startup(command: str, dirty: bool) -> None:
    _Shared.enabled = (
        command == "build" and not dirty and hasattr(os, "fork") and _jobs() > 1 and mkdocs.__version__ == TESTED_WITH
    )


def _jobs() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(int(os.environ.get("SITE_BUILD_JOBS", "2")), cores)


def on_nav(nav: Any, config: Any, files: Files) -> Any:
    _Shared.uris = frozenset()
    in_nav = {page.file.src_uri for page in nav.pages}
    pages = [file for file in files.documentation_pages() if file.src_uri not in in_nav]
    if not _Shared.enabled or len(pages) < SMALLEST_SHARED:
        return nav
    shared = pages[1::2]  # every other page, so both processes get pages of every kind
    _Shared.uris = frozenset(file.src_uri for file in shared)
    logging.getLogger("mkdocs.hooks.parallel").info(f"Building {len(shared)} of {len(pages)} pages in a second process")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        _work(shared, nav, config, files, write)  # never returns
    os.close(write)
    _Shared.worker, _Shared.results = pid, read
    return nav


def _work(shared: list[File], nav: Any, config: Any, files: Files, output: int) -> None:
    """In the worker: build the shared pages, send back what the rest of the build needs, and exit."""
    warnings = _Warnings()
    mkdocs = logging.getLogger("mkdocs")
    mkdocs.handlers, mkdocs.propagate = [warnings], False  # the parent prints and counts them, once
    status = 0
    try:
        pages = [file.page for file in shared if file.page]  # MkDocs made a page for each, with the navigation
        for page in pages:
            _populate_page(page, config, files)
        env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
        doc_files = files.documentation_pages()
        for page in pages:
            _build_page(page, config, doc_files, nav, env)
        message: dict[str, Any] = {"pages": {page.file.src_uri: _anchors(page) for page in pages}}
    except Exception as error:  # any failure stops the build in the parent, with its message
        message, status = {"error": f"{type(error).__name__}: {error}"}, 1
    message["warnings"] = warnings.records
    with os.fdopen(output, "wb") as pipe:
        pickle.dump(message, pipe)
    os._exit(status)


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _anchors(page: Page) -> tuple[set[str], dict[str, dict[str, str]]]:
    links = {file.src_uri: anchors for file, anchors in (page.links_to_anchors or {}).items()}
    return page.present_anchor_ids or set(), links


def _collect(files: Files) -> None:
    """In the parent, before MkDocs checks the links: wait for the worker and take in what it sent."""
    if not _Shared.worker:
        return
    with os.fdopen(_Shared.results, "rb") as pipe:
        try:
            message = pickle.load(pipe)
        except EOFError:  # it was killed, or crashed, before it could say why
            message = {"error": "it stopped without sending its results", "warnings": []}
    _reap()
    for name, level, text in message["warnings"]:
        logging.getLogger(name).log(level, text)
    if "error" in message:
        raise PluginError(f"parallel hook: the second process, building half of the pages, failed: {message['error']}")
    for uri, (present, links) in message["pages"].items():
        page: Any = files.get_file_from_path(uri).page  # type: ignore[union-attr]
        page.present_anchor_ids = present
        page.links_to_anchors = {files.get_file_from_path(target): anchors for target, anchors in links.items()}


def on_build_error(error: Exception) -> None:
    if _Shared.worker:
        os.kill(_Shared.worker, 9)
        _reap()


def _reap() -> None:
    os.waitpid(_Shared.worker, 0)
    _Shared.worker = 0


def _original(function: Any) -> Any:
    """MkDocs's own function, not a wrapper of this hook loaded by an earlier build (`serve` reloads hooks)."""
    return getattr(function, "__wrapped__", function)


_populate_page = _original(build._populate_page)
_build_page = _original(build._build_page)
_validate_anchor_links = _original(Page.validate_anchor_links)


def _populate_unless_shared(page: Page, config: Any, files: Files, dirty: bool = False) -> None:
    if page.file.src_uri not in _Shared.uris:
        _populate_page(page, config, files, dirty)


def _build_unless_shared(page: Page, *args: Any, **options: Any) -> None:
    if page.file.src_uri not in _Shared.uris:
        _build_page(page, *args, **options)


def _validate_when_collected(page: Page, *, files: Files, log_level: int) -> None:
    _collect(files)
    _validate_anchor_links(page, files=files, log_level=log_level)


_populate_unless_shared.__wrapped__ = _populate_page  # type: ignore[attr-defined]
_build_unless_shared.__wrapped__ = _build_page  # type: ignore[attr-defined]
_validate_when_collected.__wrapped__ = _validate_anchor_links  # type: ignore[attr-defined]
build._populate_page, build._build_page = _populate_unless_shared, _build_unless_shared
Page.validate_anchor_links = _validate_when_collected  # type: ignore[method-assign, assignment]
