"""A copy of the site's own sources, for building a site from other data (the tests, `make bench`)."""

from __future__ import annotations

import shutil
from pathlib import Path

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
