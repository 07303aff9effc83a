"""Hostile and broken input, threat by threat: each is refused through `build` with a located message,
exit 1, no traceback and docs/ exactly as it was; what is legitimate text is shown as text.

The threats are those of issue 6: YAML features that run code, multiply or lose data; encodings and
characters that hide or reorder text; markup, links and extension syntax smuggled into contributor text;
ids that would escape or clash as file names; and data that would publish an unsourced or unsafe record.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.render import render_site
from generator.validate import load_dataset

from .conftest import SMALL, build_site, copy_project, tree_digest
from .safety import scan_site, text_of

TEXT = SMALL.read_text(encoding="utf-8")
NAME = "    name: Sandra Muller\n"
PERSON_ID = "  - id: sandra-muller\n"
SUMMARY = 'summary: Milano asks people to reply "me too"; the hashtag spreads.'
LINK = "See [the profile](https://thehill.com/example/tarana-burke)"
URL = "    url: https://www.rtl.fr/example"


def edit(*replacements: tuple[str, str], text: str = TEXT) -> bytes:
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} should occur once in the fixture"
        text = text.replace(old, new)
    return text.encode("utf-8")


def summary(text: str) -> bytes:
    return edit((SUMMARY, "summary: " + text))


def link(target: str) -> bytes:
    return edit((LINK, f"See [the profile]({target})"))


THREATS = [
    pytest.param(
        edit(
            (
                "    public_figure: true\n  - id: alyssa",
                '    public_figure: !!python/object/apply:os.system ["id"]\n  - id: alyssa',
            )
        ),
        [
            "events.yaml:37:20: error: tags are not allowed ('!!python/object/apply:os.system'); write the plain value",
        ],
        id="python-tag",
    ),
    pytest.param(
        edit(("    public_figure: true\n  - id: alyssa", "    public_figure: !yes true\n  - id: alyssa")),
        [
            "events.yaml:37:20: error: tags are not allowed ('!yes'); write the plain value",
        ],
        id="local-tag",
    ),
    pytest.param(
        b"schema_version: 1\nlol: &a [x, x, x, x, x, x, x, x, x]\nlol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nlol3: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
        [
            "events.yaml:2:6: error: anchors are not allowed ('&a'); write the value out in full",
            "events.yaml:3:7: error: anchors are not allowed ('&b'); write the value out in full",
            "events.yaml:3:11: error: aliases are not allowed ('*a'); write the value out in full",
        ],
        id="alias-bomb",
    ),
    pytest.param(
        b"schema_version: 1\nmovements: &loop [*loop]\n",
        [
            "events.yaml:2:12: error: anchors are not allowed ('&loop'); write the value out in full",
            "events.yaml:2:19: error: aliases are not allowed ('*loop'); write the value out in full",
        ],
        id="alias-cycle",
    ),
    pytest.param(
        edit(("  - id: alyssa-milano\n", "  - <<: {id: alyssa-milano}\n")),
        [
            "events.yaml:38:5: error: merge keys ('<<') are not allowed; write the keys out in full",
        ],
        id="merge-key",
    ),
    pytest.param(
        edit(("    summary: Milano asks", "    title: Milano starts #MeToo\n    summary: Milano asks")),
        [
            "events.yaml:102:5: error: duplicate key 'title' (first at line 101); keep one",
            "events.yaml:102:26: error: '#MeToo' is read as a YAML comment and dropped from the value; put the whole value in quotes",
        ],
        id="duplicate-key",
    ),
    pytest.param(
        edit(("    public_figure: true\n  - id: alyssa", "    public_figure: on\n  - id: alyssa")),
        [
            "events.yaml:37:20: error: people[0] (tarana-burke) public_figure: 'on' is not true or false",
        ],
        id="yaml11-on",
    ),
    pytest.param(
        edit(("      - value: 200000", "      - value: 1:20")),
        [
            "events.yaml:110:16: error: events[2] (2017-10-15-milano-tweet) figures[0].value: '1:20' is not a whole number; write digits only, like 200000",
        ],
        id="yaml11-sexagesimal",
    ),
    pytest.param(
        edit(("      - value: 200000", "      - value: 012")),
        [
            "events.yaml:110:16: error: events[2] (2017-10-15-milano-tweet) figures[0].value: '012' is not a whole number; write digits only, like 200000",
        ],
        id="yaml11-octal",
    ),
    pytest.param(
        edit(("      - value: 200000", "      - value: .inf")),
        [
            "events.yaml:110:16: error: events[2] (2017-10-15-milano-tweet) figures[0].value: '.inf' is not a whole number; write digits only, like 200000",
        ],
        id="yaml11-infinity",
    ),
    pytest.param(
        edit(("    date: 2017-10-15\n    title", "    date: 2017-02-30\n    title")),
        [
            "events.yaml:100:11: error: events[2] (2017-10-15-milano-tweet) date: '2017-02-30' is not a real date; February 2017 has 28 days",
        ],
        id="impossible-date",
    ),
    pytest.param(
        b"schema_version: 1\nmovements: " + b"[" * 40 + b"]" * 40 + b"\n",
        [
            "events.yaml:2:27: error: nesting is deeper than 16 levels",
        ],
        id="deep-nesting",
    ),
    pytest.param(
        TEXT.replace("Sandra Muller\n", "Sandra M\xfcller\n", 1).encode("latin-1"),
        [
            "events.yaml:43:19: error: the file is not UTF-8 (byte 0xfc); save it as UTF-8",
        ],
        id="not-utf8",
    ),
    pytest.param(
        TEXT.encode("utf-16"),
        [
            "events.yaml:1:1: error: the file is UTF-16, not UTF-8; save it as UTF-8",
        ],
        id="utf16",
    ),
    pytest.param(
        TEXT.encode("utf-16-le"),
        [
            "events.yaml:1:1: error: the file is UTF-16, not UTF-8; save it as UTF-8",
        ],
        id="utf16-without-bom",
    ),
    pytest.param(
        TEXT.encode("utf-32"),
        [
            "events.yaml:1:1: error: the file is UTF-32, not UTF-8; save it as UTF-8",
        ],
        id="utf32",
    ),
    pytest.param(
        TEXT.replace(NAME, "    name: Sandra\x85Muller\n").encode(),
        [
            "events.yaml:43:17: error: a NEXT LINE (U+0085) breaks the line here, but not in every editor; use an ordinary line break",
        ],
        id="next-line",
    ),
    pytest.param(
        TEXT.replace(NAME, "    name: Sandra\u2028Muller\n").encode(),
        [
            "events.yaml:43:17: error: a LINE SEPARATOR (U+2028) breaks the line here, but not in every editor; use an ordinary line break",
        ],
        id="line-separator",
    ),
    pytest.param(
        TEXT.replace(NAME, "    name: Sandra\u2029Muller\n").encode(),
        [
            "events.yaml:43:17: error: a PARAGRAPH SEPARATOR (U+2029) breaks the line here, but not in every editor; use an ordinary line break",
        ],
        id="paragraph-separator",
    ),
    pytest.param(
        TEXT.replace(NAME, "    name: Sandra\rMuller\n").encode(),
        [
            "events.yaml:43:17: error: a CARRIAGE RETURN (U+000D) breaks the line here, but not in every editor; use an ordinary line break",
        ],
        id="bare-carriage-return",
    ),
    pytest.param(
        edit((NAME, '    name: "Sandra\\nMuller"\n')),
        [
            "events.yaml:43:11: error: people[2] (sandra-muller) name: must be one line; remove the line breaks",
        ],
        id="escaped-line-break",
    ),
    pytest.param(
        edit((NAME, "\tname: Sandra Muller\n")),
        [
            "events.yaml:43:1: error: YAML syntax: found a tab character that violates indentation; indent with spaces",
        ],
        id="tab-indent",
    ),
    pytest.param(
        edit((NAME, "    name: Sandra\tMuller\n")),
        [
            "events.yaml:43:11: error: people[2] (sandra-muller) name: contains a tab; use a space",
        ],
        id="tab-in-name",
    ),
    pytest.param(
        edit((NAME, "    name: Sandra\x1bMuller\n")),
        [
            "events.yaml:43:17: error: contains a control character (U+001B) that YAML cannot read; remove it",
        ],
        id="raw-control",
    ),
    pytest.param(
        edit((NAME, '    name: "Sandra\\x1b[31mMuller"\n')),
        [
            "events.yaml:43:11: error: people[2] (sandra-muller) name: contains a control character (U+001B); remove it",
        ],
        id="escaped-control",
    ),
    pytest.param(
        edit((NAME, '    name: "Sandra \\u202eMuller"\n')),
        [
            "events.yaml:43:11: error: people[2] (sandra-muller) name: contains an invisible or direction-changing character (U+202E); remove it",
        ],
        id="bidi-override-in-name",
    ),
    pytest.param(
        edit((NAME, '    name: "Sandra \\u2067Muller"\n')),
        [
            "events.yaml:43:11: error: people[2] (sandra-muller) name: contains an invisible or direction-changing character (U+2067); remove it",
        ],
        id="bidi-isolate-in-name",
    ),
    pytest.param(
        edit((NAME, '    name: "Sandra\\u200dMuller"\n')),
        [
            "events.yaml:43:11: error: people[2] (sandra-muller) name: contains an invisible or direction-changing character (U+200D); remove it",
        ],
        id="zero-width-in-name",
    ),
    pytest.param(
        edit((PERSON_ID, '  - id: "sandra-\\u202emuller"\n')),
        [
            "events.yaml:28:17: error: movements[1] (balancetonporc) credits[0].person: unknown person 'sandra-muller'; did you mean 'sandra-\\u202emuller'?",
            "events.yaml:42:9: error: people[2] (sandra-\\u202emuller) id: 'sandra-\\u202emuller' contains '\\u202e' (U+202E), which is not a-z; ids use lowercase ASCII letters, digits and hyphens",
            "events.yaml:96:17: error: events[1] (2017-10-13-balancetonporc) people[0].person: unknown person 'sandra-muller'; did you mean 'sandra-\\u202emuller'?",
        ],
        id="bidi-in-id",
    ),
    pytest.param(
        edit((PERSON_ID, '  - id: "sandra\\u200b-muller"\n')),
        [
            "events.yaml:28:17: error: movements[1] (balancetonporc) credits[0].person: unknown person 'sandra-muller'; did you mean 'sandra\\u200b-muller'?",
            "events.yaml:42:9: error: people[2] (sandra\\u200b-muller) id: 'sandra\\u200b-muller' contains '\\u200b' (U+200B), which is not a-z; ids use lowercase ASCII letters, digits and hyphens",
            "events.yaml:96:17: error: events[1] (2017-10-13-balancetonporc) people[0].person: unknown person 'sandra-muller'; did you mean 'sandra\\u200b-muller'?",
        ],
        id="zero-width-in-id",
    ),
    pytest.param(
        summary("Milano asks people <script>alert(1)</script> to reply."),
        [
            "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: contains raw HTML ('<s...'); write plain Markdown",
        ],
        id="script",
    ),
    pytest.param(
        summary("Milano asks <img src=x onerror=alert(1)> people."),
        [
            "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: contains raw HTML ('<i...'); write plain Markdown",
        ],
        id="img-onerror",
    ),
    pytest.param(
        summary("Milano asks <svg onload=alert(1)> people."),
        [
            "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: contains raw HTML ('<s...'); write plain Markdown",
        ],
        id="svg-onload",
    ),
    pytest.param(
        summary('Milano asks <iframe src="https://example.org"></iframe> people.'),
        [
            "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: contains raw HTML ('<i...'); write plain Markdown",
        ],
        id="iframe",
    ),
    pytest.param(
        summary('Milano asks <form action="https://example.org"> people.'),
        [
            "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: contains raw HTML ('<f...'); write plain Markdown",
        ],
        id="form",
    ),
    pytest.param(
        summary("Milano asks <style>body{display:none}</style> people."),
        [
            "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: contains raw HTML ('<s...'); write plain Markdown",
        ],
        id="style",
    ),
    pytest.param(
        summary("Milano asks <!-- hidden --> people."),
        [
            "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: contains raw HTML ('<!...'); write plain Markdown",
        ],
        id="html-comment",
    ),
    pytest.param(
        link("JaVaScRiPt:alert(1)"),
        [
            "events.yaml:72:14: error: events[0] (2006-me-too-begins) summary: links to 'JaVaScRiPt:alert(1)'; links must be absolute https URLs",
        ],
        id="javascript-mixed-case",
    ),
    pytest.param(
        link("&#106;avascript:alert(1)"),
        [
            "events.yaml:72:14: error: events[0] (2006-me-too-begins) summary: links to 'javascript:alert(1)'; links must be absolute https URLs",
        ],
        id="javascript-entity",
    ),
    pytest.param(
        link(" \tjavascript:alert(1)"),
        [
            "events.yaml:72:14: error: events[0] (2006-me-too-begins) summary: links to 'javascript:alert(1)'; links must be absolute https URLs",
        ],
        id="javascript-whitespace",
    ),
    pytest.param(
        edit((LINK, "See <javascript:alert(1)>")),
        [
            "events.yaml:72:14: error: events[0] (2006-me-too-begins) summary: contains raw HTML ('<j...'); write plain Markdown",
        ],
        id="javascript-autolink",
    ),
    pytest.param(
        link("<javascript:alert(1)>"),
        [
            "events.yaml:72:14: error: events[0] (2006-me-too-begins) summary: contains raw HTML ('<j...'); write plain Markdown",
        ],
        id="javascript-angle",
    ),
    pytest.param(
        link("data:text/html;base64,PHNjcmlwdD4="),
        [
            "events.yaml:72:14: error: events[0] (2006-me-too-begins) summary: links to 'data:text/html;base64,PHNjcmlwdD4='; links must be absolute https URLs",
        ],
        id="data-url",
    ),
    pytest.param(
        link("vbscript:msgbox(1)"),
        [
            "events.yaml:72:14: error: events[0] (2006-me-too-begins) summary: links to 'vbscript:msgbox(1)'; links must be absolute https URLs",
        ],
        id="vbscript",
    ),
    pytest.param(
        edit((LINK, "See [the profile][p].\n\n      [p]: javascript:alert(1)")),
        [
            "events.yaml:72:14: error: events[0] (2006-me-too-begins) summary: defines a link reference ('[p]: ...'); write the link in place, as [text](https://...)",
        ],
        id="reference-link",
    ),
    pytest.param(
        link("../../README.md"),
        [
            "events.yaml:72:14: error: events[0] (2006-me-too-begins) summary: links to '../../README.md'; links must be absolute https URLs",
        ],
        id="relative-link",
    ),
    pytest.param(
        summary('Milano asks people to reply. { onclick="alert(1)" }'),
        [
            "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: contains '{ onclick=', which Markdown extensions or templates read as an instruction; reword it as plain text",
        ],
        id="attribute-list",
    ),
    pytest.param(
        summary("'Milano asks people to reply. {: .hidden }'"),
        [
            "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: contains '{:', which Markdown extensions or templates read as an instruction; reword it as plain text",
        ],
        id="attribute-list-class",
    ),
    pytest.param(
        summary('Milano asks people to reply. --8<-- "README.md"'),
        [
            "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: contains '--8<--', which Markdown extensions or templates read as an instruction; reword it as plain text",
        ],
        id="snippet",
    ),
    pytest.param(
        summary("Milano asks people to reply {{ config.extra }}."),
        [
            "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: contains '{{', which Markdown extensions or templates read as an instruction; reword it as plain text",
        ],
        id="template-variable",
    ),
    pytest.param(
        summary('Milano asks people to reply {% include "secrets" %}.'),
        [
            "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: contains '{%', which Markdown extensions or templates read as an instruction; reword it as plain text",
        ],
        id="template-tag",
    ),
    pytest.param(
        edit((SUMMARY, 'summary: |-\n      Milano asks.\n      !!! danger "Click here"')),
        [
            "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: contains '!!!', which Markdown extensions or templates read as an instruction; reword it as plain text",
        ],
        id="admonition",
    ),
    pytest.param(
        edit((SUMMARY, "summary: |-\n      Milano asks.\n      # A heading")),
        [
            "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: contains a heading; headings are made by the site, write paragraphs",
        ],
        id="heading-in-summary",
    ),
    pytest.param(
        edit((SUMMARY, "summary: |-\n      ---\n      title: x\n      ---\n      Milano asks.")),
        [
            "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: contains a horizontal rule; write paragraphs",
        ],
        id="front-matter-in-summary",
    ),
    pytest.param(
        summary("Milano asks ![x](https://example.org/x.png) people."),
        [
            "events.yaml:102:14: error: events[2] (2017-10-15-milano-tweet) summary: contains an image; images load from other hosts, link to the page instead",
        ],
        id="image",
    ),
    pytest.param(
        edit(('    title: Tarana Burke starts "Me Too"', '    title: "Tarana Burke\\n# starts"')),
        [
            "events.yaml:71:12: error: events[0] (2006-me-too-begins) title: must be one line; remove the line breaks",
        ],
        id="newline-in-title",
    ),
    pytest.param(
        edit((PERSON_ID, "  - id: ../../etc/passwd\n")),
        [
            "events.yaml:28:17: error: movements[1] (balancetonporc) credits[0].person: unknown person 'sandra-muller'; add it to people first",
            "events.yaml:42:9: error: people[2] (../../etc/passwd) id: '../../etc/passwd' is not a valid id; expected lowercase letters, digits and single hyphens, like '2017-10-15-milano-tweet'",
            "events.yaml:96:17: error: events[1] (2017-10-13-balancetonporc) people[0].person: unknown person 'sandra-muller'; add it to people first",
        ],
        id="dot-dot-id",
    ),
    pytest.param(
        edit((PERSON_ID, "  - id: /etc/passwd\n")),
        [
            "events.yaml:28:17: error: movements[1] (balancetonporc) credits[0].person: unknown person 'sandra-muller'; add it to people first",
            "events.yaml:42:9: error: people[2] (/etc/passwd) id: '/etc/passwd' is not a valid id; expected lowercase letters, digits and single hyphens, like '2017-10-15-milano-tweet'",
            "events.yaml:96:17: error: events[1] (2017-10-13-balancetonporc) people[0].person: unknown person 'sandra-muller'; add it to people first",
        ],
        id="absolute-id",
    ),
    pytest.param(
        edit((PERSON_ID, "  - id: com1\n")),
        [
            "events.yaml:28:17: error: movements[1] (balancetonporc) credits[0].person: unknown person 'sandra-muller'; add it to people first",
            "events.yaml:42:9: error: people[2] (com1) id: 'com1' is a reserved file name on some systems; choose a longer id",
            "events.yaml:96:17: error: events[1] (2017-10-13-balancetonporc) people[0].person: unknown person 'sandra-muller'; add it to people first",
        ],
        id="reserved-id",
    ),
    pytest.param(
        edit(
            (PERSON_ID, "  - id: page-2\n"),
            ("sandra-muller\n        role: originator\n    sources", "page-2\n        role: originator\n    sources"),
        ),
        [
            "events.yaml:28:17: error: movements[1] (balancetonporc) credits[0].person: unknown person 'sandra-muller'; add it to people first",
            "events.yaml:42:9: error: people[2] (page-2) id: 'page-2' is the name of a numbered page of the site's lists; choose another id",
        ],
        id="numbered-page-id",
    ),
    pytest.param(
        edit((PERSON_ID, "  - id: Sandra-Muller\n")),
        [
            "events.yaml:28:17: error: movements[1] (balancetonporc) credits[0].person: unknown person 'sandra-muller'; did you mean 'Sandra-Muller'?",
            "events.yaml:42:9: error: people[2] (Sandra-Muller) id: 'Sandra-Muller' is not a valid id; expected lowercase letters, digits and single hyphens, like '2017-10-15-milano-tweet'",
            "events.yaml:96:17: error: events[1] (2017-10-13-balancetonporc) people[0].person: unknown person 'sandra-muller'; did you mean 'Sandra-Muller'?",
        ],
        id="uppercase-id",
    ),
    pytest.param(
        edit((PERSON_ID, "  - id: s\u0430ndra-muller\n")),
        [
            "events.yaml:28:17: error: movements[1] (balancetonporc) credits[0].person: unknown person 'sandra-muller'; did you mean 'sаndra-muller'?",
            "events.yaml:42:9: error: people[2] (sаndra-muller) id: 'sаndra-muller' contains 'а' (U+0430), which is not a-z; ids use lowercase ASCII letters, digits and hyphens",
            "events.yaml:96:17: error: events[1] (2017-10-13-balancetonporc) people[0].person: unknown person 'sandra-muller'; did you mean 'sаndra-muller'?",
        ],
        id="cyrillic-id",
    ),
    pytest.param(
        edit((PERSON_ID, "  - id: " + "sandra-" * 12 + "muller\n")),
        [
            "events.yaml:28:17: error: movements[1] (balancetonporc) credits[0].person: unknown person 'sandra-muller'; add it to people first",
            "events.yaml:42:9: error: people[2] (sandra-sandra-sandra-sandra-sandra-sandra-sandra-sandra-sandra-sandra-sandra-sandra-muller) id: is 90 characters long; keep ids to 80",
            "events.yaml:96:17: error: events[1] (2017-10-13-balancetonporc) people[0].person: unknown person 'sandra-muller'; add it to people first",
        ],
        id="overlong-id",
    ),
    pytest.param(
        edit(("    sources: [rtl-muller]\n  - id: 2017-10-15", "    sources: [le-parisien]\n  - id: 2017-10-15")),
        [
            "events.yaml:98:15: error: events[1] (2017-10-13-balancetonporc) sources[0]: unknown source 'le-parisien'; add it to sources first",
        ],
        id="dangling-reference",
    ),
    pytest.param(
        edit(("    sources: [rtl-muller]\n  - id: 2017-10-15", "    sources: []\n  - id: 2017-10-15")),
        [
            "events.yaml:98:14: error: events[1] (2017-10-13-balancetonporc) sources: needs at least 1 entry, got 0",
        ],
        id="unsourced-event",
    ),
    pytest.param(
        edit(
            ("        date: 2017-10-13\n        sources: [rtl-muller]", "        date: 2017-10-13\n        sources: []")
        ),
        [
            "events.yaml:31:18: error: movements[1] (balancetonporc) credits[0].sources: needs at least 1 entry, got 0",
        ],
        id="unsourced-credit",
    ),
    pytest.param(
        edit((URL, "    url: https://bit.ly/3xYzAb")),
        [
            "events.yaml:64:10: error: sources[2] (rtl-muller) url: 'https://bit.ly/3xYzAb' is a link shortener's address (bit.ly), not the page's; follow it and cite the canonical address, the one the publisher's own page gives",
        ],
        id="shortened-url",
    ),
    pytest.param(
        edit((URL, "    url: https://editor:hunter2@www.rtl.fr/example")),
        [
            "events.yaml:64:10: error: sources[2] (rtl-muller) url: 'https://…@www.rtl.fr/example' contains a user name or password; remove the part up to '@'",
        ],
        id="credentials-in-url",
    ),
    pytest.param(
        edit((URL, "    url: https://www.rtl.fr/an example")),
        [
            "events.yaml:64:10: error: sources[2] (rtl-muller) url: 'https://www.rtl.fr/an example' contains a space; write it as %20",
        ],
        id="space-in-url",
    ),
    pytest.param(
        edit((URL, "    url: https:///example")),
        [
            "events.yaml:64:10: error: sources[2] (rtl-muller) url: 'https:///example' has no host; expected https://host/path",
        ],
        id="empty-host",
    ),
    pytest.param(
        edit(("    public_figure: true\n  - id: sandra-muller", "  - id: sandra-muller")),
        [
            "events.yaml:38:9: error: people[1] (alyssa-milano) id: a private individual is named without consent; add 'consent' (date and note), mark 'public_figure: true' for a public figure, or leave the name out",
        ],
        id="private-without-consent",
    ),
    pytest.param(
        edit(
            (
                "      - person: sandra-muller\n        role: originator\n    sources",
                "      - person: sandra-muller\n        role: convicted\n    sources",
            )
        ),
        [
            "events.yaml:97:15: error: events[1] (2017-10-13-balancetonporc) people[0].role: records sandra-muller as convicted, but none of the event's sources is a court record or an official statement; cite one (a source with 'kind: court' or 'kind: official'), or use 'defendant'",
        ],
        id="convicted-without-court-source",
    ),
    pytest.param(
        edit(("    date: 2017-10-15\n    title", "    date: 2031-01-01\n    title")),
        [
            "events.yaml:100:11: error: events[2] (2017-10-15-milano-tweet) date: 2031-01-01 is in the future",
        ],
        id="future-date",
    ),
    pytest.param(
        edit(("    accessed: 2026-11-20", "    accessed: 2016-01-01")),
        [
            "events.yaml:60:15: error: sources[1] (wrap-milano) accessed: 2016-01-01 is before the source was published (2017-10)",
        ],
        id="accessed-before-published",
    ),
    pytest.param(
        edit(("    date: 2026-11-28\n    affects", "    date: 2016-11-28\n    affects")),
        [
            "events.yaml:119:11: error: corrections[0] (example-correction) date: 2016-11-28 is before wrap-milano, which it corrects, was published (2017-10)",
        ],
        id="correction-before-source",
    ),
    pytest.param(
        edit(("        role: amplifier\n        date: 2017-10-15\n", "        role: amplifier\n        date: 2005\n")),
        [
            "events.yaml:18:15: error: movements[0] (metoo) credits[1].date: the amplification (2005) is dated before the origin it amplifies (2006)",
        ],
        id="amplified-before-origin",
    ),
    pytest.param(
        edit(("    publisher: rtl\n", "    publsher: rtl\n")),
        [
            "events.yaml:61:5: error: sources[2] (rtl-muller): missing required key 'publisher'; expected the id of a publisher in publishers",
            "events.yaml:63:5: error: sources[2] (rtl-muller): unknown key 'publsher'; did you mean 'publisher'?",
        ],
        id="field-name-typo",
    ),
]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A docs folder as a contributor has it: hand-written pages and the pages of the last good build."""
    folder = tmp_path / "docs"
    (folder / "assets").mkdir(parents=True)
    (folder / "support.md").write_text("# Support\n", encoding="utf-8")
    (folder / "assets" / "site.css").write_text("body {}\n", encoding="utf-8")
    assert build(SMALL, folder).exit_code == 0
    return folder


