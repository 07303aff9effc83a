"""MkDocs hook: after each build, Pagefind indexes the built pages into site/pagefind/.

Its index is split into small chunks: a reader's browser fetches only the chunks for the words typed,
a few tens of kilobytes, where the theme's own search downloads an index of the whole site before the
first result (megabytes for a few thousand events). Everything is served by the site itself.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

# The page's own text: not the theme's navigation, the permalink marks or the edit button.
INDEXED = "article"
SKIPPED = ".headerlink, .md-content__button, .cite"


_preview = {"dirty": False}


def on_startup(command: str, dirty: bool) -> None:
    _preview["dirty"] = command == "serve" and dirty


def on_post_build(config: Any) -> None:
    if _preview["dirty"] and (Path(config.site_dir) / "pagefind").is_dir():
        return  # a preview's quick rebuild: the index of its first build serves (search may lag an edit)
    command = [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--root-selector", INDEXED,
               "--exclude-selectors", SKIPPED, "--force-language", "en", "--silent"]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or [f"exit status {result.returncode}"])[-1]
        raise PluginError(f"search hook: Pagefind failed to index {config.site_dir}: {reason}")
