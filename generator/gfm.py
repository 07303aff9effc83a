"""GitHub-flavoured Markdown, as GitHub renders a pull request's job summary: any text as inline Markdown that
shows exactly as written, never as markup, HTML, a link, a mention, an issue reference or an emoji. Pure.

Not for the site's pages: they are Python-Markdown, another dialect (`render.plain`).
"""

from __future__ import annotations

import re
import string

# No backslash stops these two: an entity reference, and the start of raw HTML.
_REFERENCES = {"&": "&amp;", "<": "&lt;"}
# GitHub finds mentions (@user), issue references (#1, GH-1), emoji (:name:) and custom autolinks in the rendered
# HTML's text, where the backslashes are gone, and the autolink extension finds e-mail addresses through
# backslashes too. Each of those patterns needs punctuation inside one text node, and an empty comment ends the
# text node; a browser shows nothing for it.
_END_OF_TEXT_NODE = "<!-- -->"
_LINE_ENDING = re.compile(r"\r\n?|\n")
_BACKTICKS = re.compile(r"`+")


def text(value: str) -> str:
    """Inline text: each ASCII punctuation character escaped and ending its text node; line endings as spaces."""
    return "".join(map(_character, _LINE_ENDING.sub(" ", value)))


def code(value: str) -> str:
    """A code span, where nothing is markup, nothing is linked and a backslash is itself: only backticks, edges
    and line endings need care. Not for a table cell, where a pipe would still end the cell."""
    value = _LINE_ENDING.sub(" ", value)
    if not value:
        return ""
    fence = "`" * (max(map(len, _BACKTICKS.findall(value)), default=0) + 1)
    return f"{fence}{_padding(value)}{value}{_padding(value)}{fence}"


def _character(character: str) -> str:
    if character not in string.punctuation:  # exactly CommonMark's ASCII punctuation
        return character
    return _REFERENCES.get(character, f"\\{character}") + _END_OF_TEXT_NODE


def _padding(value: str) -> str:
    """A space inside each fence when the value begins or ends with a backtick, or has a space at both ends,
    which the parser would strip."""
    edge_backtick = value.startswith("`") or value.endswith("`")
    spaced = value.startswith(" ") and value.endswith(" ") and value.strip(" ") != ""
    return " " if edge_backtick or spaced else ""