def build(data: Path, docs: Path) -> Result:
    return CliRunner().invoke(main, ["build", "--data", str(data), "--docs", str(docs)])


def refused(data: Path, docs: Path) -> list[str]:
    """The problems `build` reports, after checking that it failed cleanly and changed nothing."""
    before = tree_digest(docs)
    result = build(data, docs)
    *problems, summary_line = result.stderr.splitlines()
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert re.fullmatch(rf"Error: {len(problems)} errors? in {re.escape(str(data))}; nothing was written", summary_line)
    assert tree_digest(docs) == before
    return problems


@pytest.mark.parametrize(("data", "expected"), THREATS)
def test_each_threat_is_refused_at_its_place_and_docs_stay_as_they_were(
    docs: Path, tmp_path: Path, data: bytes, expected: list[str]
) -> None:
    assert_refused_with(data, expected, docs, tmp_path)


def assert_refused_with(data: bytes, expected: list[str], docs: Path, folder: Path) -> None:
    """`build` refuses `data` (written to FOLDER/events.yaml) with `expected` first, and changes nothing."""
    events = folder / "events.yaml"
    events.write_bytes(data)
    problems = refused(events, docs)
    assert problems[: len(expected)] == [problem.replace("events.yaml", str(events), 1) for problem in expected]


