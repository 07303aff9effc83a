"""Archive: an archived copy for each source that has none (`linkcheck --archive`), found by asking the Internet
Archive, and written into the data file's text. Only an address the archive returned is ever used.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator, Mapping
from urllib.parse import quote, urljoin

import requests

from generator.errors import GeneratorError
from generator.fmt import format_text
from generator.linkcheck import Client, new_session
from generator.load import Node, Scalar, load_text
from generator.model import Source
from generator.urls import ascii_url
from generator.validate import records, validate

AVAILABILITY_API = "https://archive.org/wayback/available"
SAVE_API = "https://web.archive.org/save/"


def find_snapshots(
    sources: Iterable[Source],
    session: requests.Session | None = None,
    *,
    availability: str = AVAILABILITY_API,
    save: str = SAVE_API,
    timeout: float = 120.0,
    retries: int = 2,
    backoff: float = 5.0,
) -> dict[str, str]:
    """For each source without an archive_url, by id: the Wayback Machine's closest snapshot of its address,
    or else a snapshot that Save Page Now makes. Sources the archive cannot give a copy of are left out.
    One request at a time: Save Page Now takes a while and limits how often it may be asked."""
    client = Client(session or new_session(), timeout, retries, backoff)
    found = {}
    for source in sources:
        if source.archive_url:
            continue
        url = ascii_url(source.url)
        try:
            snapshot = _closest(client, availability, url) or _saved(client, save, url)
        except (requests.RequestException, ValueError):
            snapshot = None  # this one stays without a copy; the rest go on
        if snapshot:
            found[source.id] = _https(snapshot)
    return found


def _closest(client: Client, availability: str, url: str) -> str | None:
    with client.request("GET", f"{availability}?url={quote(url, safe='')}") as response:
        answer = response.json() if response.ok else {}
    closest = (answer.get("archived_snapshots") or {}).get("closest") or {}
    snapshot = closest.get("url")
    captured_page = str(closest.get("status", "")).startswith("2")  # not a copy of an error page
    return snapshot if closest.get("available") is True and captured_page and isinstance(snapshot, str) else None


def _saved(client: Client, save: str, url: str) -> str | None:
    with client.request("GET", save + url) as response:
        if location := response.headers.get("Content-Location"):
            return urljoin(response.url, location)
        return response.url if response.ok and response.history else None


def _https(snapshot: str) -> str:
    """The availability API answers with http://web.archive.org/... addresses: the archive's own, which it serves
    over https too, as the data requires. The one change ever made to an address the archive returned."""
    http = "http://web.archive.org/"
    return "https://web.archive.org/" + snapshot.removeprefix(http) if snapshot.startswith(http) else snapshot


def add_archive_urls(text: str, found: Mapping[str, str], name: str = "events.yaml") -> str:
    """The data file's text with `archive_url: ADDRESS` added to each source in `found` (by id), laid out as `fmt`
    lays it out, comments kept. All or nothing: raises, and returns no text to write, when a source is not there
    or already has one, or when the result would not validate."""
    lines = text.split("\n")
    for line, indent, address in sorted(_insertions(load_text(text, name), found, name), reverse=True):
        lines.insert(line, f"{' ' * indent}archive_url: {json.dumps(address, ensure_ascii=False)}")
    updated = format_text("\n".join(lines))
    validate(load_text(updated, name), name, datetime.date.today())
    return updated


def _insertions(root: Node, found: Mapping[str, str], name: str) -> Iterator[tuple[int, int, str]]:
    """For each address: the line to insert it before (0-based), below the source's url, and its indent."""
    sources = records(root, "sources")
    for source_id, address in found.items():
        record = sources.get(source_id)
        url = record.entries.get("url") if record else None
        if record is None or not isinstance(url, Scalar):
            raise GeneratorError(f"{name}: no source '{source_id}' with a url to add an archive_url to")
        if "archive_url" in record.entries:
            raise GeneratorError(f"{name}: source '{source_id}' already has an archive_url")
        column = record.key_positions()["url"][1]
        yield url.line + max(len(url.lines), 1) - 1, column - 1, address
