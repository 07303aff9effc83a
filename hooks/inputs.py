"""MkDocs hook: what MkDocs reads must be real files, and whole. The build stops before anything is read:

- on a symbolic link among the pages, the theme additions or the configuration: MkDocs reads through links,
  so docs/notes.md pointing at a file elsewhere on the building machine would publish that file (the
  generator refuses links in docs/ before it writes; this hook refuses them whoever put them there);
- on the journal of a generator build that was stopped part-way: docs/ then holds a mix of old and new
  pages, until the next generator build puts the last finished ones back.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

JOURNAL = ".generator-journal"  # generator/journal.py's; hooks do not import the generator


def on_config(config: Any) -> Any:
    links = symbolic_links(config)
    if links:
        named = ", ".join(links)
        raise PluginError(
            f"inputs hook: {named} {'is a symbolic link' if len(links) == 1 else 'are symbolic links'}; "
            "replace each with the real file or folder (the site publishes only real files)"
        )
    if os.path.lexists(Path(config.docs_dir) / JOURNAL):
        raise PluginError(
            f"inputs hook: {Path(config.docs_dir).name}/ holds the pages of a generator build that was stopped "
            "part-way; run `python -m generator build` first (it puts the last finished pages back)"
        )
    return config


def symbolic_links(config: Any) -> list[str]:
    """Each link in docs_dir, the theme's custom_dir and the configuration file, relative to the
    configuration's folder."""
    config_file = Path(config.config_file_path)
    places = [config_file, Path(config.docs_dir)]
    if config.theme.custom_dir:
        places.append(Path(config.theme.custom_dir))
    base = config_file.absolute().parent
    return sorted(os.path.relpath(link.absolute(), base) for place in places for link in _links(place))


def _links(path: Path) -> Iterator[Path]:
    if path.is_symlink():
        yield path
    elif path.is_dir():
        yield from _links_in(path)


def _links_in(folder: Path) -> Iterator[Path]:
    """One listing per folder: whether each entry is a link comes with it (20,000 pages)."""
    with os.scandir(folder) as listing:
        entries = list(listing)
    for entry in entries:
        if entry.is_symlink():
            yield Path(entry.path)
        elif entry.is_dir():
            yield from _links_in(Path(entry.path))