def test_a_huge_file_is_refused_before_it_is_read(docs: Path, tmp_path: Path) -> None:
    events = tmp_path / "events.yaml"
    with events.open("wb") as file:
        file.truncate(257 * 1024 * 1024)  # sparse: no memory or disk is spent on it
    assert refused(events, docs) == [f"{events}:1:1: error: file is 269,484,032 bytes; the limit is 268,435,456"]


def test_a_data_file_that_is_a_symbolic_link_is_refused(docs: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.yaml").write_bytes(SMALL.read_bytes())
    events = tmp_path / "events.yaml"
    events.symlink_to(tmp_path / "elsewhere.yaml")
    assert refused(events, docs) == [f"{events}:1:1: error: the data file is a symbolic link; use a regular file"]


def test_a_byte_order_mark_is_read_as_the_same_data(tmp_path: Path) -> None:
    events = tmp_path / "events.yaml"
    events.write_bytes(b"\xef\xbb\xbf" + SMALL.read_bytes())
    assert load_dataset(events, "events.yaml") == load_dataset(SMALL, "events.yaml")


def test_a_conviction_sourced_to_a_court_record_is_accepted(tmp_path: Path) -> None:
    events = tmp_path / "events.yaml"
    events.write_bytes(
        edit(
            ("    publisher: rtl\n", "    publisher: rtl\n    kind: court\n"),
            (
                "        role: originator\n    sources: [rtl-muller]",
                "        role: convicted\n    sources: [rtl-muller]",
            ),
        )
    )
    assert load_dataset(events, "events.yaml").events[1].people[0].role == "convicted"


def test_ids_named_like_the_sites_own_pages_get_pages_of_their_own(tmp_path: Path) -> None:
    """Every record lives in its collection's folder, so no id can take the place of a hub page or another record."""
    text = TEXT
    for old, new in [("tarana-burke", "index"), ("alyssa-milano", "assets"), ("2017-10-15-milano-tweet", "search"),
                     ("metoo", "sitemap"), ("rtl-muller", "feed")]:  # fmt: skip
        text = text.replace(old, new)
    events = tmp_path / "events.yaml"
    events.write_text(text, encoding="utf-8")
    renamed = render_site(load_dataset(events, "events.yaml"))
    original = render_site(load_dataset(SMALL, "events.yaml"))
    assert len(renamed) == len(original)
    assert {"index.md", "people/index.md", "people/index/index.md", "events/search/index.md"} <= set(renamed)
    assert "# People" in renamed["people/index.md"]


# Legitimate one-line text that looks like markup, links, includes or templates: each must reach the
# reader as the very characters written, in the page, its head, its JSON-LD, its charts and its feed.
LOOKALIKES = {
    "title": "</script><script>alert(1)</script> {{ config }}",
    "name": '</title><img src=x onerror=alert(1)> "Sandra"',
    "description": '# [x](javascript:alert(1)) { onclick="alert(1)" }',
    "place": "<iframe src=//example.org></iframe> --- ",
    "source title": '--8<-- "README.md" {% include "x" %} & &amp; | cells |',
    "label": "<svg onload=alert(1)> `code` *stars*",
}


@pytest.fixture(scope="module")
def lookalike_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("lookalikes")
    data = edit(
        ('    title: "Alyssa Milano\'s tweet makes #MeToo go viral"', f"    title: '{LOOKALIKES['title']}'"),
        (NAME, f"    name: '{LOOKALIKES['name']}'\n"),
        ('    description: "French journalist who started #BalanceTonPorc."', f"    description: '{LOOKALIKES['description']}'"),
        ("    place: France", f"    place: '{LOOKALIKES['place']}'"),
        ('    title: "#BalanceTonPorc : « je pense que j\'ai brisé des chaînes »"', f"    title: '{LOOKALIKES['source title']}'"),
        ('        label: "uses of #MeToo on Twitter"', f"        label: '{LOOKALIKES['label']}'"),
        (SUMMARY, """summary: 'Milano asks: [reply](https://example.org/x "t\\" onclick=\\"alert(1)") &#60;script&#62;.'"""),
    )  # fmt: skip
    (project / "data.yaml").write_bytes(data)
    return build_site(copy_project(project, project / "data.yaml"))


def test_text_that_looks_like_markup_is_shown_as_written_and_runs_nothing(lookalike_site: Path) -> None:
    assert scan_site(lookalike_site) == []
    tweet = text_of(lookalike_site / "events" / "2017-10-15-milano-tweet" / "index.html")
    muller = text_of(lookalike_site / "people" / "sandra-muller" / "index.html")
    balance = text_of(lookalike_site / "events" / "2017-10-13-balancetonporc" / "index.html")
    assert LOOKALIKES["title"] in tweet and LOOKALIKES["label"] in tweet and "<script>." in tweet
    assert LOOKALIKES["name"] in muller and LOOKALIKES["description"] in muller
    head = (lookalike_site / "people" / "sandra-muller" / "index.html").read_text(encoding="utf-8")
    title = html.unescape(head[head.index("<title>") + 7 : head.index("</title>", head.index("<title>") + 7)])
    assert title.startswith(LOOKALIKES["name"] + " - ")
    assert LOOKALIKES["place"].strip() in balance and LOOKALIKES["source title"] in balance
