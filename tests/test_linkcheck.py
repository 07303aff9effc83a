"""linkcheck, linkreport and archive: every case a server can answer, played by a local server; nothing here
reaches the internet."""

from __future__ import annotations

import io
import json
import re
import socket
import struct
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from generator.archive import add_archive_urls, find_snapshots
from generator.errors import DataError, GeneratorError
from generator.fmt import format_text
from generator.linkcheck import Address, LinkResult, NoNetwork, addresses_of, check, new_session, user_agent
from generator.linkreport import address_positions, markdown_summary, report_github, report_text
from generator.load import load_text
from generator.model import Source

PAGE = b"<html><head><title>An article</title></head><body>Text</body></html>"
TIMEOUT = 0.3  # the slow page answers after a second


class Site(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.log: list[tuple[str, str, str]] = []  # method, path, User-Agent
        self.busy = self.most_busy = 0  # requests being answered at once (the slow one aside)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the client stopped waiting for the slow page


class Handler(BaseHTTPRequestHandler):
    server: Site

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self.answer("HEAD")

    def do_GET(self) -> None:
        self.answer("GET")

    def answer(self, method: str) -> None:
        site, path = self.server, urlsplit(self.path).path
        with site.lock:
            earlier = sum(logged[1] == self.path for logged in site.log)
            site.log.append((method, self.path, self.headers.get("User-Agent", "")))
            site.busy += path != "/slow"
            site.most_busy = max(site.most_busy, site.busy)
        try:
            self.route(method, path, earlier)
        finally:
            with site.lock:
                site.busy -= path != "/slow"

    def route(self, method: str, path: str, earlier: int) -> None:
        time.sleep(0.01)  # long enough for requests to overlap, if the client let them
        if path == "/slow":
            time.sleep(1.0)
        if path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        if path.startswith(("/wayback/", "/save/")):
            self.archive(path)
            return
        moves = {"/old": (301, "/new"), "/dir": (301, "/dir/"), "/members": (302, "/login"), "/moved-home": (302, "/")}
        if path in moves:
            self.send(moves[path][0], headers={"Location": moves[path][1]})
        elif path in ("/missing", "/removed", "/broken"):
            self.send({"/missing": 404, "/removed": 410, "/broken": 500}[path])
        elif path == "/lost":
            self.send(200, b"<html><title>\n  Page Not Found &ndash; Example News</title></html>")
        elif path == "/no-head" and method == "HEAD":
            self.send(405)
        elif path == "/flaky" and not earlier:
            self.send(503)
        elif path == "/busy" and not earlier:
            self.send(429, headers={"Retry-After": "0"})
        elif path in ("/no-head", "/flaky", "/busy", "/report.pdf"):
            self.send(200, b"%PDF-1.7", "application/pdf")
        else:
            self.send(200, b"<html><title>Home</title></html>" if path == "/" else PAGE)

    def archive(self, path: str) -> None:
        """The Wayback Machine's availability API and Save Page Now, as the archive answers them."""
        if path.startswith("/wayback/"):
            url = parse_qs(urlsplit(self.path).query)["url"][0]
            closest = {"available": True, "status": "200", "timestamp": "20171016000000"}
            closest["url"] = f"http://web.archive.org/web/20171016000000/{url}"
            closest["status"] = "404" if url.endswith("/d") else "200"
            found = {"closest": closest} if url.endswith(("/b", "/d")) else {}
            self.send(200, json.dumps({"url": url, "archived_snapshots": found}).encode(), "application/json")
            return
        url = path.removeprefix("/save/")
        if url.endswith("/c"):
            self.send(200, PAGE, headers={"Content-Location": f"/web/20261202000000/{url}"})
        elif url.endswith("/d"):
            self.send(302, headers={"Location": f"/web/20261202000001/{url}"})
        else:
            self.send(520)

    def send(
        self, code: int, body: bytes = b"", kind: str = "text/html", headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(code)
        for name, value in {"Content-Type": kind, "Content-Length": str(len(body)), **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def session() -> requests.Session:
    session = new_session("https://example.org/history")
    session.trust_env = False  # no proxy from the environment between the test and its server
    return session


@pytest.fixture
def no_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Names under .invalid do not resolve, at once and without asking a name server."""
    resolve = socket.getaddrinfo

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if str(host).endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def fast_check(addresses: list[Address], session: requests.Session) -> list[LinkResult]:
    return check(addresses, session=session, timeout=TIMEOUT, backoff=0.01)


FIND = "find where it moved, or add an archive_url"
CASES = [
    ("/article", "ok", 200, "/article", "200 OK"),
    ("/report.pdf", "ok", 200, "/report.pdf", "200 OK"),
    ("/old", "redirect", 200, "/new", "moved permanently; cite {base}/new"),
    (
        "/dir",
        "redirect",
        200,
        "/dir/",
        "moved permanently to {base}/dir/, only to https or with a slash added; keep the address as published",
    ),
    ("/members", "ok", 200, "/login", "temporary redirect to {base}/login; not a dead link"),
    ("/missing", "dead", 404, "/missing", f"404 Not Found; {FIND}"),
    ("/removed", "dead", 410, "/removed", f"410 Gone; {FIND}"),
    ("/lost", "soft-404", 200, "/lost", f"the page's title says it is not found; {FIND}"),
    ("/moved-home", "soft-404", 200, "/", f"redirects to the site's home page; {FIND}"),
    ("/no-head", "ok", 200, "/no-head", "200 OK"),
    ("/flaky", "ok", 200, "/flaky", "200 OK"),
    ("/busy", "ok", 200, "/busy", "200 OK"),
    ("/broken", "error", 500, "/broken", "500 Internal Server Error, also when retried; try again later"),
    ("/slow", "error", None, "/slow", "no answer within 0.3 s; try again later"),
    ("/reset", "error", None, "/reset", "the connection was closed without an answer; try again later"),
]


def test_every_answer_a_server_can_give(site: Site, session: requests.Session) -> None:
    addresses = [Address(f"source{n}", "url", site.base + path) for n, (path, *_) in enumerate(CASES)]
    started = time.monotonic()
    results = fast_check(addresses, session)
    assert time.monotonic() - started < 5
    expected = [
        LinkResult(
            f"source{n}", "url", site.base + path, status, code, site.base + final, reason.format(base=site.base)
        )
        for n, (path, status, code, final, reason) in enumerate(CASES)
    ]
    assert results == expected
    requests_made = [(method, path) for method, path, _ in site.log]
    assert requests_made.count(("HEAD", "/slow")) == 3  # tried again twice
    assert [method for method, path in requests_made if path == "/no-head"] == ["HEAD", "GET"]
    assert [method for method, path in requests_made if path == "/flaky"] == ["HEAD", "HEAD"]
    assert [method for method, path in requests_made if path == "/busy"] == ["HEAD", "HEAD"]
    assert [method for method, path in requests_made if path == "/missing"] == ["HEAD"]  # no GET for a 404
    assert [method for method, path in requests_made if path == "/report.pdf"] == ["HEAD"]
    assert {agent for *_, agent in site.log} == {user_agent("https://example.org/history")}
    assert re.fullmatch(
        r"movement-history-linkcheck/\S+ \(\+https://example\.org/history\)", user_agent("https://example.org/history")
    )
    assert site.most_busy <= 2  # at most two at a time on one host, of eight workers


class Canned(requests.adapters.BaseAdapter):
    """Answers by address from a table, without a connection: for https, which the local server does not speak."""

    def __init__(self, answers: dict[str, tuple[int, str]]) -> None:
        super().__init__()
        self.answers = answers

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        response = requests.Response()
        response.status_code, location = self.answers[str(request.url)]
        response.url, response.request, response.raw = str(request.url), request, io.BytesIO(b"")
        response.headers.update({"Content-Type": "application/pdf", **({"Location": location} if location else {})})
        return response

    def close(self) -> None:
        pass


def test_a_move_to_https_keeps_the_address_as_published(session: requests.Session) -> None:
    answers = {"http://moved.example/a": (301, "https://moved.example/a"), "https://moved.example/a": (200, "")}
    session.mount("http://moved.example/", Canned(answers))
    session.mount("https://moved.example/", Canned(answers))
    [result] = fast_check([Address("x", "url", "http://moved.example/a")], session)
    assert result == LinkResult(
        "x", "url", "http://moved.example/a", "redirect", 200, "https://moved.example/a",
        "moved permanently to https://moved.example/a, only to https or with a slash added; keep the address as published",
    )  # fmt: skip


def test_an_archived_copy_that_is_gone_needs_another_snapshot(site: Site, session: requests.Session) -> None:
    [result] = fast_check([Address("hill-burke", "archive_url", site.base + "/missing")], session)
    assert result.reason == "404 Not Found; cite another snapshot"


def test_a_host_that_does_not_resolve_is_dead(site: Site, session: requests.Session, no_dns: None) -> None:
    addresses = [Address("gone", "url", "https://gone.invalid/page"), Address("here", "url", site.base + "/article")]
    gone, here = fast_check(addresses, session)
    assert gone == LinkResult(
        "gone", "url", "https://gone.invalid/page", "dead", None, "https://gone.invalid/page",
        f"the host name does not resolve; {FIND}",
    )  # fmt: skip
    assert here.status == "ok"


def test_no_network_is_not_a_dead_link(session: requests.Session, no_dns: None) -> None:
    addresses = [Address("a", "url", "https://a.invalid/x"), Address("b", "url", "https://b.invalid/y")]
    with pytest.raises(NoNetwork) as raised:
        fast_check(addresses, session)
    assert str(raised.value) == (
        "no network: could not reach any host (https://a.invalid/x: the host name does not resolve); "
        "linkcheck needs internet access"
    )


def closed_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    for unused in sockets:
        unused.bind(("127.0.0.1", 0))
    ports = [unused.getsockname()[1] for unused in sockets]
    for unused in sockets:
        unused.close()
    return ports


NO_NETWORK = r"^no network: could not reach any host \(http://127\.0\.0\.1:\d+/x: could not connect\); linkcheck needs internet access$"


def test_no_host_answering_is_no_network(session: requests.Session) -> None:
    [port] = closed_ports(1)
    with pytest.raises(NoNetwork, match=NO_NETWORK):
        fast_check([Address("a", "url", f"http://127.0.0.1:{port}/x")], session)


def test_no_network_is_told_without_waiting_for_every_address(session: requests.Session) -> None:
    addresses = [Address(f"a{port}", "url", f"http://127.0.0.1:{port}/x") for port in closed_ports(12)]
    started = time.monotonic()
    with pytest.raises(NoNetwork, match=NO_NETWORK):
        check(addresses, session=session, workers=4, backoff=30.0)  # without the early stop: a minute and more
    assert time.monotonic() - started < 2


def test_the_addresses_of_sources() -> None:
    sources = [source("a", "https://a.example/1"), source("b", "http://b.example/2", "https://web.archive.org/web/2/x")]
    assert addresses_of(sources) == [
        Address("a", "url", "https://a.example/1"),
        Address("b", "url", "http://b.example/2"),
        Address("b", "archive_url", "https://web.archive.org/web/2/x"),
    ]


RESULTS = [
    LinkResult("hill-burke", "url", "https://thehill.com/a", "ok", 200, "https://thehill.com/a", "200 OK"),
    LinkResult("wrap", "url", "https://thewrap.com/b", "redirect", 200, "https://thewrap.com/c", "moved permanently; cite https://thewrap.com/c"),
    LinkResult("rtl", "archive_url", "https://web.archive.org/web/2/x", "dead", 404, "https://web.archive.org/web/2/x", "404 Not Found; cite another snapshot"),
    LinkResult("rtl", "url", "https://rtl.fr/x", "dead", None, "https://rtl.fr/x", f"the host name does not resolve; {FIND}"),
    LinkResult("vox", "url", "https://vox.com/d", "error", None, "https://vox.com/d", "no answer within 10 s; try again later"),
    LinkResult("ap", "url", "https://apnews.com/e", "soft-404", 200, "https://apnews.com/", f"redirects to the site's home page; {FIND}"),
]  # fmt: skip


def test_the_text_report_lists_the_worst_first() -> None:
    assert report_text(RESULTS) == (
        "source  field        status    code  address                          what to do\n"
        f"rtl     url          dead            https://rtl.fr/x                 the host name does not resolve; {FIND}\n"
        "rtl     archive_url  dead      404   https://web.archive.org/web/2/x  404 Not Found; cite another snapshot\n"
        f"ap      url          soft-404  200   https://apnews.com/e             redirects to the site's home page; {FIND}\n"
        "vox     url          error           https://vox.com/d                no answer within 10 s; try again later\n"
        "wrap    url          redirect  200   https://thewrap.com/b            moved permanently; cite https://thewrap.com/c\n"
        "\n"
        "6 addresses: 1 ok, 1 redirect, 2 dead, 1 soft-404, 1 error\n"
    )
    assert report_text(RESULTS[:1]) == "1 address: 1 ok\n"
    assert report_text([]) == "0 addresses\n"


def test_github_annotations_stand_on_the_line_of_the_address() -> None:
    positions = {("rtl", "url"): (61, 10), ("rtl", "archive_url"): (64, 18), ("ap", "url"): (70, 10)}
    assert report_github(RESULTS[2:], positions) == (
        f"::warning file=events.yaml,line=61,col=10::sources (rtl) url 'https://rtl.fr/x': dead, the host name does not resolve; {FIND}\n"
        "::warning file=events.yaml,line=64,col=18::sources (rtl) archive_url 'https://web.archive.org/web/2/x': dead, 404 Not Found; cite another snapshot\n"
        f"::warning file=events.yaml,line=70,col=10::sources (ap) url 'https://apnews.com/e': soft-404, redirects to the site's home page; {FIND}\n"
        "::warning file=events.yaml,line=1,col=1::sources (vox) url 'https://vox.com/d': error, no answer within 10 s; try again later\n"
    )
    reason = "moved permanently; cite https://x.example/100%\nnext"
    odd = LinkResult("a", "url", "https://x.example/", "redirect", 200, "https://x.example/", reason)
    assert report_github([odd], {}, file="data/a,b:c.yaml") == (
        "::warning file=data/a%2Cb%3Ac.yaml,line=1,col=1::sources (a) url 'https://x.example/': redirect, "
        "moved permanently; cite https://x.example/100%25%0Anext\n"
    )


def test_the_job_summary_is_a_markdown_table() -> None:
    assert markdown_summary([RESULTS[0], RESULTS[1]]) == (
        "### Link check\n"
        "\n"
        "2 addresses: 1 ok, 1 redirect\n"
        "\n"
        "| Source | Field | Status | Code | Address | What to do |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| wrap | url | redirect | 200 | https\\:<!-- -->\\/<!-- -->\\/<!-- -->thewrap\\.<!-- -->com\\/<!-- -->b | "
        "moved permanently\\;<!-- --> cite https\\:<!-- -->\\/<!-- -->\\/<!-- -->thewrap\\.<!-- -->com\\/<!-- -->c |\n"
    )
    assert markdown_summary(RESULTS[:1]) == "### Link check\n\n1 address: 1 ok\n"


MINI = """\
schema_version: 1

movements:
  - id: metoo
    name: Me Too
    summary: A movement against sexual violence, started by Tarana Burke.
    credits:
      - person: tarana-burke
        role: originator
        date: 2006
        sources: [hill-burke]

people:
  - id: tarana-burke
    name: Tarana Burke
    description: Activist who started the Me Too movement in 2006.
    public_figure: true

sources:
  # Profiles
  - id: hill-burke
    title: "100 Women Who Have Helped Shape America: Tarana Burke"
    url: https://thehill.com/example/tarana-burke  # as published
    publisher: the-hill

  - id: hill-2017
    title: The Hill on Me Too
    publisher: the-hill
    url: https://thehill.com/example/me-too
    archive_url: https://web.archive.org/web/2017/https://thehill.com/example/me-too

events:
  - id: 2006-me-too-begins
    date: 2006
    title: Tarana Burke starts "Me Too"
    summary: Burke begins Me Too as a youth program.
    movements: [metoo]
    sources: [hill-burke, hill-2017]

publishers:
  - id: the-hill
    name: The Hill
    hosts: [thehill.com]
    rating: reliable
    reason: American political newspaper.
"""
SNAPSHOT = "https://web.archive.org/web/20171016000000/https://thehill.com/example/tarana-burke"


def test_positions_of_addresses() -> None:
    assert address_positions(load_text(MINI, "events.yaml")) == {
        ("hill-burke", "url"): (23, 10),
        ("hill-2017", "url"): (29, 10),
        ("hill-2017", "archive_url"): (30, 18),
    }


def test_an_archive_url_is_added_in_fmt_layout_with_comments_kept() -> None:
    updated = add_archive_urls(MINI, {"hill-burke": SNAPSHOT})
    assert updated == MINI.replace(
        "    url: https://thehill.com/example/tarana-burke  # as published\n    publisher: the-hill\n",
        "    publisher: the-hill\n"
        "    url: https://thehill.com/example/tarana-burke  # as published\n"
        f"    archive_url: {SNAPSHOT}\n",
    )


@pytest.mark.parametrize(
    ("found", "error", "message"),
    [
        ({"hill-burke": SNAPSHOT, "nobody": SNAPSHOT}, GeneratorError, "events.yaml: no source 'nobody' with a url to add an archive_url to"),
        ({"hill-2017": SNAPSHOT}, GeneratorError, "events.yaml: source 'hill-2017' already has an archive_url"),
        (
            {"hill-burke": "https://thehill.com/copy"},
            DataError,
            "1 error in events.yaml: events.yaml:25:18: error: sources[0] (hill-burke) archive_url: 'https://thehill.com/copy' is not a snapshot in a web archive; expected https://web.archive.org/web/... or https://archive.ph/...",
        ),
    ],
)  # fmt: skip
def test_adding_archive_urls_is_all_or_nothing(
    found: dict[str, str], error: type[Exception], message: str, tmp_path: Path
) -> None:
    data = tmp_path / "events.yaml"
    data.write_text(MINI, encoding="utf-8")
    with pytest.raises(error) as raised:
        data.write_text(add_archive_urls(data.read_text(encoding="utf-8"), found), encoding="utf-8")
    problems = [str(problem) for problem in getattr(raised.value, "problems", ())]
    assert ": ".join([str(raised.value), *problems]) == message
    assert data.read_text(encoding="utf-8") == MINI


def source(source_id: str, url: str, archive_url: str | None = None) -> Source:
    return Source(id=source_id, title="A title", publisher="a-publisher", url=url, archive_url=archive_url)


def test_snapshots_come_from_the_archive(site: Site, session: requests.Session) -> None:
    sources = [
        source("a", "https://example.org/a", "https://web.archive.org/web/2016/https://example.org/a"),
        source("b", "https://example.org/b"),  # archived: the availability API's http address, as https
        source("c", "https://example.org/c"),  # not archived: Save Page Now, its Content-Location
        source("d", "https://example.org/d"),  # archived as an error page: Save Page Now, its redirect
        source("e", "https://example.org/e"),  # Save Page Now fails: left out
    ]
    found = find_snapshots(
        sources, session, availability=f"{site.base}/wayback/available", save=f"{site.base}/save/", backoff=0.01
    )
    assert found == {
        "b": "https://web.archive.org/web/20171016000000/https://example.org/b",
        "c": f"{site.base}/web/20261202000000/https://example.org/c",
        "d": f"{site.base}/web/20261202000001/https://example.org/d",
    }
    assert not [path for _, path, _ in site.log if "example.org/a" in path]  # it has a copy already
    assert [path for _, path, _ in site.log if path.startswith("/save/")] == [
        "/save/https://example.org/c",
        "/save/https://example.org/d",
        "/save/https://example.org/e",
    ]


# The command, in process, with name resolution stopped at the socket: nothing leaves this machine.


def cli_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from .conftest import SMALL

    (tmp_path / "events.yaml").write_text(
        SMALL.read_text(encoding="utf-8").replace("url: https://www.rtl.fr/example", "url: http://www.rtl.fr/example"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path / "events.yaml"


def test_the_command_says_in_one_line_that_there_is_no_network_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from generator.cli import main

    data = cli_project(tmp_path, monkeypatch)
    before = data.read_bytes()

    def unresolvable(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unresolvable)
    result = CliRunner().invoke(main, ["linkcheck", "--archive"])
    assert result.exit_code == 2
    assert result.output == (
        "Error: no network: could not reach any host (https://thehill.com/example/tarana-burke: the host name does not "
        "resolve); linkcheck needs internet access\n"
    )
    assert data.read_bytes() == before  # --archive changes nothing when nothing could be checked


def test_archive_writes_the_snapshots_it_was_given_for_the_sources_that_need_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from generator import archive, linkcheck
    from generator.cli import main

    data = cli_project(tmp_path, monkeypatch)
    ok = [LinkResult(a.source_id, a.field, a.url, "ok", 200, a.url, "") for a in addresses_of(_sources(data))]
    asked: list[str] = []

    def snapshots(sources: Any, session: Any) -> dict[str, str]:
        asked.extend(source.id for source in sources)
        return {"rtl-muller": "https://web.archive.org/web/20181031000000/http://www.rtl.fr/example"}

    monkeypatch.setattr(linkcheck, "check", lambda addresses, session: ok)
    monkeypatch.setattr(archive, "find_snapshots", snapshots)
    result = CliRunner().invoke(main, ["linkcheck", "--archive"])
    assert result.exit_code == 0, result.output
    assert asked == ["rtl-muller"]  # the http one; the others are https and answer
    assert result.output.endswith("events.yaml: archived copies added for 1 of 1 sources that need one\n")
    written = data.read_text(encoding="utf-8")
    assert "    archive_url: https://web.archive.org/web/20181031000000/http://www.rtl.fr/example\n" in written
    assert format_text(written) == written  # laid out as fmt lays it out
    assert (
        CliRunner()
        .invoke(main, ["validate"])
        .output.endswith("valid: 3 events, 2 movements, 3 people, 3 sources, 1 correction\n")
    )


def _sources(data: Path) -> list[Source]:
    from generator.validate import load_dataset

    return list(load_dataset(data).sources)
