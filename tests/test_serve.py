"""`serve` previews the site and regenerates it when events.yaml is saved."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from .conftest import ROOT, SMALL, copy_project


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def test_serve_regenerates_pages_when_the_data_changes(tmp_path: Path) -> None:
    copy_project(tmp_path, SMALL)
    url = f"http://127.0.0.1:{free_port()}"
    command = [sys.executable, "-m", "generator", "serve", "--dev-addr", url.removeprefix("http://")]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, cwd=tmp_path, env=environment, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    page = f"{url}/events/2017-10-15-milano-tweet/"
    try:
        assert wait_for(
            lambda: "tweet makes #MeToo go viral</h1>" in fetch(page).replace('<a class="headerlink"', "</h1>"), 60
        )
        data = tmp_path / "events.yaml"
        text = data.read_text(encoding="utf-8").replace("tweet makes #MeToo go viral", "tweet spreads #MeToo")
        data.write_text(text, encoding="utf-8")
        assert wait_for(lambda: "tweet spreads #MeToo" in fetch(page), 60)
        data.write_text(text.replace("value: 200000", "value: many"), encoding="utf-8")
        error = "figures[0].value: 'many' is not a whole number"
        assert wait_for(lambda: error in log.read_text(encoding="utf-8"), 30)
        assert "the previous pages are still served" in log.read_text(encoding="utf-8")
        assert "tweet spreads #MeToo" in fetch(page)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
