"""Script and link injection through the data (issue 13), each refused through `build` with its exact located
message and docs/ unchanged; and the two gates behind them, the address gate and the Markdown gate, as
units, so that each rule is pinned where it is decided."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from generator import markdown_gate
from generator.urls import ascii_url, markdown_destination, url_problem
from tools.project import site_config

from .conftest import build_site, copy_project
from .safety import scan_site
from .test_hostile import LINK, NAME, SUMMARY, URL, assert_refused_with, docs, edit

__all__ = ["docs"]  # the fixture, shared with the other hostile-input tests

ARCHIVE = "    archive_url: https://web.archive.org/web/2017/https://www.thewrap.com/example-milano"
AT_URL = "events.yaml:64:10: error: sources[2] (rtl-muller) url: "
AT_SUMMARY = "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: "
AT_LINKED_SUMMARY = "events.yaml:72:14: error: events[0] (2006-me-too-begins) summary: "

INJECTIONS = [
    pytest.param(
        edit((URL, URL + ")<script>alert(document.domain)</script>")),
        [AT_URL + "'https://www.rtl.fr/example)<script>alert(document.domain)</script>' contains '<'; write it as %3C"],
        id="script-after-url",
    ),
    pytest.param(
        edit((ARCHIVE, ARCHIVE + ")<script>alert(1)</script>")),
        [
            "events.yaml:59:18: error: sources[1] (wrap-milano) archive_url: 'https://web.archive.org/web/2017/https://www.thewrap.com/example-milano)<script>alert(1)</script>' contains '<'; write it as %3C"
        ],
        id="script-after-archive-url",
    ),
    pytest.param(
        edit((URL, URL + ")[x](javascript:alert(1))")),
        [AT_URL + "'https://www.rtl.fr/example)[x](javascript:alert(1))' has unbalanced parentheses; write ( as %28 and ) as %29"],
        id="javascript-link-after-url",
    ),
    pytest.param(
        edit((URL, '    url: "https://www.rtl.fr/a\\"onmouseover=alert(1)"')),
        [AT_URL + """'https://www.rtl.fr/a"onmouseover=alert(1)' contains '"'; write it as %22"""],
        id="quote-in-url",
    ),
    pytest.param(
        edit((URL, "    url: https://gооgle.com/example")),
        [
            AT_URL
            + "'https://gооgle.com/example' has a host ('gооgle.com', in punycode xn--ggle-55da.com) whose letters mix scripts or imitate Latin ones, as look-alike addresses do; write the publisher's real address"
        ],
        id="look-alike-host",
    ),
    pytest.param(
        edit((URL, "    url: https://раура.com/example")),
        [
            AT_URL
            + "'https://раура.com/example' has a host ('раура.com', in punycode xn--80aa0cbo.com) whose letters mix scripts or imitate Latin ones, as look-alike addresses do; write the publisher's real address"
        ],
        id="whole-script-look-alike-host",
    ),
    pytest.param(
        edit((URL, "    url: https://127.0.0.1/example")),
        [AT_URL + "'https://127.0.0.1/example' has an IP address (127.0.0.1) for a host; use the publisher's domain name"],
        id="ip-host",
    ),
    pytest.param(
        edit((URL, "    url: https://intranet/example")),
        [
            AT_URL
            + "'https://intranet/example' has a host ('intranet') that is not a public domain name; expected a name like example.org"
        ],
        id="single-label-host",
    ),
    pytest.param(
        edit((URL, "    url: https://www.rtl.fr/100%")),
        [AT_URL + "'https://www.rtl.fr/100%' contains a '%' that is not followed by two hex digits; write a literal % as %25"],
        id="broken-percent-escape",
    ),
    pytest.param(
        edit((URL, "    url: https://user:secret@www.rtl.fr/example")),
        [AT_URL + "'https://…@www.rtl.fr/example' contains a user name or password; remove the part up to '@'"],
        id="credentials",
    ),
    pytest.param(
        edit((LINK, "See [the profile][r].\n\n      > [r]: javascript:alert(1)")),
        [AT_LINKED_SUMMARY + "defines a link reference ('[r]: ...'); write the link in place, as [text](https://...)"],
        id="reference-definition-in-quote",
    ),
    pytest.param(
        edit((SUMMARY, "summary: |-\n      Milano asks: [reply][r].\n\n      - [r]: javascript:alert(1)")),
        [AT_SUMMARY + "defines a link reference ('[r]: ...'); write the link in place, as [text](https://...)"],
        id="reference-definition-in-list",
    ),
    pytest.param(
        edit((LINK, "See [the profile][].\n\n      > []: javascript:alert(1)")),
        [AT_LINKED_SUMMARY + "defines a link reference ('[]: ...'); write the link in place, as [text](https://...)"],
        id="reference-definition-with-empty-label",
    ),
    pytest.param(
        edit((SUMMARY, 'summary: |-\n      Milano asks.\n\n      > !!! danger "Correction"\n      >     Milano started it.')),
        [AT_SUMMARY + "contains an admonition or a block of HTML; notes and boxes are made by the site, write paragraphs"],
        id="admonition-in-quote",
    ),
    pytest.param(
        edit((SUMMARY, "summary: |-\n      Milano asks.\n\n      - ## Who started it")),
        [AT_SUMMARY + "contains a heading; headings are made by the site, write paragraphs"],
        id="heading-in-list",
    ),
    pytest.param(
        edit((SUMMARY, "summary: 'Milano asks, as reported [1](https://example.org/not-a-source).'")),
        [AT_SUMMARY + "links the text '1', which looks like one of the page's numbered sources; link words instead"],
        id="source-number-look-alike",
    ),
    pytest.param(
        edit((SUMMARY, "summary: '" + "[" * 2000 + "'")),
        [AT_SUMMARY + "has square brackets nested 2000 deep; keep to 3"],
        id="bracket-run",
    ),
    pytest.param(
        edit((SUMMARY, "summary: '" + "1. " * 1000 + "Milano asks.'")),
        [AT_SUMMARY + "nests lists or quotes 1000 deep in one line; keep to 4 levels"],
        id="deeply-nested-list",
    ),
    pytest.param(
        edit((SUMMARY, "summary: '" + "> " * 1000 + "Milano asks.'")),
        [AT_SUMMARY + "nests lists or quotes 1000 deep in one line; keep to 4 levels"],
        id="deeply-nested-quote",
    ),
    pytest.param(
        edit((NAME, "    name: " + unicodedata.normalize("NFD", "Alyssa Milanó") + "\n"), ("    name: Alyssa Milano\n", "    name: Alyssa Milanó\n")),
        [
            "events.yaml:43:11: error: people[2] (sandra-muller) name: 'Alyssa Milanó' is already the name of people[1] (alyssa-milano); if it is the same person, use that record; if not, tell them apart in the name"
        ],
        id="nfd-twin-name",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("data", "expected"), INJECTIONS)
def test_each_injection_is_refused_at_its_place_and_docs_stay_as_they_were(
    docs: Path, tmp_path: Path, data: bytes, expected: list[str]
) -> None:
    assert_refused_with(data, expected, docs, tmp_path)


@pytest.mark.parametrize(
    "address",
    [
        "https://en.wikipedia.org/wiki/Me_Too_(movement)",
        "https://www.lemonde.fr/a/b.html?x=1&y=%C3%A9#top",
        "https://пример.рф/путь",
        "https://例え.jp/",
        "https://straße.de/",
        "https://www.example.org:8443/a",
    ],
)
def test_real_addresses_pass_the_gate(address: str) -> None:
    assert url_problem(address) is None


def test_an_address_is_written_into_markdown_in_angle_brackets_with_its_host_in_punycode() -> None:
    assert markdown_destination("https://en.wikipedia.org/wiki/Me_Too_(movement)") == (
        "<https://en.wikipedia.org/wiki/Me_Too_(movement)>"
    )
    assert ascii_url("https://пример.рф/путь?q=é") == "https://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C?q=%C3%A9"


@pytest.mark.parametrize(
    "text",
    [
        "Milano *asks* people to reply [me too](https://twitter.com/Alyssa_Milano/status/919659438700670976).",
        "Two points:\n\n- one\n- two, with `code`\n\n> a quote with **strong** words",
        "Entities stay text: &#60;script&#62; &amp; &copy;",
        "An address in brackets: <https://example.org/a>.",
    ],
)
def test_ordinary_markdown_passes_the_gate(text: str) -> None:
    markdown_gate.check(text)


def test_the_gate_parses_with_every_extension_the_site_enables() -> None:
    """A construct an enabled extension reads as markup must be seen by the gate, or it would pass unchecked;
    MkDocs's own defaults (fenced code) count too."""
    assert set(site_config().markdown_extensions) <= set(markdown_gate.EXTENSIONS)


