"""`make bench`: how the pipeline scales, on synthetic datasets of 1,000, 10,000 and 100,000 events.

Prints one table. Every ratio compares figures measured in this one run, on this machine:

- validate: reading and checking the file; generate: rendering the pages and writing them to an empty docs/;
- floor: the fastest strict parse of the same file (libyaml composing nodes with their line marks) plus
  writing the same bytes to files, with nothing else done; ratio: (validate + generate) / floor;
- peak memory, and the files written; then (up to 10,000 events) a rebuild with nothing changed and one
  with a single event retitled, with the files each writes;
- for 1,000 and 10,000 events, a real `mkdocs build`: time, size, the largest HTML page and what a
  reader's browser downloads to answer one search;
- at 1,000 events, how long `python -m generator serve` takes to serve an edit to events.yaml.

Each measurement runs in a fresh process, so that its memory is its own. Not part of `make test`.
"""

from __future__ import annotations

import datetime
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bench"
SIZES = tuple(int(size) for size in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(","))
SITE_SIZES = (1_000, 10_000)
INCREMENTAL_UP_TO = 10_000  # events: rebuilds (unchanged, one event retitled) are measured up to this size
TODAY = datetime.date(2026, 11, 28)
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def main() -> None:
    WORK.mkdir(exist_ok=True)
    rows = []
    for size in SIZES:
        data = WORK / f"events-{size}.yaml"
        if not data.exists():
            sys.path.insert(0, str(ROOT))
            from tools.synthetic import dataset

            data.write_text(dataset(size), encoding="utf-8")
        print(f"{size:,} events: {data.stat().st_size / 1e6:.1f} MB of YAML", file=sys.stderr, flush=True)
        row = {"events": size, "yaml_mb": data.stat().st_size / 1e6}
        row |= _child("pipeline", data, WORK / f"docs-{size}", size)
        row |= _child("floor", data, WORK / f"docs-{size}", size)
        if size in SITE_SIZES:
            row |= _site(size, WORK / f"docs-{size}")
        if size == min(SIZES):
            row["serve_s"] = _serve_latency(data)
        rows.append(row)
    _print(rows)


