"""Linkcheck: whether each source's address, and its archived copy, still lead to the page cited.

A polite client: it names the project, asks each host a few things at a time, tries again while a server may
recover, and asks with HEAD before GET. The reports are in `linkreport`; archived copies are found by `archive`.
"""

from __future__ import annotations

import datetime
import email.utils
import html
import importlib.metadata
import itertools
import re
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import SplitResult, urlsplit

import requests
from urllib3.exceptions import NameResolutionError, NewConnectionError

from generator.errors import GeneratorError
from generator.model import Source
from generator.urls import ascii_url, shown

FIELDS = ("url", "archive_url")
STATUSES = ("ok", "redirect", "dead", "soft-404", "error")  # as the summary counts them
PER_HOST = 2
OFFLINE_HOSTS = 4
MAX_RETRY_AFTER = 60.0
RETRIED = frozenset({429, 500, 502, 503, 504})
TITLE_BYTES = 64 * 1024
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
_NOT_FOUND = re.compile(r"not found|\b404\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Address:
    source_id: str
    field: str  # "url" or "archive_url"
    url: str


@dataclass(frozen=True, slots=True)
class LinkResult:
    source_id: str
    field: str
    address: str
    status: str  # one of STATUSES
    code: int | None  # the last HTTP status, None when no server answered
    final: str  # the address after redirects
    reason: str  # one line: what happened; what to do


class NoNetwork(GeneratorError):
    """No host answered at all: this machine is offline, which says nothing about the links."""


def user_agent(contact: str = "") -> str:
    try:
        version = importlib.metadata.version("movement-history")
    except importlib.metadata.PackageNotFoundError:
        version = "dev"
    return f"movement-history-linkcheck/{version}" + (f" (+{contact})" if contact else "")


def new_session(contact: str = "") -> requests.Session:
    """A session that names the project (and `contact`, its repository or site address) to every server."""
    session = requests.Session()
    session.headers["User-Agent"] = user_agent(contact)
    return session


def addresses_of(sources: Iterable[Source]) -> list[Address]:
    return [
        Address(source.id, field, value)
        for source in sources
        for field, value in (("url", source.url), ("archive_url", source.archive_url))
        if value
    ]


def check(
    addresses: Iterable[Address],
    *,
    session: requests.Session | None = None,
    workers: int = 8,
    timeout: float = 10.0,
    retries: int = 2,
    backoff: float = 1.0,
) -> list[LinkResult]:
    """Every address checked, in the order given; raises NoNetwork when not one host could be reached."""
    addresses = list(addresses)
    client = Client(session or new_session(), timeout, retries, backoff)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(client.check, addresses))
    unreachable = [failure for _, failure in outcomes]
    if addresses and all(unreachable):
        raise _no_network(unreachable[0] or "")
    return [result for result, _ in outcomes]


def _no_network(first_error: str) -> NoNetwork:
    return NoNetwork(f"no network: could not reach any host ({first_error}); linkcheck needs internet access")


class Client:
    """Requests as a polite client makes them: a few at a time per host, tried again while a server may recover."""

    def __init__(self, session: requests.Session, timeout: float, retries: int, backoff: float) -> None:
        self.session, self.timeout, self.retries, self.backoff = session, timeout, retries, backoff
        self.hosts: dict[str, threading.Semaphore] = {}
        self.lock = threading.Lock()
        self.answered = False
        self.cut_off: dict[str, str] = {}  # hosts that could not be connected to, while none had answered
        self.offline = threading.Event()

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        """A few requests at a time per host, however many workers: the check must not burden a publisher."""
        with self.lock:
            semaphore = self.hosts.setdefault(urlsplit(url).netloc.lower(), threading.Semaphore(PER_HOST))
        with semaphore:
            yield

    def send(self, method: str, url: str) -> requests.Response:
        self.stop_if_offline()
        try:
            with self.slot(url):
                response = self.session.request(method, url, timeout=self.timeout, allow_redirects=True, stream=True)
        except (requests.Timeout, requests.ConnectionError) as error:
            status, what, unreachable = _failure(error, self.timeout)
            if unreachable and status != "dead" and not self.answered:
                with self.lock:
                    self.cut_off.setdefault(urlsplit(url).netloc.lower(), f"{shown(url)}: {what}")
                self.stop_if_offline()
            raise
        self.answered = True
        return response

    def stop_if_offline(self) -> None:
        """A few hosts that cannot be connected to, before any host has answered, mean that this machine is
        offline: waiting for every address to time out would take minutes. A name that does not resolve is not
        counted: it fails at once, and dead domains are common."""
        if self.offline.is_set() or (not self.answered and len(self.cut_off) >= OFFLINE_HOSTS):
            self.offline.set()
            raise _no_network(next(iter(self.cut_off.values())))

    def request(self, method: str, url: str) -> requests.Response:
        """A request, tried again with growing pauses while the server or the connection may recover."""
        for attempt in range(self.retries):
            pause = self.backoff * 2**attempt
            try:
                response = self.send(method, url)
            except (requests.Timeout, requests.ConnectionError) as error:
                if isinstance(_cause(error), NameResolutionError) or isinstance(error, requests.exceptions.SSLError):
                    raise  # asking again gives the same answer
            else:
                if response.status_code not in RETRIED:
                    return response
                response.close()
                pause = _retry_after(response.headers.get("Retry-After"), pause)
            self.offline.wait(pause)
        return self.send(method, url)

    def check(self, address: Address) -> tuple[LinkResult, str | None]:
        """The result, and why the host could not be reached at all, if it could not."""
        url = ascii_url(address.url)
        try:
            response = self.request("HEAD", url)
            if _needs_get(response):
                response.close()
                response = self.request("GET", url)
            with response:
                return _judge(address, url, response, _title(response)), None
        except requests.RequestException as error:
            status, what, unreachable = _failure(error, self.timeout)
            advice = _replace(address.field) if status == "dead" else "try again later"
            result = LinkResult(address.source_id, address.field, address.url, status, None, url, f"{what}; {advice}")
            return result, f"{shown(address.url)}: {what}" if unreachable else None


