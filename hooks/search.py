"""MkDocs hook: Pagefind indexes each page as MkDocs writes it, into site/pagefind/.

Its index is split into small chunks: a reader's browser fetches only the chunks for the words typed,
a few tens of kilobytes, where the theme's own search downloads an index of the whole site before the
first result (megabytes for a few thousand events). Everything is served by the site itself.

MkDocs renders on one core; Pagefind's service indexes on the other while it does, so a large site's
index is ready almost as soon as its last page (indexing the built site afterwards took 12 of 72 seconds
at 10,000 events).
"""

from __future__ import annotations

import base64
import json
import subprocess
import threading
from pathlib import Path
from typing import IO, Any

from mkdocs.exceptions import PluginError
from pagefind.service import get_executable
from pagefind.service.types import InternalPagefindServiceConfig

# The page's own text: not the theme's navigation, the permalink marks or the edit button.
SETTINGS: InternalPagefindServiceConfig = {
    "root_selector": "article",
    "exclude_selectors": [".headerlink", ".md-content__button", ".cite"],
    "force_language": "en",
}


class _Indexer:
    """Pagefind's service, spoken to directly: a message is base64 JSON ended by a comma, each answered in
    turn. (Its Python wrapper reads ten answers a second, which would take half an hour for 20,000 pages.)
    MkDocs' thread sends the pages; a thread of this class reads the answers, so neither pipe ever fills."""

    def __init__(self) -> None:
        executable = get_executable()
        if executable is None:
            raise PluginError("search hook: Pagefind is not installed; run `make site` to install it")
        command = [str(executable), "--service"]  # unbuffered: each message leaves as it is sent
        try:
            self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        except OSError as error:
            raise PluginError(f"search hook: Pagefind cannot start: {error}") from None
        self.sent = 0
        self.answers: list[dict[str, Any]] = []
        self.answered = threading.Condition()
        self.ended = False
        self.reader = threading.Thread(target=self.read, args=(self.process.stdout,), daemon=True)
        self.reader.start()
        self.send({"type": "NewIndex", "config": SETTINGS})

    def send(self, payload: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        message = {"message_id": self.sent, "payload": payload}
        try:
            self.process.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
        except BrokenPipeError:
            raise PluginError("search hook: Pagefind stopped while indexing the site") from None
        self.sent += 1

    def read(self, answers: IO[bytes]) -> None:
        buffered = b""
        while chunk := answers.read(1 << 16):
            *complete, buffered = (buffered + chunk).split(b",")
            with self.answered:
                self.answers += (json.loads(base64.b64decode(answer))["payload"] for answer in complete)
                self.answered.notify()
        with self.answered:
            self.ended = True
            self.answered.notify()

    def add(self, html: str, url: str) -> None:
        self.send({"type": "AddFile", "index_id": 0, "url": url, "file_contents": html, "file_path": None})

    def finish(self, folder: Path | None) -> None:
        """Writes the index into `folder` once every page is in it (None: writes nothing); stops the service."""
        if folder is not None:
            self.send({"type": "WriteFiles", "index_id": 0, "output_path": str(folder)})
        with self.answered:  # the service stops at the end of its input, answered or not
            self.answered.wait_for(lambda: len(self.answers) == self.sent or self.ended)
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()
        self.reader.join()
        failures = [answer["message"] for answer in self.answers if answer["type"] == "Error"]
        if failures or (folder is not None and len(self.answers) != self.sent):
            raise PluginError(f"search hook: Pagefind failed to index the site: {failures or 'no answer'}")


_state: dict[str, Any] = {"dirty": False, "indexer": None}


def on_startup(command: str, dirty: bool) -> None:
    _state["dirty"] = command == "serve" and dirty


def on_pre_build(config: Any) -> None:
    # A preview's quick rebuild renders only the changed pages: the index of its first build serves
    # (search may lag an edit).
    if not (_state["dirty"] and (Path(config.site_dir) / "pagefind").is_dir()):
        _state["indexer"] = _Indexer()


def on_post_page(output: str, page: Any, config: Any) -> str:
    if _state["indexer"] is not None:
        _state["indexer"].add(output, "/" + page.url)
    return output


def on_post_build(config: Any) -> None:
    _finish(Path(config.site_dir) / "pagefind")


def on_build_error(error: Exception) -> None:
    _finish(None)


def _finish(folder: Path | None) -> None:
    indexer, _state["indexer"] = _state["indexer"], None
    if indexer is not None:
        indexer.finish(folder)
