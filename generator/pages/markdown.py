"""Markdown: contributor text made inert, links between pages, numbered pages, and a page's front matter."""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from generator.dates import PartialDate
from generator.model import Figure

GENERATED = "<!-- Generated from events.yaml by `python -m generator build`; edit events.yaml, not this file. -->"
PAGE_SIZE = 100  # entries on one page of a long list; larger lists continue on numbered pages
T = TypeVar("T")
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]>])")
_LINE_START = re.compile(r"^(#|[-+]|\d+[.)])")
_NOT_YAML_PRINTABLE = re.compile("[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029]")


@functools.lru_cache(maxsize=1 << 16)  # names and titles recur on many pages
def plain(text: str) -> str:
    """Contributor text as inert Markdown: shown exactly as written, never as markup or HTML."""
    escaped = _INLINE_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))
    return _LINE_START.sub(lambda match: match.group(0)[:-1] + "\\" + match.group(0)[-1], escaped)


def cell(text: str) -> str:
    """Markdown for a table cell: pipes would end the cell."""
    return text.replace("|", "\\|")


def when(date: PartialDate, approximate: bool = False) -> str:
    return f"about {date}" if approximate else str(date)


def figure_words(figure: Figure) -> str:
    """'More than 200,000 uses of #MeToo on Twitter', as text (escape it for the format it goes into)."""
    text = f"{figure.value:,} {figure.label}"
    return text if figure.qualifier == "exactly" else f"{figure.qualifier.capitalize()} {text}"


def figure_text(figure: Figure) -> str:
    """The figure's words as inert Markdown."""
    return plain(figure_words(figure))


def event_page(event_id: str) -> str:
    return f"events/{event_id}/index.md"


def person_page(person_id: str) -> str:
    return f"people/{person_id}/index.md"


def movement_page(movement_id: str) -> str:
    return f"movements/{movement_id}/index.md"


def year_page(year: int) -> str:
    return f"timeline/{year}/index.md"


def numbered(first: str, number: int) -> str:
    """Page `number` of a long list whose first page is `first` (an index.md): `people/page-2/index.md`."""
    return first if number == 1 else posixpath.join(posixpath.dirname(first), f"page-{number}", "index.md")


def split(entries: Iterable[T], weight: Callable[[T], int] = lambda _: 1) -> list[list[T]]:
    """A long list in pages of at most PAGE_SIZE (entries, or rows of weighted entries): a page's size, and
    the time to build it, stay the same however large the history grows."""
    chunks: list[list[T]] = [[]]
    load = 0
    for entry in entries:
        if chunks[-1] and load + weight(entry) > PAGE_SIZE:
            chunks.append([])
            load = 0
        chunks[-1].append(entry)
        load += weight(entry)
    return chunks


def page_steps(first: str, number: int, count: int, here: str) -> list[str]:
    """ "Page 2 of 7 · ← Page 1 · Page 3 →" for a list that takes several pages; nothing for one page."""
    if count == 1:
        return []
    steps = [f"Page {number} of {count}"]
    if number > 1:
        steps.append(link(f"← Page {number - 1}", here, numbered(first, number - 1)))
    if number < count:
        steps.append(link(f"Page {number + 1} →", here, numbered(first, number + 1)))
    return [" · ".join(steps), ""]


def numbered_pages(first: str, chunks: list[list[T]]) -> Iterator[tuple[int, str, list[str], list[T]]]:
    """Each page of a long list: its number, its path, its steps to the pages around it, and its entries."""
    for number, chunk in enumerate(chunks, start=1):
        here = numbered(first, number)
        yield number, here, page_steps(first, number, len(chunks), here), chunk


def numbered_title(title: str, number: int) -> str:
    return title if number == 1 else f"{title}, page {number}"


def relative(target: str, folder: str) -> str:
    """posixpath.relpath for the clean paths of docs/ (no '..', no '.'), without its file-system calls:
    at 10,000 events the pages hold half a million links."""
    target_parts, folder_parts = (target.split("/") if target else []), (folder.split("/") if folder else [])
    common = 0
    for mine, theirs in zip(target_parts, folder_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(folder_parts) - common) + target_parts[common:]) or "."


def folder_of(path: str) -> str:
    """posixpath.dirname, for the clean paths of docs/, at a fraction of its cost (a million calls at 30,000 events)."""
    return path.rpartition("/")[0]


def link(text: str, here: str, target: str, anchor: str = "") -> str:
    """A Markdown link from page `here` to page `target` (and a heading's `anchor` on it), both relative to docs/."""
    return f"[{text}]({relative(target, folder_of(here))}{'#' + anchor if anchor else ''})"


def join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def heading(title: str, intro: str) -> list[str]:
    """The start of every generated page: the title (first, so MkDocs takes it as the page's title), the
    marker, one line of introduction."""
    return [f"# {title}", "", GENERATED, "", intro, ""]


def page(
    lines: Iterable[str], graph: list[dict[str, object]] | None = None, boost: int = 0, description: str = ""
) -> str:
    """A page's Markdown, with in its front matter: its description (for search engines and shared links),
    its weight in search (so that a name finds its person's page first) and its schema.org JSON-LD."""
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines).strip("\n") + "\n")
    # The theme writes the description into an attribute as it is: it must arrive escaped.
    front = [f"description: {_yaml_string(html.escape(description))}"] if description else []
    front += [f"search:\n  boost: {boost}"] if boost else []
    if graph:  # as data, in JSON's flow form (YAML reads it); the theme writes it out once, with `tojson`
        data = json.dumps(
            {"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False, separators=(",", ":")
        )
        front.append(f"jsonld: {_yaml_printable(data)}")
    return "---\n" + "\n".join(front) + "\n---\n\n" + text if front else text


def _yaml_string(text: str) -> str:
    """A double-quoted YAML string."""
    return _yaml_printable(json.dumps(text, ensure_ascii=False))


def _yaml_printable(json_text: str) -> str:
    """JSON as YAML reads it: JSON's escapes are YAML's, except that YAML cannot read a character beyond U+FFFF
    written as two escaped halves (JSON's way), so such characters stay as they are, and those YAML may not
    hold as they are (controls, line separators) are escaped; they only ever stand inside strings."""
    return _NOT_YAML_PRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", json_text)


def summary_line(markdown: str, limit: int = 200) -> str:
    """The first sentence of a Markdown summary as plain text, for a page's description."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = " ".join(re.sub(r"[*_`]", "", text).split())
    sentences = re.split(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z\"“])", text)  # not after "M.J."
    sentence = sentences[0]
    for following in sentences[1:]:
        if len(sentence) >= 60:
            break
        sentence = f"{sentence} {following}"  # "me too. International ..." is no sentence of its own
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def url(here: str, target: str) -> str:
    """The URL of page `target` relative to page `here`, as MkDocs publishes them (folder URLs)."""
    path = relative(folder_of(target), folder_of(here))
    return "./" if path == "." else f"{path}/"