def _child(mode: str, data: Path, docs: Path, events: int) -> dict[str, Any]:
    command = [sys.executable, __file__, mode, str(data), str(docs), str(events)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{mode} {data.name} failed:\n{result.stderr}")
    measured: dict[str, Any] = json.loads(result.stdout)
    return measured


def pipeline(data: Path, docs: Path, events: int) -> dict[str, Any]:
    """Validate, generate into an empty docs/, rebuild unchanged, rebuild with one event retitled."""
    import gc

    from generator.cli import cycle_collection_deferred
    from generator.load import load_file
    from generator.render import render_pages
    from generator.validate import validate
    from generator.write import write_pages

    def build(path: Path) -> tuple[float, float, int]:
        gc.collect()  # what the last build left, as the next command would start afresh (and as `serve` does)
        with cycle_collection_deferred():  # as the command line runs, reading the file itself
            start = time.perf_counter()
            dataset = validate(load_file(path, data.name), data.name, TODAY)
            checked = time.perf_counter()
            report = write_pages(render_pages(dataset), docs)
            return checked - start, time.perf_counter() - checked, len(report.written)

    shutil.rmtree(docs, ignore_errors=True)
    validate_s, generate_s, written = build(data)
    measured = {
        "validate_s": validate_s,
        "generate_s": generate_s,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "files": written,
    }
    if events > INCREMENTAL_UP_TO:  # rebuilds of the largest history would double the time of the run
        return measured
    _, unchanged_s, unchanged = build(data)
    text = data.read_bytes()
    marker = b'    title: "'
    middle = text.index(marker, text.index(b"\nevents:\n") + len(text) // 3)
    retitled = data.with_name(f"retitled-{data.name}")
    retitled.write_bytes(text[: middle + len(marker)] + b"Retitled: " + text[middle + len(marker) :])
    _, retitled_s, retitled_written = build(retitled)
    retitled.unlink()
    return measured | {
        "unchanged_s": unchanged_s,
        "unchanged_files": unchanged,
        "retitled_s": retitled_s,
        "retitled_files": retitled_written,
    }


def floor(data: Path, docs: Path, events: int) -> dict[str, Any]:
    """The fastest strict parse of the file, and writing the generated bytes with nothing else done."""
    import gc

    import yaml

    text = data.read_text(encoding="utf-8")
    gc.disable()  # its fastest, as the pipeline runs
    start = time.perf_counter()
    yaml.compose(text, Loader=yaml.CSafeLoader)
    parse_s = time.perf_counter() - start
    files = {path: path.read_bytes() for path in docs.rglob("*") if path.is_file()}
    target = docs.with_name(docs.name + "-floor")
    shutil.rmtree(target, ignore_errors=True)
    destinations = {target / path.relative_to(docs): content for path, content in files.items()}
    start = time.perf_counter()
    for folder in sorted({destination.parent for destination in destinations}):
        folder.mkdir(parents=True, exist_ok=True)
    for destination, content in destinations.items():
        destination.write_bytes(content)
    write_s = time.perf_counter() - start
    shutil.rmtree(target)
    return {"parse_floor_s": parse_s, "write_floor_s": write_s}


def _project(name: str) -> Path:
    """A copy of the site's configuration, theme additions and hand-written pages, without generated pages."""
    sys.path.insert(0, str(ROOT))
    from tools.project import copy_site_sources

    shutil.rmtree(WORK / name, ignore_errors=True)
    return copy_site_sources(WORK / name)


def _serve_latency(data: Path) -> float:
    """Seconds from saving an edit to events.yaml to `python -m generator serve` serving the changed page."""
    import re
    import urllib.request

    project = _project("serve")
    text = data.read_text(encoding="utf-8")
    (project / "events.yaml").write_text(text, encoding="utf-8")
    event = re.search(r"\n  - id: (\S+)\n    date: [^\n]+\n    place: [^\n]+\n    title: \"", text[len(text) // 2 :])
    assert event is not None
    with socket.socket() as probe:  # a free port: never a server left from another run
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/events/{event.group(1)}/"
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, cwd=project, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )

    def page() -> bytes:
        try:
            return bytes(urllib.request.urlopen(url, timeout=5).read())
        except OSError:
            return b""

    try:
        deadline = time.time() + 300
        while not page() and time.time() < deadline:
            time.sleep(0.2)
        time.sleep(1)
        title = text.index('    title: "', text.index(f"  - id: {event.group(1)}\n")) + len('    title: "')
        (project / "events.yaml").write_text(text[:title] + "Edited " + text[title:], encoding="utf-8")
        saved = time.perf_counter()
        while b"Edited " not in page() and time.time() < deadline:
            time.sleep(0.05)
        return time.perf_counter() - saved
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(project)


def _site(size: int, docs: Path) -> dict[str, Any]:
    """A real `mkdocs build` of the generated pages with the site's configuration and hand-written pages."""
    project = _project(f"site-{size}")
    shutil.copytree(docs, project / "docs", dirs_exist_ok=True)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764288000"}
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"]
    start = time.perf_counter()
    subprocess.run(command, cwd=project, check=True, env=environment)
    build_s = time.perf_counter() - start
    site = project / "site"
    files = [path for path in site.rglob("*") if path.is_file()]
    pages = [path for path in files if path.suffix == ".html"]
    largest = max(pages, key=lambda path: path.stat().st_size)
    measured = {
        "site_s": build_s,
        "site_mb": sum(path.stat().st_size for path in files) / 1e6,
        "largest_kb": largest.stat().st_size / 1e3,
        "largest_page": largest.relative_to(site).as_posix(),
        "search_kb": _search_payload(site, "survivors"),
    }
    shutil.rmtree(project)
    return measured


def _search_payload(site: Path, query: str) -> float:
    """Kilobytes a reader's browser fetches to answer one query on the Search page: the search interface,
    its engine and the index chunks and results for the words typed (nothing else on the page)."""
    from playwright.sync_api import sync_playwright

    from tools.project import served

    fetched: dict[str, int] = {}
    with served(site) as address, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.on("response", lambda response: fetched.__setitem__(response.url, len(response.body())))
        page.goto(address + "search/", wait_until="networkidle")
        page.fill("input.pagefind-ui__search-input", query)
        page.locator("a.pagefind-ui__result-link").first.wait_for(timeout=30_000)
        page.wait_for_load_state("networkidle")
        browser.close()
    return sum(size for url, size in fetched.items() if "/pagefind/" in url) / 1e3


# Issue 7's targets: what, at how many events, the measure from a row, its limit, and how it is printed.
TARGETS: tuple[tuple[str, int, Callable[[dict[str, Any]], float], float, str], ...] = (
    ("validate + generate within 1.5 times the floor", 10_000, lambda row: _ratio(row), 1.5, "{:.2f} times"),
    ("peak memory under 1.5 GB", 100_000, lambda row: row["peak_mb"], 1500, "{:,.0f} MB"),
    ("a rebuild with nothing changed writes no file", 10_000, lambda row: row["unchanged_files"], 0, "{} files"),
    ("`serve` shows an edit in under 2 s", 1_000, lambda row: row["serve_s"], 2, "{:.2f} s"),
    ("no HTML page over 300 KB", 10_000, lambda row: row["largest_kb"], 300, "{:.0f} KB"),
    ("the site builds in under 60 s", 10_000, lambda row: row["site_s"], 60, "{:.1f} s"),
    ("a reader's first search downloads under 1 MB", 10_000, lambda row: row["search_kb"], 1000, "{:.0f} KB"),
)


def _ratio(row: dict[str, Any]) -> float:
    total, floor_s = row["validate_s"] + row["generate_s"], row["parse_floor_s"] + row["write_floor_s"]
    return float(total / floor_s)


def _targets(rows: list[dict[str, Any]]) -> list[str]:
    """Each target measured in this run, met or not."""
    by_size = {row["events"]: row for row in rows}
    lines = ["", "Targets:"]
    for what, size, measure, limit, form in TARGETS:
        try:
            value = measure(by_size[size])
        except KeyError:
            continue  # that size or measure was not run
        lines.append(f"- {'met' if value <= limit else 'NOT MET'}: {what} at {size:,} events: {form.format(value)}")
    builds = {row["events"]: row["site_s"] for row in rows if "site_s" in row}
    if {1_000, 10_000} <= builds.keys():
        growth = builds[10_000] / builds[1_000]
        lines.append(f"- {'met' if growth < 12 else 'NOT MET'}: the 10,000-event site builds in under 12 times "
                     f"the 1,000-event one: {growth:.1f} times")  # fmt: skip
    return lines if len(lines) > 2 else []


def _pair(row: dict[str, Any], name: str) -> str:
    return f"{row[name + '_s']:.2f}, {row[name + '_files']}" if name + "_s" in row else "-"


def _print(rows: list[dict[str, Any]]) -> None:
    def cell(row: dict[str, Any], key: str, form: str) -> str:
        return format(row[key], form) if key in row else "-"

    lines = [
        "| events | YAML MB | validate s | generate s | floor s (parse + write) | ratio | peak MB | files | "
        "unchanged: s, files | one retitled: s, files | site build s | site MB | largest page KB | search KB |",
        "|" + "---|" * 14,
    ]
    for row in rows:
        floor_s = row["parse_floor_s"] + row["write_floor_s"]
        lines.append(
            f"| {row['events']:,} | {row['yaml_mb']:.1f} | {row['validate_s']:.2f} | {row['generate_s']:.2f} | "
            f"{floor_s:.2f} ({row['parse_floor_s']:.2f} + {row['write_floor_s']:.2f}) | {_ratio(row):.2f} | "
            f"{row['peak_mb']:.0f} | {row['files']:,} | {_pair(row, 'unchanged')} | {_pair(row, 'retitled')} | "
            f"{cell(row, 'site_s', '.1f')} | "
            f"{cell(row, 'site_mb', '.1f')} | {cell(row, 'largest_kb', '.0f')} | {cell(row, 'search_kb', ',.0f')} |"
        )
    builds = {row["events"]: row["site_s"] for row in rows if "site_s" in row}
    if len(builds) == 2:
        small, large = sorted(builds)
        lines.append(f"\nSite build, {large:,} events against {small:,}: {builds[large] / builds[small]:.1f} times.")
    for row in rows:
        if "serve_s" in row:
            lines.append(
                f"`serve` at {row['events']:,} events: an edit to events.yaml is served {row['serve_s']:.2f} s after saving."
            )
        if "largest_page" in row:
            lines.append(
                f"Largest page at {row['events']:,} events: {row['largest_page']} ({row['largest_kb']:.0f} KB)."
            )
    print("\n".join(lines + _targets(rows)))


if __name__ == "__main__":
    if len(sys.argv) == 5:
        sys.path.insert(0, str(ROOT))
        mode = {"pipeline": pipeline, "floor": floor}[sys.argv[1]]
        print(json.dumps(mode(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))))
    else:
        main()