def _cause(error: requests.RequestException) -> object:
    inner = error.args[0] if error.args else None
    return getattr(inner, "reason", inner)


def _retry_after(header: str | None, pause: float) -> float:
    """The pause a server asks for, in seconds or as a date, up to a limit."""
    if not header:
        return pause
    if header.strip().isdigit():
        return min(float(header), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return pause
    return min(max((when - datetime.datetime.now(datetime.UTC)).total_seconds(), 0.0), MAX_RETRY_AFTER)


def _needs_get(head: requests.Response) -> bool:
    """HEAD tells a missing page, a failing server or a file; a refused HEAD needs GET, and so does a page,
    whose title may say that it is missing."""
    if head.status_code in (404, 410) or head.status_code >= 500 or head.status_code == 429:
        return False
    return not head.ok or _is_html(head)


def _is_html(response: requests.Response) -> bool:
    return "html" in response.headers.get("Content-Type", "")


def _title(response: requests.Response) -> str:
    if response.request.method != "GET" or not response.ok or not _is_html(response):
        return ""
    body = b""
    for chunk in response.iter_content(8192):
        body += chunk
        if len(body) >= TITLE_BYTES or _TITLE.search(body):
            break
    match = _TITLE.search(body)
    return " ".join(html.unescape(match.group(1).decode("utf-8", "replace")).split()) if match else ""


def _judge(address: Address, url: str, response: requests.Response, title: str) -> LinkResult:
    status, reason = _verdict(address.field, url, response, title)
    return LinkResult(address.source_id, address.field, address.url, status, response.status_code, response.url, reason)


def _verdict(field: str, url: str, response: requests.Response, title: str) -> tuple[str, str]:
    code, gone = response.status_code, _replace(field)
    if code in (404, 410):
        return "dead", f"{_phrase(code)}; {gone}"
    if not response.ok:
        later = code in RETRIED or code >= 500
        return "error", _phrase(code) + (
            ", also when retried; try again later" if later else "; open it in a browser to check"
        )
    if _is_home(response.url) and not _is_home(url):
        return "soft-404", f"redirects to the site's home page; {gone}"
    if _NOT_FOUND.search(title):
        return "soft-404", f"the page's title says it is not found; {gone}"
    canonical = _canonical(url, response)
    if canonical != url and _same_page(url, canonical):
        return (
            "redirect",
            f"moved permanently to {canonical}, only to https or with a slash added; keep the address as published",
        )
    if canonical != url:
        return "redirect", f"moved permanently; cite {canonical}"
    if response.history:
        return "ok", f"temporary redirect to {response.url}; not a dead link"
    return "ok", _phrase(code)


def _phrase(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def _replace(field: str) -> str:
    return "cite another snapshot" if field == "archive_url" else "find where it moved, or add an archive_url"


def _is_home(address: str) -> bool:
    parts = urlsplit(address)
    return parts.path in ("", "/") and not parts.query


def _canonical(url: str, response: requests.Response) -> str:
    """Where the permanent redirects lead, up to the first temporary one: a login page is not a new address."""
    canonical = url
    for hop, following in itertools.pairwise([*response.history, response]):
        if hop.status_code not in (301, 308):
            break
        canonical = following.url
    return canonical


def _same_page(address: str, target: str) -> bool:
    """Only https for http, or a slash added or taken off the path: the same page."""
    old, new = urlsplit(address), urlsplit(target)
    return new.scheme in (old.scheme, "https") and _page(old) == _page(new)


def _page(parts: SplitResult) -> tuple[str, str, str]:
    return parts.netloc.lower(), parts.path.rstrip("/"), parts.query


def _failure(error: requests.RequestException, timeout: float) -> tuple[str, str, bool]:
    """Status, what happened, and whether the host could not be reached at all."""
    cause = _cause(error)
    if isinstance(cause, NameResolutionError):
        return "dead", "the host name does not resolve", True
    if isinstance(error, requests.ConnectTimeout):
        return "error", f"could not connect within {timeout:g} s", True
    if isinstance(cause, NewConnectionError):
        return "error", "could not connect", True
    if isinstance(error, requests.Timeout):
        return "error", f"no answer within {timeout:g} s", False
    if isinstance(error, requests.exceptions.SSLError):
        return "error", "the secure connection failed (its certificate?)", False
    if isinstance(error, requests.ConnectionError):
        return "error", "the connection was closed without an answer", False
    if isinstance(error, requests.TooManyRedirects):
        return "error", "it redirects in a loop", False
    return "error", type(error).__name__, False
