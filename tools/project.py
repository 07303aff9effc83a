"""A copy of the site's own sources, for building a site from other data, the site's Markdown as MkDocs
runs it, and a local server for a built site: what the tests, `make fuzz` and `make bench` share."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import markdown
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator.write import OWNED_FILES, OWNED_FOLDERS

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("mkdocs.yml", "overrides", "hooks")  # with the hand-written part of docs/


def copy_site_sources(target: Path) -> Path:
    """Copies the configuration, theme additions, hooks and hand-written pages into `target`, and none of
    the generated pages."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, target / name)
    generated = {*OWNED_FILES, *OWNED_FOLDERS}
    docs = str(ROOT / "docs")
    shutil.copytree(ROOT / "docs", target / "docs", ignore=lambda folder, names: generated if folder == docs else [])
    return target


@functools.cache
def site_config() -> MkDocsConfig:
    """mkdocs.yml as MkDocs reads it, with its defaults (such as the Markdown extensions it always enables)."""
    return load_config(str(ROOT / "mkdocs.yml"))


@functools.cache
def site_markdown() -> markdown.Markdown:
    """Python-Markdown as MkDocs runs it for a page of this site: the configuration's extensions and their
    settings. Call `reset()` before each conversion."""
    config = site_config()
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


@contextmanager
def served(site: Path) -> Iterator[str]:
    """Serves a built site on a free local port, quietly; yields its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass
