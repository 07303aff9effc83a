"""`make audit`: Lighthouse's four scores for the home, timeline and an event page of the built site.

Lighthouse 12.2.3 comes from npm into .audit/ (not part of `make test`: it is large and slow) and runs
Debian's Chromium against the site served on localhost. Exit 1 when a score is under the target.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / ".audit"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home": "", "timeline": "timeline/", "event": "events/2017-10-15-milano-tweet/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 0.95
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run --disable-sync"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def install() -> None:
    if not LIGHTHOUSE.exists():
        TOOLS.mkdir(exist_ok=True)
        command = ["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", "--silent", "lighthouse@12.2.3"]
        subprocess.run(command, check=True)


def scores(url: str, preset: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [str(LIGHTHOUSE), url, f"--chrome-path={shutil.which('chromium') or '/usr/bin/chromium'}",
                   f"--chrome-flags={CHROME_FLAGS}", "--output=json", f"--output-path={report}", "--quiet",
                   f"--only-categories={','.join(CATEGORIES)}", *([f"--preset={preset}"] if preset != "mobile" else [])]  # fmt: skip
        subprocess.run(command, check=True, timeout=300)
        categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
        return {name: categories[name]["score"] for name in CATEGORIES}


def main() -> int:
    site = ROOT / "site"
    if not (site / "index.html").exists():
        print("site/ is not built: run `make site` first", file=sys.stderr)
        return 1
    install()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    failed = False
    print(f"{'page':<10} {'form':<8} " + " ".join(f"{name:>15}" for name in CATEGORIES))
    for preset in ("desktop", "mobile"):
        for name, path in PAGES.items():
            result = scores(base + path, preset)
            failed |= preset == "desktop" and any(score < TARGET for score in result.values())
            print(f"{name:<10} {preset:<8} " + " ".join(f"{result[c]:>15.2f}" for c in CATEGORIES))
    server.shutdown()
    print(f"target: every desktop score at least {TARGET}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
