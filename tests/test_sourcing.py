"""The record's sourcing rules, through the public CLI: every claim on a source the site can rely on, cited
where its publisher put it. Each bad input is refused with one located message naming the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import SMALL, run_cli

URL = "    url: https://www.rtl.fr/example\n"
FIX = "see 'Choosing a source' in CONTRIBUTING.md"
CANONICAL = "cite the canonical address, the one the publisher's own page gives"


def edit(*replacements: tuple[str, str]) -> str:
    text = SMALL.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} should occur once in the fixture"
        text = text.replace(old, new)
    return text


def validate(tmp_path: Path, text: str) -> tuple[int, list[str], list[str]]:
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    result = run_cli("validate", cwd=tmp_path)
    lines = result.stderr.splitlines()
    return (
        result.returncode,
        [line for line in lines if ": error: " in line],
        [line for line in lines if ": warning: " in line],
    )


def refused(tmp_path: Path, text: str) -> list[str]:
    code, errors, _ = validate(tmp_path, text)
    assert code == 1
    return errors


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("https://bit.ly/3xYzAb", f"is a link shortener's address (bit.ly), not the page's; follow it and {CANONICAL}"),
        ("http://tnvge.co/iWsCMhL", f"is a link shortener's address (tnvge.co), not the page's; follow it and {CANONICAL}"),
        ("https://staging.rtl.fr/example", f"is on a staging, admin or mail host (staging.rtl.fr: 'staging'), not the publisher's public site; {CANONICAL}"),
        ("https://adminrediseno.rtl.fr/example", f"is on a staging, admin or mail host (adminrediseno.rtl.fr: 'adminrediseno'), not the publisher's public site; {CANONICAL}"),
        ("https://mail.example-mirror.fr/example", f"is on a staging, admin or mail host (mail.example-mirror.fr: 'mail'), not the publisher's public site; {CANONICAL}"),
        ("https://amp.rtl.fr/example", f"is an AMP copy of the page, not the page; {CANONICAL}, without 'amp'"),
        ("https://www.rtl.fr/example/amp/", f"is an AMP copy of the page, not the page; {CANONICAL}, without 'amp'"),
        ("https://www.rtl.fr/example?amp=1", f"is an AMP copy of the page, not the page; {CANONICAL}, without 'amp'"),
        ("https://www.rtl.fr/print/123/example", f"is a print view of the page, not the page; {CANONICAL}, without 'print'"),
        ("https://www.rtl.fr/example?print=print", f"is a print view of the page, not the page; {CANONICAL}, without 'print'"),
        ("https://www.rtl.fr/example?utm_source=feed&fbclid=abc", f"carries tracking parameters (fbclid, utm_source); {CANONICAL}, without them"),
    ],
    ids=["shortener", "publisher-shortener", "staging", "admin", "mail", "amp-host", "amp-path", "amp-query", "print-path", "print-query", "tracking"],
)  # fmt: skip
def test_an_address_that_is_never_a_citation_is_refused_whatever_the_data_says(
    tmp_path: Path, address: str, problem: str
) -> None:
    assert refused(tmp_path, edit((URL, f"    url: {address}\n"))) == [
        f"events.yaml:64:10: error: sources[2] (rtl-muller) url: '{address}' {problem}"
    ]


@pytest.mark.parametrize(
    "address",
    [
        "https://www.rtl.fr/culture/printemps-du-cinema",
        "https://www.rtl.fr/example?page=2",
        "https://developers.rtl.fr/example",
    ],
)
def test_addresses_that_only_look_like_copies_are_cited(tmp_path: Path, address: str) -> None:
    assert validate(tmp_path, edit((URL, f"    url: {address}\n")))[:2] == (0, [])


def test_the_address_must_be_on_a_host_of_the_publisher_the_source_names(tmp_path: Path) -> None:
    """The rating follows the address: a blog cannot borrow a newspaper's name."""
    assert refused(tmp_path, edit((URL, "    url: https://www.thewrap.com/example-copy\n"))) == [
        "events.yaml:64:10: error: sources[2] (rtl-muller) url: 'https://www.thewrap.com/example-copy' is on www.thewrap.com, which is not a host of rtl (rtl.fr); name 'thewrap', whose host it is",
    ]
    assert refused(tmp_path, edit((URL, "    url: https://rtl-fan.example.org/example\n"))) == [
        "events.yaml:64:10: error: sources[2] (rtl-muller) url: 'https://rtl-fan.example.org/example' is on rtl-fan.example.org, which is not a host of rtl (rtl.fr); name the publisher whose site it is, or add rtl-fan.example.org to rtl's hosts if it is theirs",
    ]


def test_a_source_names_a_publisher_that_is_in_the_data(tmp_path: Path) -> None:
    assert refused(tmp_path, edit(("    publisher: rtl\n", "    publisher: rtl-france\n"))) == [
        "events.yaml:63:16: error: sources[2] (rtl-muller) publisher: unknown publisher 'rtl-france'; add it to publishers first",
    ]


@pytest.mark.parametrize(
    ("host", "problem"),
    [
        (
            "RTL.fr",
            "'RTL.fr' is not written as browsers request it; write it in lowercase ASCII, in punycode where it has other letters",
        ),
        (
            "web.archive.org",
            "'web.archive.org' is a web archive, not a publisher; give a snapshot as a source's 'archive_url'",
        ),
        (
            "localhost",
            "'localhost' cannot be a publisher's host: an address on it has a host ('localhost') that is not a public domain name; expected a name like example.org",
        ),
    ],
)
def test_a_publisher_lists_public_hosts(tmp_path: Path, host: str, problem: str) -> None:
    errors = refused(tmp_path, edit(("    hosts: [rtl.fr]\n", f"    hosts: [rtl.fr, {host}]\n")))
    assert errors == [f"events.yaml:139:21: error: publishers[2] (rtl) hosts[1]: {problem}"]


