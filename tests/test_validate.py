"""The validator: every problem in the data, at its line and column, with the fix, all at once."""

from __future__ import annotations

import datetime

import pytest

from generator.errors import DataError, Problem
from generator.load import load_text
from generator.model import Dataset
from generator.validate import validate

TODAY = datetime.date(2026, 11, 28)


def check(text: str) -> Dataset:
    return validate(load_text(text, "events.yaml"), "events.yaml", TODAY)


def edited(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} should occur once in the fixture"
        text = text.replace(old, new)
    return text


def problems_of(text: str) -> tuple[Problem, ...]:
    with pytest.raises(DataError) as caught:
        check(text)
    return caught.value.problems


def problems(text: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        check(text)
    return [str(problem) for problem in caught.value.problems]


def test_the_fixture_is_valid_and_read_into_the_model(small_text: str) -> None:
    data = check(small_text)
    assert [event.id for event in data.events] == [
        "2006-me-too-begins",
        "2017-10-13-balancetonporc",
        "2017-10-15-milano-tweet",
    ]
    assert data.movements[0].credits[0].person == "tarana-burke"
    assert data.events[2].figures[0].value == 200000
    assert str(data.events[2].date) == "15 October 2017"


CASES = [
    pytest.param(
        [("        role: amplifier\n    tags", "        role: founder\n    tags")],
        ["events.yaml:106:15: error: events[2] (2017-10-15-milano-tweet) people[0].role: unknown role 'founder'; expected one of: "
         "originator, amplifier, organizer, supporter, accuser, accused, defendant, plaintiff, survivor, witness, journalist, "
         "author, judge, prosecutor, official, executive, honoree, subject, convicted"],
        id="unknown-role",
    ),
    pytest.param(
        [("    date: 2017-10-13\n    place", "    dat: 2017-10-13\n    place")],
        ["events.yaml:89:5: error: events[1] (2017-10-13-balancetonporc): missing required key 'date'; expected a date: YYYY, YYYY-MM or YYYY-MM-DD",
         "events.yaml:90:5: error: events[1] (2017-10-13-balancetonporc): unknown key 'dat'; did you mean 'date'?"],
        id="typo-in-key",
    ),
    pytest.param(
        [("    date: 2017-10-13\n    place", "    date: 2017-02-30\n    place")],
        ["events.yaml:90:11: error: events[1] (2017-10-13-balancetonporc) date: '2017-02-30' is not a real date; February 2017 has 28 days"],
        id="impossible-date",
    ),
    pytest.param(
        [("    date: 2017-10-15\n    title", "    date: 2027-01\n    title")],
        ["events.yaml:100:11: error: events[2] (2017-10-15-milano-tweet) date: 2027-01 is in the future"],
        id="future-date",
    ),
    pytest.param(
        [("    date: 2017-10-13\n    place", "    date: 2005\n    place")],
        ["events.yaml:90:11: error: events[1] (2017-10-13-balancetonporc) date: 2005 comes before the previous event "
         "(2006-me-too-begins, 2006); keep events in chronological order"],
        id="out-of-order",
    ),
    pytest.param(
        [("    sources: [rtl-muller]\n  - id: 2017-10-15", "    sources: [rtl-mulller]\n  - id: 2017-10-15")],
        ["events.yaml:98:15: error: events[1] (2017-10-13-balancetonporc) sources[0]: unknown source 'rtl-mulller'; did you mean 'rtl-muller'?"],
        id="unknown-source",
    ),
    pytest.param(
        [("      - person: sandra-muller\n        role: originator\n    sources", "      - person: hill-burke\n        role: originator\n    sources")],
        ["events.yaml:96:17: error: events[1] (2017-10-13-balancetonporc) people[0].person: 'hill-burke' is in sources, not people; "
         "expected the id of a person in people"],
        id="reference-to-wrong-collection",
    ),
    pytest.param(
        [("    sources: [rtl-muller]\n  - id: 2017-10-15", "    sources: []\n  - id: 2017-10-15")],
        ["events.yaml:98:14: error: events[1] (2017-10-13-balancetonporc) sources: needs at least 1 entry, got 0"],
        id="unsourced-event",
    ),
    pytest.param(
        [("  - id: sandra-muller\n", "  - id: Sandra Muller\n")],
        ["events.yaml:28:17: error: movements[1] (balancetonporc) credits[0].person: unknown person 'sandra-muller'; did you mean 'Sandra Muller'?",
         "events.yaml:42:9: error: people[2] (Sandra Muller) id: 'Sandra Muller' is not a valid id; expected lowercase letters, digits and single hyphens, like '2017-10-15-milano-tweet'",
         "events.yaml:96:17: error: events[1] (2017-10-13-balancetonporc) people[0].person: unknown person 'sandra-muller'; did you mean 'Sandra Muller'?"],
        id="bad-id",
    ),
    pytest.param(
        [("  - id: rtl-muller\n", "  - id: nul\n"), ("    sources: [rtl-muller]\n  - id: 2017-10-15", "    sources: [nul]\n  - id: 2017-10-15")],
        ["events.yaml:31:19: error: movements[1] (balancetonporc) credits[0].sources[0]: unknown source 'rtl-muller'; add it to sources first",
         "events.yaml:61:9: error: sources[2] (nul) id: 'nul' is a reserved file name on some systems; choose a longer id",
         "events.yaml:98:15: error: events[1] (2017-10-13-balancetonporc) sources[0]: 'nul' is a reserved file name on some systems; choose a longer id"],
        id="reserved-file-name",
    ),
    pytest.param(
        [("  - id: rtl-muller\n", "  - id: metoo\n")],
        ["events.yaml:31:19: error: movements[1] (balancetonporc) credits[0].sources[0]: unknown source 'rtl-muller'; add it to sources first",
         "events.yaml:61:9: error: sources[2] (metoo) id: 'metoo' is already used by movements[0]; ids must be unique across the file",
         "events.yaml:98:15: error: events[1] (2017-10-13-balancetonporc) sources[0]: unknown source 'rtl-muller'; add it to sources first"],
        id="duplicate-id",
    ),
    pytest.param(
        [("        role: originator\n        date: 2006\n", "        role: amplifier\n        date: 2006\n")],
        ["events.yaml:11:7: error: movements[0] (metoo) credits: has no originator; credit the person who started it, with sources",
         "events.yaml:77:15: error: events[0] (2006-me-too-begins) people[0].role: tarana-burke is not credited as originator of metoo; "
         "use the role the movement's credits give, or add a sourced credit"],
        id="no-originator",
    ),
    pytest.param(
        [("      - person: alyssa-milano\n        role: amplifier\n        date: 2017-10-15\n",
          "      - person: tarana-burke\n        role: amplifier\n        date: 2017-10-15\n")],
        ["events.yaml:17:15: error: movements[0] (metoo) credits[1].role: tarana-burke is credited as both originator and amplifier of metoo; keep one role",
         "events.yaml:106:15: error: events[2] (2017-10-15-milano-tweet) people[0].role: alyssa-milano is not credited as amplifier of metoo; "
         "use the role the movement's credits give, or add a sourced credit"],
        id="originator-and-amplifier",
    ),
    pytest.param(
        [("        role: amplifier\n        date: 2017-10-15\n", "        role: amplifier\n        date: 2005\n")],
        ["events.yaml:18:15: error: movements[0] (metoo) credits[1].date: the amplification (2005) is dated before the origin it amplifies (2006)"],
        id="amplified-before-origin",
    ),
    pytest.param(
        [("        role: amplifier\n    tags", "        role: originator\n    tags")],
        ["events.yaml:106:15: error: events[2] (2017-10-15-milano-tweet) people[0].role: alyssa-milano is not credited as originator of metoo; "
         "use the role the movement's credits give, or add a sourced credit"],
        id="event-calls-amplifier-originator",
    ),
    pytest.param(
        [("    public_figure: true\n  - id: sandra-muller", "  - id: sandra-muller")],
        ["events.yaml:38:9: error: people[1] (alyssa-milano) id: a private individual is named without consent; add 'consent' (date and note), "
         "mark 'public_figure: true' for a public figure, or leave the name out"],
        id="private-person-without-consent",
    ),
    pytest.param(
        [('        used: "2006"', '        used: "1997"')],
        ["events.yaml:82:15: error: events[0] (2006-me-too-begins) disputed[0].used: '1997' is not one of the alternatives; expected one of: 2006, 2007"],
        id="dispute-uses-unknown-value",
    ),
    pytest.param(
        [('          - value: "2007"\n            note: Some reports say 2007.\n            sources: [wrap-milano]\n', "")],
        ["events.yaml:84:11: error: events[0] (2006-me-too-begins) disputed[0].alternatives: needs at least 2 entries, got 1"],
        id="dispute-with-one-value",
    ),
    pytest.param(
        [("      A movement against sexual violence, started by *Tarana Burke* to support survivors.",
          "      A movement <script>alert(1)</script> against sexual violence.")],
        ["events.yaml:8:14: error: movements[0] (metoo) summary: contains raw HTML ('<s...'); write plain Markdown"],
        id="raw-html-in-summary",
    ),
    pytest.param(
        [("See [the profile](https://thehill.com/example/tarana-burke)", "See [the profile](javascript:alert(1))")],
        ["events.yaml:72:14: error: events[0] (2006-me-too-begins) summary: links to 'javascript:alert(1)'; links must be absolute https URLs"],
        id="script-link-in-summary",
    ),
    pytest.param(
        [("      - value: 200000", "      - value: 200,000")],
        ["events.yaml:110:16: error: events[2] (2017-10-15-milano-tweet) figures[0].value: '200,000' is not a whole number; write digits only, like 200000"],
        id="number-with-separators",
    ),
    pytest.param(
        [("    public_figure: true\n  - id: alyssa", "    public_figure: NO\n  - id: alyssa")],
        ["events.yaml:37:20: error: people[0] (tarana-burke) public_figure: 'NO' is not true or false"],
        id="yaml-1-1-boolean",
    ),
    pytest.param(
        [("    movements: [metoo]\n    people:\n      - person: alyssa", "    movements: metoo\n    people:\n      - person: alyssa")],
        ["events.yaml:103:16: error: events[2] (2017-10-15-milano-tweet) movements: expected a list of movement ids, got a value"],
        id="value-where-list-expected",
    ),
    pytest.param(
        [("    date: 2017-10-13\n    place", "    date: 2017-13\n    place"),
         ("    sources: [rtl-muller]\n  - id: 2017-10-15", "    sources: [rtl-mulller]\n  - id: 2017-10-15")],
        ["events.yaml:90:11: error: events[1] (2017-10-13-balancetonporc) date: '2017-13' has no month 13; expected a month from 01 to 12",
         "events.yaml:98:15: error: events[1] (2017-10-13-balancetonporc) sources[0]: unknown source 'rtl-mulller'; did you mean 'rtl-muller'?"],
        id="several-problems-in-one-record",
    ),
    pytest.param(
        [('summary: Milano asks people to reply "me too"; the hashtag spreads.',
          'summary: Milano asks people to reply "me too"; Milano started the hashtag that day.')],
        ["events.yaml:102:52: error: events[2] (2017-10-15-milano-tweet) summary: says Alyssa Milano started #MeToo, but the data "
         'credits Tarana Burke as originator (2006) and Alyssa Milano as amplifier (2017-10-15); write "amplified", or record a '
         "disputed credit with sources"],
        id="summary-misattributes",
    ),
    pytest.param(
        [("      A movement against sexual violence, started by *Tarana Burke* to support survivors.",
          "      A movement against sexual violence.\n      Sandra Muller founded the movement.")],
        ["events.yaml:10:7: error: movements[0] (metoo) summary: says Sandra Muller started #MeToo, but the data credits "
         "Tarana Burke as originator (2006) and Alyssa Milano as amplifier (2017-10-15); name the originator, or record a "
         "disputed credit with sources"],
        id="misattribution-inside-a-folded-block",
    ),
    pytest.param(
        [("    misattributes: true\n", "")],
        ["events.yaml:56:13: error: sources[1] (wrap-milano) quote: credits Alyssa Milano started #MeToo, but the data credits "
         "Tarana Burke as originator (2006) and Alyssa Milano as amplifier (2017-10-15); keep the citation verbatim and add "
         "'misattributes: true' so every page that shows it adds a note"],
        id="unmarked-misattributing-quote",
    ),
    pytest.param(
        [('    quote: "Alyssa Milano launched #MeToo with one tweet."\n', "")],
        ["events.yaml:56:20: error: sources[1] (wrap-milano) misattributes: the title and quote credit no one wrongly; remove 'misattributes'"],
        id="needless-misattributes-mark",
    ),
    pytest.param(
        [("    name: Sandra Muller\n", "    name: \"Sandra \\u202eMuller\"\n")],
        ["events.yaml:43:11: error: people[2] (sandra-muller) name: contains an invisible or direction-changing character (U+202E); remove it"],
        id="direction-changing-character",
    ),
    pytest.param(
        [("    name: Sandra Muller\n", "    name: \"Sandra\\u200bMuller\"\n")],
        ["events.yaml:43:11: error: people[2] (sandra-muller) name: contains an invisible or direction-changing character (U+200B); remove it"],
        id="zero-width-character",
    ),
    pytest.param(
        [("schema_version: 1", "schema_version: 2")],
        ["events.yaml:1:17: error: schema_version: this generator reads version 1, got 2"],
        id="schema-version",
    ),
    pytest.param(
        [("corrections:\n", "correction:\n")],
        ["events.yaml:117:1: error: top level: unknown key 'correction'; did you mean 'corrections'?"],
        id="unknown-top-level-key",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("replacements", "expected"), CASES)
def test_bad_data_gets_exact_located_messages(
    small_text: str, replacements: list[tuple[str, str]], expected: list[str]
) -> None:
    assert problems(edited(small_text, *replacements)) == expected


@pytest.mark.parametrize("verb", ["started", "launched", "created", "founded"])
def test_a_summary_that_credits_the_amplifier_with_the_origin_fails_at_its_place(small_text: str, verb: str) -> None:
    text = edited(small_text, ("the hashtag spreads.", f'Milano {verb} #MeToo that day."'))
    text = text.replace(
        'summary: Milano asks people to reply "me too"; Milano',
        "summary: \"Milano asks people to reply 'me too'; Milano",
    )
    [problem] = problems_of(text)
    assert (problem.line, problem.column) == (102, 53)  # the value is quoted: one column after the quote
    assert problem.message.startswith(
        "events[2] (2017-10-15-milano-tweet) summary: says Alyssa Milano started #MeToo, but the data credits Tarana Burke as originator (2006)"
    )
    assert problem.message.endswith('write "amplified", or record a disputed credit with sources')


def test_a_disputed_credit_lets_the_text_state_it(small_text: str) -> None:
    claim = edited(
        small_text,
        (
            'summary: Milano asks people to reply "me too"; the hashtag spreads.',
            'summary: "Sandra Muller also began #MeToo."',
        ),
    )
    assert [problem.message.split(":")[0] for problem in problems_of(claim)] == [
        "events[2] (2017-10-15-milano-tweet) summary"
    ]
    credit = "      - person: sandra-muller\n        role: originator\n        date: 2017-10-13\n        disputed: true\n        sources: [rtl-muller]\n"
    disputed = edited(
        claim,
        (
            "        sources: [wrap-milano, hill-burke]\n  - id: balancetonporc",
            f"        sources: [wrap-milano, hill-burke]\n{credit}  - id: balancetonporc",
        ),
    )
    assert len(check(disputed).events) == 3


def test_every_problem_is_reported_at_once(small_text: str) -> None:
    text = edited(
        small_text,
        ("        role: amplifier\n    tags", "        role: founder\n    tags"),
        ("    url: https://www.rtl.fr/example", "    url: https://bit.ly/example"),
        ("      - value: 200000", "      - value: lots"),
    )
    with pytest.raises(DataError) as caught:
        check(text)
    assert str(caught.value) == "3 errors in events.yaml"
    assert [problem.line for problem in caught.value.problems] == [64, 106, 110]


URL = "    url: https://www.rtl.fr/example\n"


def test_a_source_is_cited_at_its_published_http_address_with_an_archived_copy(small_text: str) -> None:
    archived = "    url: http://www.rtl.fr/example\n    archive_url: https://web.archive.org/web/2018/http://www.rtl.fr/example\n"
    source = check(edited(small_text, (URL, archived))).sources[2]
    assert (source.url, source.archive_url) == (
        "http://www.rtl.fr/example",
        "https://web.archive.org/web/2018/http://www.rtl.fr/example",
    )


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        (
            URL + "    archive_url: https://www.rtl.fr/copy\n",
            "events.yaml:65:18: error: sources[2] (rtl-muller) archive_url: 'https://www.rtl.fr/copy' is not a snapshot in a web archive; expected https://web.archive.org/web/... or https://archive.ph/...",
        ),
        (
            URL + "    archive_url: http://archive.ph/abcde\n",
            "events.yaml:65:18: error: sources[2] (rtl-muller) archive_url: 'http://archive.ph/abcde' is not secure (http); use the https address",
        ),
        (
            "    url: HTTP://www.rtl.fr/example\n",
            "events.yaml:64:10: error: sources[2] (rtl-muller) url: 'HTTP://www.rtl.fr/example' does not start with http:// (in lowercase, with two slashes); expected http://host/path",
        ),
    ],
    ids=["archive-elsewhere", "http-archive", "uppercase-scheme"],
)
def test_addresses_as_published_and_their_archived_copies(small_text: str, replacement: str, expected: str) -> None:
    assert problems(edited(small_text, (URL, replacement))) == [expected]
