"""Urls: the one gate every address in the data passes, and the one way each output writes an address.

An address is parsed, not pattern-matched: its characters, its parentheses, its percent-escapes, its scheme,
its credentials and its host are each checked, and a host is checked as a browser shows it (in punycode, and
refused when its letters mix scripts the way look-alike addresses do).
"""

from __future__ import annotations

import functools
import html
import ipaddress
import re
import unicodedata
from urllib.parse import quote, urlsplit, urlunsplit

import idna

MAX_LENGTH = 2000
# Characters that would end or change the markup an address is written into, or that no address holds as
# they are; each has a percent-encoded form that works where the address is published.
NOT_IN_URL = {'"': "%22", "'": "%27", "<": "%3C", ">": "%3E", "\\": "%5C", "`": "%60", "{": "%7B", "}": "%7D", "|": "%7C", "^": "%5E"}  # fmt: skip
UNSAFE_CHARACTERS = "\\s" + re.escape("".join(NOT_IN_URL))  # a regular expression's character class, inside [ ]
_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_PRINTABLE_ASCII = "".join(chr(code) for code in range(0x21, 0x7F))
ARCHIVE_HOSTS = frozenset(
    {"web.archive.org", "archive.ph", "archive.today", "archive.is", "archive.li", "archive.vn", "archive.md"}
)
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_TOP_LEVEL = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
# Scripts a label may mix with Latin and with each other, as Japanese, Chinese and Korean names do.
_EAST_ASIAN = {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO"}
# Cyrillic and Greek letters that look like Latin ones: a label made only of them imitates a Latin name.
_LATIN_LOOK_ALIKES = set("аеорсухіјѕһԁԛԝӏьοαικνρτυχ")


def url_problem(text: str, *, http: bool = False) -> str | None:
    """What keeps `text` from being an absolute https URL that is safe to publish, if anything. With `http`,
    an http address is accepted too: a source is cited at the address it was published under."""
    return _character_problem(text) or _structure_problem(text, http)


def ascii_url(text: str) -> str:
    """A checked address as browsers request it: the host in punycode, other characters beyond ASCII
    percent-encoded as UTF-8. Every character that is already ASCII stays as written."""
    parts = urlsplit(text)
    netloc = _punycode(parts.hostname or "") + (f":{parts.port}" if parts.port is not None else "")
    path, query, fragment = (quote(part, safe=_PRINTABLE_ASCII) for part in (parts.path, parts.query, parts.fragment))
    return urlunsplit((parts.scheme, netloc, path, query, fragment))


def host_problem(host: str) -> str | None:
    """What keeps `host` from being a public domain name a publisher's pages are on, if anything."""
    if host != host.lower() or not host.isascii():
        return f"'{host}' is not written as browsers request it; write it in lowercase ASCII, in punycode where it has other letters"
    if host in ARCHIVE_HOSTS:
        return f"'{host}' is a web archive, not a publisher; give a snapshot as a source's 'archive_url'"
    problem = _host_problem(host)
    return f"'{host}' cannot be a publisher's host: an address on it {problem}" if problem else None


def is_on(host: str, domain: str) -> bool:
    """Whether a host is the domain or one of its subdomains: www.nytimes.com is on nytimes.com."""
    return host == domain or host.endswith("." + domain)


def host_of(address: str) -> str:
    """The host of a checked address, as browsers request it (lowercase, in punycode)."""
    return _punycode(urlsplit(address).hostname or "")


def is_archive_snapshot(text: str) -> bool:
    return urlsplit(text).hostname in ARCHIVE_HOSTS


@functools.lru_cache(maxsize=1 << 16)  # a source's address is written on every page that cites it
def markdown_destination(text: str) -> str:
    """A checked address as a Markdown link destination: in angle brackets, which nothing in it can close."""
    return "<" + ascii_url(text).replace("<", "%3C").replace(">", "%3E") + ">"


def markdown_link(label: str, address: str) -> str:
    """A Markdown link to a checked address; `label` must already be Markdown (escaped text)."""
    return f"[{label}]({markdown_destination(address)})"


def shown(text: str) -> str:
    """An address as error messages repeat it: never a password, and at most 100 characters."""
    text = re.sub(r"//[^/@]*@", "//…@", text)
    return text if len(text) <= 100 else text[:99] + "…"


def _character_problem(text: str) -> str | None:
    if len(text) > MAX_LENGTH:
        return f"is {len(text)} characters long; keep addresses under {MAX_LENGTH}"
    if reference := _CHARACTER_REFERENCE.search(text):  # a link's HTML would read it as one character
        written, meant = reference.group(), html.unescape(reference.group())
        fix = f"write the character itself ('{meant}')" if meant != written else "write its '&' as %26"
        return f"contains '{written}', which HTML reads as a character reference; {fix}"
    if text.isprintable() and not _UNSAFE.search(text) and "%" not in text and "(" not in text and ")" not in text:
        return None  # most addresses: what follows finds which character is wrong
    for character in text:
        if character.isspace():
            return "contains a space; write it as %20"
        if not character.isprintable() or unicodedata.category(character) == "Cf":
            return f"contains a control or invisible character (U+{ord(character):04X}); remove it"
        if character in NOT_IN_URL:
            return f"contains '{character}'; write it as {NOT_IN_URL[character]}"
    if _BAD_PERCENT.search(text):
        return "contains a '%' that is not followed by two hex digits; write a literal % as %25"
    if not _balanced(text):
        return "has unbalanced parentheses; write ( as %28 and ) as %29"
    return None


def _balanced(text: str) -> bool:
    depth = 0
    for character in text:
        if character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _structure_problem(text: str, http: bool) -> str | None:
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return "is not a well-formed URL; expected https://host/path"
    if parts.scheme == "http" and not http:
        return "is not secure (http); use the https address"
    if parts.scheme not in ("https", "http"):
        return "is not an absolute https URL; expected https://host/path"
    if not text.startswith(f"{parts.scheme}://"):
        return f"does not start with {parts.scheme}:// (in lowercase, with two slashes); expected {parts.scheme}://host/path"
    if "@" in parts.netloc:
        return "contains a user name or password; remove the part up to '@'"
    if not parts.hostname:
        return "has no host; expected https://host/path"
    return _host_problem(parts.hostname)


@functools.lru_cache(maxsize=4096)  # a history cites a few publishers many times
def _host_problem(host: str) -> str | None:
    if _is_ip_address(host):
        return f"has an IP address ({host}) for a host; use the publisher's domain name"
    try:
        ascii_host = _punycode(host)
    except idna.IDNAError:
        return f"has a host ('{host}') that is not a valid domain name"
    labels = ascii_host.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return f"has a host ('{ascii_host}') that is not a public domain name; expected a name like example.org"
    if not _TOP_LEVEL.fullmatch(labels[-1]):
        return f"has a host ('{ascii_host}') whose last part is not a top-level domain"
    for label in host.lower().split("."):
        if _looks_alike(label, ascii_host):
            return (
                f"has a host ('{host}', in punycode {ascii_host}) whose letters mix scripts or imitate Latin ones, "
                "as look-alike addresses do; write the publisher's real address"
            )
    return None


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return bool(re.fullmatch(r"[0-9.]+|0x[0-9a-f.x]+", host))  # 127.1 and hex forms browsers also read
    return True


def _punycode(host: str) -> str:
    if host.isascii():
        return host.lower()
    return idna.encode(host, uts46=True).decode("ascii")


def _looks_alike(label: str, ascii_host: str) -> bool:
    letters = [character for character in label if character.isalpha()]
    scripts = {_script(letter) for letter in letters}
    foreign = scripts - _EAST_ASIAN - {"LATIN"}
    if len(foreign) > 1 or (foreign and "LATIN" in scripts):
        return True
    only_look_alikes = bool(letters) and all(letter in _LATIN_LOOK_ALIKES for letter in letters)
    return only_look_alikes and ascii_host.rsplit(".", 1)[-1].isalpha()


def _script(character: str) -> str:
    """The script of a letter, by the first word of its Unicode name: LATIN, CYRILLIC, GREEK, CJK..."""
    return unicodedata.name(character, "UNKNOWN").split(" ", 1)[0]