def test_an_event_and_a_credit_need_a_primary_or_reliable_source(tmp_path: Path) -> None:
    marginal_only = edit(
        ("    rating: reliable\n    reason: National radio", "    rating: marginal\n    reason: National radio")
    )
    assert refused(tmp_path, marginal_only) == [
        f"events.yaml:31:18: error: movements[1] (balancetonporc) credits[0].sources: has no primary or reliable source (rtl-muller (marginal)); cite one for this credit ({FIX})",
        f"events.yaml:98:14: error: events[1] (2017-10-13-balancetonporc) sources: has no primary or reliable source (rtl-muller (marginal)); cite one for this event ({FIX})",
    ]


def test_a_source_that_credits_the_wrong_person_never_supports_a_credit_alone(tmp_path: Path) -> None:
    only_the_misattribution = edit(
        (
            "        sources: [wrap-milano, hill-burke]\n  - id: balancetonporc",
            "        sources: [wrap-milano]\n  - id: balancetonporc",
        )
    )
    reliable_wrap = only_the_misattribution.replace(
        "    rating: marginal\n    reason: Entertainment", "    rating: reliable\n    reason: Entertainment"
    )
    assert refused(tmp_path, reliable_wrap) == [
        f"events.yaml:20:18: error: movements[0] (metoo) credits[1].sources: has no primary or reliable source (wrap-milano (reliable, misattributes)); cite one for this credit ({FIX})",
    ]


def test_an_unreliable_source_supports_nothing_on_its_own(tmp_path: Path) -> None:
    unreliable = edit(
        ("    rating: marginal\n    reason: Entertainment", "    rating: unreliable\n    reason: Entertainment")
    )
    assert refused(tmp_path, unreliable) == [
        f"events.yaml:114:17: error: events[2] (2017-10-15-milano-tweet) figures[0].source: 'wrap-milano' is from a publisher rated unreliable, which cannot support a figure on its own; cite the figure from a primary or reliable source ({FIX})",
        f"events.yaml:125:14: error: corrections[0] (example-correction) sources: rests only on sources rated unreliable; cite where the correction was published, or a primary or reliable source ({FIX})",
    ]


def test_a_source_whose_page_or_publisher_is_gone_needs_an_archived_copy(tmp_path: Path) -> None:
    finds = "`python -m generator linkcheck --archive` finds one"
    assert refused(tmp_path, edit((URL, URL + "    defunct: true\n"))) == [
        f"events.yaml:64:10: error: sources[2] (rtl-muller) url: the page is gone; add an 'archive_url' (a Wayback Machine or archive.today snapshot; {finds}) so that readers can still read it",
    ]
    closed = edit(
        (
            "    reason: National radio broadcaster in France.\n",
            "    reason: National radio broadcaster in France.\n    defunct: true\n",
        )
    )
    assert refused(tmp_path, closed) == [
        f"events.yaml:64:10: error: sources[2] (rtl-muller) url: RTL has closed; add an 'archive_url' (a Wayback Machine or archive.today snapshot; {finds}) so that readers can still read it",
    ]
    archived = URL + "    defunct: true\n    archive_url: https://web.archive.org/web/2018/https://www.rtl.fr/example\n"
    assert validate(tmp_path, edit((URL, archived)))[:2] == (0, [])


def test_an_http_address_is_kept_as_published_and_listed_until_it_has_an_archived_copy(tmp_path: Path) -> None:
    code, errors, warnings = validate(tmp_path, edit((URL, "    url: http://www.rtl.fr/example\n")))
    assert (code, errors) == (0, [])
    assert warnings == [
        "events.yaml:64:10: warning: sources[2] (rtl-muller) url: 'http://www.rtl.fr/example' is published without https and has no archived copy; add an 'archive_url' (`python -m generator linkcheck --archive` finds one)",
    ]
    archived = "    url: http://www.rtl.fr/example\n    archive_url: https://web.archive.org/web/2018/http://www.rtl.fr/example\n"
    assert validate(tmp_path, edit((URL, archived))) == (0, [], [])


def test_the_github_format_annotates_the_warning_on_its_line(tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text(edit((URL, "    url: http://www.rtl.fr/example\n")), encoding="utf-8")
    result = run_cli("validate", "--format", "github", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == (
        "::warning file=events.yaml,line=64,col=10::sources[2] (rtl-muller) url: 'http://www.rtl.fr/example' is published "
        "without https and has no archived copy; add an 'archive_url' (`python -m generator linkcheck --archive` finds one)"
    )


def test_the_sources_command_measures_the_record(tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text(edit((URL, "    url: http://www.rtl.fr/example\n")), encoding="utf-8")
    result = run_cli("sources", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "sources                                                         3\n"
        "publishers                                                      3\n"
        "sources from primary publishers                                 0 (0%)\n"
        "sources from reliable publishers                                2 (67%)\n"
        "sources from marginal publishers                                1 (33%)\n"
        "sources from unreliable publishers                              0 (0%)\n"
        "events with a primary or reliable source                        3 (100%)\n"
        "credits with a primary or reliable source                       3 (100%)\n"
        "events, credits and figures resting only on unreliable sources  0\n"
        "sources on a host that is never a citation                      0\n"
        "sources published at an http:// address                         1\n"
        "... of which with no archived copy yet                          1\n"
        "sources that are gone or whose publisher closed                 0\n"
        "sources with an archived copy                                   1 (33%)\n"
        "sources marked as misattributing                                1\n"
    )
