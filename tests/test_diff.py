"""The pull request's summary of a data change, as GitHub renders it: text from the data shows exactly as written,
and none of it becomes an image, a link, HTML, a mention, an issue reference or an emoji.

GitHub renders Markdown with cmark-gfm, here through its Python binding, with raw HTML let through as GitHub lets
it through to its sanitizer. Mentions, issue references and emoji GitHub adds afterwards, matching each text node
of the HTML: `github_patterns` stands in for those filters.
"""

from __future__ import annotations

import json
import re
import shutil
import string
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm  # type: ignore[import-untyped]
import pytest
from click.testing import CliRunner
from cmarkgfm.cmark import Options  # type: ignore[import-untyped]
from hypothesis import given
from hypothesis import strategies as st

from generator import gfm
from generator.cli import main

from .conftest import SMALL

HOSTILE = [
    "![x](https://evil.example/p.png)",
    "[click me](https://evil.example) [ref]: https://evil.example",
    "https://evil.example/x, www.evil.example and ftp://evil.example",
    "Write to a@evil.example or mailto:b@evil.example or xmpp:c@evil.example",
    "<sub>small</sub> <img src=x onerror=alert(1)> <details open><summary>s</summary>",
    "<!-- hidden --> <script>alert(1)</script> <https://evil.example>",
    "@octocat, @github/security and a@octocat",
    "Fixes #1, owner/repo#2, GH-3 and octocat/repo@a5c3785",
    "**bold** __strong__ *em* _em_ ~~gone~~ ~x~",
    "`code` and ``more code``",
    "a | b | c",
    "&lt; &amp; &#64; &#x40; &copy;",
    "# Heading",
    "> quote",
    "1. one",
    "- [ ] task",
    "a\\",
    ":+1: :smile:",
    "$x^2$ and $$y$$",
    "Line one\nline two  \r\nthree\rfour",
]
ALLOWED_SUMMARY_TAGS = {"h2", "p", "ul", "li", "strong", "code"}


class Rendered(HTMLParser):
    """The elements of rendered HTML, and its text as the text nodes GitHub's filters see; comments end a node."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.nodes: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.nodes.append(data)

    @property
    def text(self) -> str:
        """The visible text, without the line break that ends cmark's HTML."""
        return "".join(self.nodes).removesuffix("\n")


def render(markdown: str) -> Rendered:
    return Rendered(cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE))


def github_patterns(node: str) -> list[str]:
    """What GitHub would turn into a mention, an issue or commit reference or an emoji in one text node."""
    return re.findall(r"(?:^|\W)@\w|#\d|GH-\d|@[0-9a-f]{7}|:[\w+-]+:", node)


def one_line(value: str) -> str:
    return re.sub(r"\r\n?|\n", " ", value)


@pytest.mark.parametrize("value", HOSTILE)
def test_text_shows_as_written_and_is_nothing_but_text(value: str) -> None:
    rendered = render(gfm.text(value))
    assert rendered.tags == ["p"]
    assert rendered.text == one_line(value)
    assert all(not github_patterns(node) for node in rendered.nodes), rendered.nodes


def test_every_punctuation_character_ends_its_text_node() -> None:
    rendered = render(gfm.text(f"a{string.punctuation}b" * 2))
    assert rendered.text == f"a{string.punctuation}b" * 2
    assert all(not set(node[:-1]) & set(string.punctuation) for node in rendered.nodes), rendered.nodes


@given(st.text(st.characters(blacklist_categories=["Cc", "Cs"]) | st.sampled_from(string.punctuation + "\n\r")))
def test_any_text_shows_as_written(value: str) -> None:
    # A paragraph drops the spaces at its ends, and a line ending is a space.
    shown = one_line(value).strip(" ")
    rendered = render(gfm.text(shown))
    assert set(rendered.tags) <= {"p"}
    assert rendered.text == shown


@pytest.mark.parametrize(
    ("value", "markdown"),
    [
        ("2017-10-13-slug", "`2017-10-13-slug`"),
        ("a`b", "``a`b``"),
        ("`a``", "``` `a`` ```"),
        (" a ", "`  a  `"),
        ("  ", "`  `"),
        ("", ""),
    ],
)
def test_code_fences_past_every_backtick_run(value: str, markdown: str) -> None:
    assert gfm.code(value) == markdown


@pytest.mark.parametrize("value", [*HOSTILE, "`", "a ` b", " `x` "])
def test_code_shows_as_written(value: str) -> None:
    rendered = render(gfm.code(value))
    assert rendered.tags == ["p", "code"]
    assert rendered.text == one_line(value)


@given(st.text(st.characters(blacklist_categories=["Cc", "Cs"]) | st.sampled_from("` \n"), min_size=1))
def test_any_code_shows_as_written(value: str) -> None:
    rendered = render(gfm.code(value))
    assert rendered.tags == ["p", "code"]
    assert rendered.text == one_line(value)


def git(folder: Path, *args: str) -> None:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=folder, check=True, capture_output=True, timeout=60)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository whose last commit has the small dataset as events.yaml."""
    shutil.copy(SMALL, tmp_path / "events.yaml")
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    git(tmp_path, "add", "events.yaml")
    git(tmp_path, "commit", "--quiet", "--message", "Base")
    return tmp_path


def propose(repository: Path, value: str) -> None:
    """A pull request's change: `value` as a person's name, a movement's name and an event's title, and a new
    credit of that movement."""
    text = (repository / "events.yaml").read_text(encoding="utf-8")
    for old in ("name: Sandra Muller", 'name: "#BalanceTonPorc"', 'title: "Sandra Muller tweets #balancetonporc"'):
        text = text.replace(old, f"{old.split(':')[0]}: {json.dumps(value)}")
    credit = "      - person: alyssa-milano\n        role: amplifier\n        date: 2017-10-15\n        sources: [rtl-muller]\n"
    text = text.replace("        sources: [rtl-muller]\n\npeople:", f"        sources: [rtl-muller]\n{credit}\npeople:")
    (repository / "events.yaml").write_text(text, encoding="utf-8")


def summarise(repository: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(repository)
    result = CliRunner().invoke(main, ["diff", "HEAD"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("value", [value for value in HOSTILE if "\n" not in value and "\r" not in value])
def test_the_summary_shows_contributor_text_as_written(
    repository: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    propose(repository, value)
    rendered = render(summarise(repository, monkeypatch))
    assert set(rendered.tags) <= ALLOWED_SUMMARY_TAGS
    assert all(not github_patterns(node) for node in rendered.nodes), rendered.nodes
    lines = [line.strip() for line in rendered.text.splitlines() if line.strip()]
    assert lines == [
        "Credits",
        f"Added: Alyssa Milano as amplifier of {value} (2017-10-15)",
        "Movements",
        f"Changed: {value} (balancetonporc): name, credits",
        "Events",
        f"Changed: {value} (2017-10-13-balancetonporc): title",
        "People",
        f"Changed: {value} (sandra-muller): name",
    ]