def test_addresses_with_parentheses_and_other_scripts_reach_the_built_site_as_one_link_each(tmp_path: Path) -> None:
    wikipedia, russian = "https://en.wikipedia.org/wiki/Me_Too_(movement)", "https://пример.рф/путь"
    data = tmp_path / "data.yaml"
    hill = "    url: https://thehill.com/example/tarana-burke"
    hosts = "    hosts: [rtl.fr]\n", "    hosts: [rtl.fr, wikipedia.org, xn--e1afmkfd.xn--p1ai]\n"
    data.write_bytes(
        edit(
            (URL, f"    url: {wikipedia}"),
            (hill, f"    url: {russian}"),
            hosts,
            ("publisher: the-hill", "publisher: rtl"),
        )
    )
    site = build_site(copy_project(tmp_path / "project", data))
    assert scan_site(site) == []
    hrefs = re.findall(r'href="([^"]*)"', (site / "sources" / "index.html").read_text(encoding="utf-8"))
    assert wikipedia in hrefs and "https://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C" in hrefs


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        (
            "https://www.example.org/a?x=1&amp;y=2",
            "contains '&amp;', which HTML reads as a character reference; write the character itself ('&')",
        ),
        (
            "https://www.example.org/a?x=1&y;=2",
            "contains '&y;', which HTML reads as a character reference; write its '&' as %26",
        ),
    ],
)
def test_character_references_in_an_address_are_refused(address: str, problem: str) -> None:
    """Found by the fuzzer: the HTML of a link would turn them into other characters, and the link would lead
    elsewhere than the address the data gives."""
    assert url_problem(address) == problem


def test_a_fenced_code_block_is_refused_as_mkdocs_would_render_it() -> None:
    """MkDocs always enables fenced code: a fence is a code block on the site, not inline code."""
    with pytest.raises(markdown_gate.Refused, match=r"^contains a code block \(a line indented by four spaces"):
        markdown_gate.check("Milano asks.\n\n```\nme too\n```")
