"""The gate for contributor Markdown: the text is parsed by the Markdown library the site is built with, with
every extension a site may enable, and the tree it becomes is checked at every depth. What a pattern could
miss (a reference definition inside a quote, a heading inside a list item) the tree shows.

Before parsing, two limits keep the parser in linear time and out of deep recursion: Python-Markdown looks
for the end of every unclosed '[' and every link's unclosed '(' to the end of the text (quadratic in a run
of them), and recurses once for every level of nested lists or quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown

from generator import urls

# The extensions the site's mkdocs.yml may enable (MkDocs always adds fenced_code, tables and toc), and those
# whose syntax would become markup if it did: a construct any of them reads as markup is refused, so enabling
# one later cannot make old text unsafe.
EXTENSIONS = ("abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "tables", "toc")
MAX_BRACKET_DEPTH = 3
MAX_NESTING = 4
MAX_TREE_DEPTH = 12
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "p": frozenset(), "em": frozenset(), "strong": frozenset(), "code": frozenset(), "br": frozenset(),
    "ul": frozenset(), "ol": frozenset({"start"}), "li": frozenset(), "blockquote": frozenset(),
    "a": frozenset({"href", "title"}),
}  # fmt: skip
REFUSED = {
    **{f"h{level}": "a heading; headings are made by the site, write paragraphs" for level in range(1, 7)},
    "img": "an image; images load from other hosts, link to the page instead",
    "table": "a table; tables are made by the site, write sentences or a list",
    "div": "an admonition or a block of HTML; notes and boxes are made by the site, write paragraphs",
    "details": "an admonition or a block of HTML; notes and boxes are made by the site, write paragraphs",
    "pre": "a code block (a line indented by four spaces or more, or a ``` fence); write text, with `code` inline",
    "hr": "a horizontal rule; write paragraphs",
    "dl": "a definition list (a line starting with ':'); write sentences or a list",
    "sup": "a footnote; cite sources in the event's 'sources'",
    "abbr": "an abbreviation definition; write the words out",
}
_CONTAINER = re.compile(r" {0,3}(?:>|[-+*][ \t]|[0-9]{1,9}[.)][ \t])[ \t]?")
_MARKUP = re.compile(r"[\[\]<>{}\\!|\n\r]|^[\s#>*+=:?_~-]|^[0-9]+[.)]")
_SQUARE_BRACKETS, _PARENTHESES = re.compile(r"[\[\]]"), re.compile(r"[()]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")  # shown as a character
_NUMBER_LIKE = re.compile(r"\W*[0-9]+\W*")
_PARSER = markdown.Markdown(extensions=list(EXTENSIONS))


class Refused(ValueError):
    """What in the text would become markup the site does not allow, and what to write instead."""


def check(text: str) -> None:
    """Refuses, with the reason and the fix, Markdown that would be slow to build or become more than
    paragraphs, emphasis, lists, quotes, code and https links."""
    if _cannot_be_markup(text):
        return
    _check_limits(text)
    try:
        html = _PARSER.reset().convert(text)
    except RecursionError:
        raise Refused(f"nests lists, quotes or emphasis too deeply; keep to {MAX_NESTING} levels") from None
    if raw := [block for block in map(str, _PARSER.htmlStash.rawHtmlBlocks) if not _ENTITY.fullmatch(block)]:
        if raw[0].startswith("<pre"):  # fenced_code keeps its block there; the tree shows it as a code block
            raise Refused(f"contains {REFUSED['pre']}")
        raise Refused(f"contains raw HTML ('{raw[0][:20]}'); write plain Markdown")
    if references := getattr(_PARSER, "references", {}):
        label = next(iter(references))
        raise Refused(f"defines a link reference ('[{label}]: ...'); write the link in place, as [text](https://...)")
    _check_tree(html)


def _cannot_be_markup(text: str) -> bool:
    """One line with none of the characters that start a link, an element, an attribute list or an escape,
    no block marker at its start and too little emphasis to nest deeply: it parses to one paragraph of
    text and emphasis, so parsing it would only confirm that (most summaries, at a tenth of the cost)."""
    return not _MARKUP.search(text) and text.count("*") + text.count("_") < MAX_TREE_DEPTH


def _check_limits(text: str) -> None:
    for brackets, name in ((_SQUARE_BRACKETS, "square brackets"), (_PARENTHESES, "parentheses")):
        if (deepest := _deepest(text, brackets)) > MAX_BRACKET_DEPTH:
            raise Refused(f"has {name} nested {deepest} deep; keep to {MAX_BRACKET_DEPTH}")
    for line in text.split("\n"):
        if (levels := _nesting(line)) > MAX_NESTING:
            raise Refused(f"nests lists or quotes {levels} deep in one line; keep to {MAX_NESTING} levels")


def _deepest(text: str, brackets: re.Pattern[str]) -> int:
    """How deep brackets nest; one left open counts as nested, since the parser looks for its end. Only the
    brackets are visited, found in C: the text between them costs nothing."""
    depth = deepest = 0
    for bracket in brackets.findall(text):
        if bracket in "[(":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(depth - 1, 0)
    return deepest


def _nesting(line: str) -> int:
    """How many list items and quotes a line opens, and how deep its indentation puts it."""
    indent = len(line) - len(line.lstrip(" \t"))
    levels, position = indent // 2, 0
    while match := _CONTAINER.match(line, position):
        levels += 1
        position = match.end()
    return levels


def _check_tree(html: str) -> None:
    scan = _Scan()
    scan.feed(html)
    scan.close()
    if scan.problem:
        raise Refused(scan.problem)


@dataclass
class _Element:
    tag: str
    href: str | None = None
    text: list[str] = field(default_factory=list)


class _Scan(HTMLParser):
    """Walks the parsed text's HTML and keeps the first thing the site does not allow."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[_Element] = []
        self.problem = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(_Element(tag))
        if self.problem:
            return
        if tag not in ALLOWED_ATTRIBUTES:
            self.problem = f"contains {REFUSED.get(tag, 'raw HTML')}"
        elif extra := sorted(name for name, _ in attrs if name not in ALLOWED_ATTRIBUTES[tag]):
            self.problem = f"gives '{tag}' the attribute '{extra[0]}' (an attribute list, {{...}}); remove it"
        elif len(self.open) > MAX_TREE_DEPTH:
            self.problem = f"nests lists, quotes or emphasis too deeply; keep to {MAX_NESTING} levels"
        elif tag == "a":
            self.open[-1].href = dict(attrs).get("href") or ""
            if urls.url_problem(self.open[-1].href or ""):
                self.problem = f"links to '{urls.shown(self.open[-1].href or '')}'; links must be absolute https URLs"

    def handle_endtag(self, tag: str) -> None:
        if not self.open:
            return
        element = self.open.pop()
        text = "".join(element.text).strip()
        if element.tag == "a" and not self.problem and _NUMBER_LIKE.fullmatch(text):
            self.problem = (
                f"links the text '{text}', which looks like one of the page's numbered sources; link words instead"
            )
        if self.open:
            self.open[-1].text.append("".join(element.text))

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1].text.append(data)
