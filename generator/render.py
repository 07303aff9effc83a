"""Render: the validated model into Markdown pages, as {path under docs/: text}. Pure: no I/O."""

from __future__ import annotations

import dataclasses
import datetime
import functools
import html
import json
import posixpath
import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Mapping as MappingType
from itertools import groupby
from typing import TypeVar
from xml.etree import ElementTree

from generator import charts, model
from generator.attribution import AttributionChecker, CreditIndex, cited_claims
from generator.dates import PartialDate
from generator.model import CREDIT_ROLES, LANGUAGES, Correction, Dataset, Event, Figure, Movement, Person, Source
from generator.schema import is_required, kind_of
from generator.urls import markdown_link

GENERATED = "<!-- Generated from events.yaml by `python -m generator build`; edit events.yaml, not this file. -->"
PAGE_SIZE = 100  # entries on one page of a long list; larger lists continue on numbered pages
SEARCH_BOOST = 5  # a person's or a movement's own page ranks above the events that mention it
ROLE_VERBS = {"originator": "Originated by", "amplifier": "Amplified by"}
SUPPORT = (
    "If this history brings up something difficult, support is available. In the United States, "
    "RAINN's National Sexual Assault Hotline is free, confidential and open 24/7: **800-656-HOPE (4673)**."
)

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


def figure_text(figure: Figure) -> str:
    """'More than 200,000 uses of #MeToo on Twitter'."""
    text = f"{figure.value:,} {figure.label}"
    if figure.qualifier != "exactly":
        text = f"{figure.qualifier.capitalize()} {text}"
    return plain(text)


class Site:
    """Lookups over the dataset, built once, and the page paths every page links by."""

    def __init__(self, data: Dataset, edit_urls: MappingType[str, str] | None = None) -> None:
        self.data = data
        self.edit_urls = edit_urls or {}
        self.main = data.movements[0]
        self.people = {person.id: person for person in data.people}
        self.sources = {source.id: source for source in data.sources}
        self.publishers = {publisher.id: publisher for publisher in data.publishers}
        self.movements = {movement.id: movement for movement in data.movements}
        self.events = sorted(data.events, key=lambda event: (event.date, event.id))
        self.corrections = sorted(
            data.corrections, key=lambda correction: (correction.date, correction.id), reverse=True
        )
        self.events_of: dict[str, list[Event]] = defaultdict(list)
        self.events_with: dict[str, list[Event]] = defaultdict(list)
        self.citing: dict[str, list[Event]] = defaultdict(list)
        for event in self.events:
            for movement_id in event.movements:
                self.events_of[movement_id].append(event)
            for person_id in dict.fromkeys(participant.person for participant in event.people):
                self.events_with[person_id].append(event)
            for source_id in event_sources(event):
                self.citing[source_id].append(event)
        self.titles = (
            {e.id: e.title for e in data.events}
            | {m.id: m.name for m in data.movements}
            | {p.id: p.name for p in data.people}
        )
        self.pages = {e.id: event_page(e.id) for e in data.events} | {m.id: movement_page(m.id) for m in data.movements}
        self.pages |= {p.id: person_page(p.id) for p in data.people}
        self.notes = citation_notes(data)
        self.corrections_of: dict[str, list[Correction]] = defaultdict(list)
        for correction in self.corrections:
            for record_id in correction.affects.ids():
                self.corrections_of[record_id].append(correction)
        # Each year's events in pages, and the page that lists each event (its event page links back to it).
        self.years = {year: split(events) for year, events in groupby(self.events, key=lambda event: event.date.year)}
        self.listed_on = {
            event.id: numbered(year_page(year), number)
            for year, chunks in self.years.items()
            for number, chunk in enumerate(chunks, start=1)
            for event in chunk
        }
        self.credited: dict[str, list[tuple[Movement, model.Credit]]] = defaultdict(list)
        for movement in data.movements:
            for credit in ordered_credits(movement):
                self.credited[credit.person].append((movement, credit))

    def credits_of(self, person_id: str) -> list[tuple[Movement, model.Credit]]:
        return self.credited.get(person_id, [])

    def publisher_of(self, source_id: str) -> model.Publisher:
        return self.publishers[self.sources[source_id].publisher]


def citation_notes(data: Dataset) -> dict[str, list[str]]:
    """The calm note for each marked source, from the same reading of its words the validator made."""
    checker, credits = AttributionChecker(data.movements, data.people), CreditIndex(data)
    notes: dict[str, list[str]] = defaultdict(list)
    for source in (source for source in data.sources if source.misattributes):
        claims = [claim for found in cited_claims(checker, source).values() for claim in found]
        notes[source.id] = list(dict.fromkeys(credits.note(claim) for claim in claims))
    return notes


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


def ordered_credits(movement: Movement) -> list[model.Credit]:
    return sorted(movement.credits, key=lambda credit: (CREDIT_ROLES.index(credit.role), credit.date))


def event_sources(event: Event) -> list[str]:
    """The sources an event cites, numbered in order of first mention."""
    ids = list(event.sources) + [figure.source for figure in event.figures]
    ids += [
        source for dispute in event.disputed for alternative in dispute.alternatives for source in alternative.sources
    ]
    return list(dict.fromkeys(ids))


def credit_line(site: Site, movement: Movement, here: str) -> str:
    """'Originated by Tarana Burke, 2006 · Amplified by Alyssa Milano, 15 October 2017 · Sources': the one
    place a movement's credits are put into words, originators first."""
    parts = []
    for role, credits in groupby(ordered_credits(movement), key=lambda credit: credit.role):
        group = list(credits)
        names = [credited_name(site, credit, here) for credit in group]
        if len({credit.date for credit in group}) == 1:
            parts.append(f"{ROLE_VERBS[role]} {join(names)}, {group[0].date}")
        else:
            parts.append(
                f"{ROLE_VERBS[role]} " + "; ".join(f"{name}, {c.date}" for name, c in zip(names, group, strict=True))
            )
    sources = link("Sources", here, movement_page(movement.id), "credits")
    return " · ".join([*parts, sources])


def credited_name(site: Site, credit: model.Credit, here: str) -> str:
    name = link(plain(site.people[credit.person].name), here, person_page(credit.person))
    return f"{name} (disputed)" if credit.disputed else name


def join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def citation(site: Site, source: Source, rated: bool = True) -> str:
    """A bibliography entry: publisher (with its rating, unless a heading above gives it), title, date,
    language, link and archived copy, and the note on a citation that misattributes credit."""
    language = f" (in {LANGUAGES[source.language]})" if source.language else ""
    published = str(source.published) if source.published else "n.d."
    links = markdown_link("Read the source", source.url)
    if source.archive_url:
        links += " · " + markdown_link("archived copy", source.archive_url)
    accessed = f" Accessed {source.accessed}." if source.accessed else ""
    notes = "".join(f" *{plain(note)}*" for note in site.notes[source.id])
    notes += "".join(f" *Correction, {c.date}: {plain(c.right)}*" for c in site.corrections_of[source.id])
    quote = f" Quoted: “{plain(source.quote)}”." if source.quote else ""
    publisher = site.publisher_of(source.id)
    badge = f" {rating_badge(publisher)}" if rated else ""
    return f"{plain(publisher.name)}{badge}, “{plain(source.title)}”{language}, {published.removesuffix('.')}.{quote} {links}.{accessed}{notes}"


def rating_badge(publisher: model.Publisher) -> str:
    """The publisher's rating as a small label, in words (not colour alone); the rating is one of the model's
    fixed words, never text from the data, so it can stand in the HTML as it is."""
    return f'<span class="rating rating-{publisher.rating}">{publisher.rating}</span>'


def source_ref(number: int, source: Source) -> str:
    return markdown_link(f"\\[{number}\\]", source.url)


# Words in an event's own text that mean its page tells of sexual violence; a note too many is better
# than one missing.
_VIOLENCE = re.compile(
    r"\b(rap(e|ed|es|ing)|assault\w*|abus\w*|harass\w*|grop\w*|misconduct|accus\w*|allegation\w*|violence)\b", re.I
)


def describes_violence(event: Event) -> bool:
    """Whether an event's own words describe sexual violence, so its page opens with a content note."""
    return bool(_VIOLENCE.search(f"{event.title} {event.summary}"))


def content_note(here: str) -> list[str]:
    support = link("Support is available", here, "support.md")
    return ['!!! info "Content note"', "", f"    This page describes sexual violence. {support}.", ""]


def bibtex_text(text: str) -> str:
    """Text for a BibTeX field: the characters TeX reads as commands are escaped."""
    return re.sub(r"([\\{}&%$#_^~])", r"\\\1", text)


def correction_notice(correction: Correction, here: str) -> list[str]:
    return [
        f'!!! warning "Correction, {correction.date}"',
        "",
        f"    **What was wrong:** {plain(correction.wrong)}",
        "",
        f"    **What is right:** {plain(correction.right)}",
        "",
        f"    {link('All corrections', here, 'corrections/index.md')}",
        "",
    ]


def heading(title: str, intro: str) -> list[str]:
    """The start of every generated page: the title (first, so MkDocs takes it as the page's title), the
    marker, one line of introduction."""
    return [f"# {title}", "", GENERATED, "", intro, ""]


def event_item(event: Event, here: str, suffix: str = "") -> str:
    return f"- {when(event.date, event.approximate)}: {link(plain(event.title), here, event_page(event.id))}{suffix}"


def source_refs(site: Site, source_ids: Iterable[str]) -> str:
    return " ".join(source_ref(number, site.sources[source]) for number, source in enumerate(source_ids, start=1))


def page(
    lines: Iterable[str], graph: list[dict[str, object]] | None = None, boost: int = 0, description: str = ""
) -> str:
    """A page's Markdown, with in its front matter: its description (for search engines and shared links),
    its weight in search (so that a name finds its person's page first) and its schema.org JSON-LD."""
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines).strip("\n") + "\n")
    # The theme writes the description into an attribute as it is: it must arrive escaped.
    front = [f"description: {_yaml_string(html.escape(description))}"] if description else []
    front += [f"search:\n  boost: {boost}"] if boost else []
    if graph:
        data = json.dumps(
            {"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False, separators=(",", ":")
        )
        for character, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):  # safe inside <script>
            data = data.replace(character, escape)
        front.append(f"jsonld: {_yaml_string(data)}")
    return "---\n" + "\n".join(front) + "\n---\n\n" + text if front else text


def _yaml_string(text: str) -> str:
    """A double-quoted YAML string. JSON's escapes are YAML's, except that YAML cannot read a character beyond
    U+FFFF written as two escaped halves (JSON's way), so such characters stay as they are."""
    return _NOT_YAML_PRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", json.dumps(text, ensure_ascii=False))


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


def movement_node(movement: Movement, here: str) -> dict[str, object]:
    node: dict[str, object] = {
        "@type": "Organization",
        "@id": url(here, movement_page(movement.id)),
        "name": movement.name,
    }
    return node | ({"alternateName": list(movement.hashtags)} if movement.hashtags else {})


def person_node(site: Site, person_id: str, here: str) -> dict[str, object]:
    """A person, with each credit as a Role: roleName originator or amplifier, from its date."""
    person = site.people[person_id]
    roles = [
        {
            "@type": "OrganizationRole",
            "roleName": credit.role,
            "startDate": credit.date.iso(),
            "memberOf": {"@id": url(here, movement_page(movement.id))},
        }
        for movement, credit in site.credits_of(person_id)
    ]
    node: dict[str, object] = {
        "@type": "Organization" if person.group else "Person",
        "@id": url(here, person_page(person_id)),
        "name": person.name,
        "description": person.description,
    }
    return node | ({"memberOf": roles} if roles else {})


def credit_graph(site: Site, movements: Iterable[Movement], here: str) -> list[dict[str, object]]:
    """The movements and everyone credited with them."""
    movements = list(movements)
    people = dict.fromkeys(credit.person for movement in movements for credit in ordered_credits(movement))
    return [movement_node(movement, here) for movement in movements] + [
        person_node(site, person, here) for person in people
    ]


def render_home(site: Site) -> str:
    here = "index.md"
    main = site.main
    lines = [f"# {plain(main.name)}: a sourced history", "", GENERATED, ""]
    lines += [f"**{credit_line(site, main, here)}**", "", main.summary, ""]
    lines += home_milestones(site, here) + home_figures(site, here) + home_related(site, here)
    lines += home_corrections(site, here)
    lines += ["## Support", "", SUPPORT, link("More support resources", here, "support.md") + "."]
    return page(lines, credit_graph(site, [main], here), description=summary_line(main.summary))


def home_milestones(site: Site, here: str) -> list[str]:
    milestones = [event for event in site.events if "milestone" in event.tags]
    if not milestones:
        return []
    items = [f"- **{when(e.date, e.approximate)}**: {link(plain(e.title), here, event_page(e.id))}" for e in milestones]
    timeline = f"Every event, year by year, is on the {link('timeline', here, 'timeline/index.md')}."
    return ["## The story in brief", "", *items, "", timeline, ""]


def home_figures(site: Site, here: str) -> list[str]:
    highlights = sorted(
        (
            (figure.as_of, event.id, event, figure)
            for event in site.events
            for figure in event.figures
            if figure.highlight
        ),
        key=lambda entry: entry[:2],
    )
    if not highlights:
        return []
    lines = ["## Key figures", "", "| Figure | As of | Source |", "| --- | --- | --- |"]
    for _, _, event, figure in highlights:
        source = link(plain(site.publisher_of(figure.source).name), here, event_page(event.id))
        lines.append(f"| {cell(figure_text(figure))} | {figure.as_of} | {cell(source)} |")
    return [
        *lines,
        "",
        "Counts differ between sources and grew by the hour; each is given with the date it was taken.",
        "",
    ]


def home_related(site: Site, here: str) -> list[str]:
    related = site.data.movements[1:]
    if not related:
        return []
    items = [f"- {link(plain(m.name), here, movement_page(m.id))}: {credit_line(site, m, here)}" for m in related]
    return ["## Related movements", "", *items, ""]


def home_corrections(site: Site, here: str) -> list[str]:
    if not site.corrections:
        return []
    items = [f"- **{correction.date}**: {plain(correction.right)}" for correction in site.corrections[:3]]
    return [
        "## Latest corrections",
        "",
        *items,
        "",
        f"How the record was corrected: {link('all corrections', here, 'corrections/index.md')}.",
        "",
    ]


def render_timeline(site: Site) -> str:
    """Every event by year; when there are more than fit a page, each year with its count and milestones."""
    here = "timeline/index.md"
    first, last = site.events[0].date.year, site.events[-1].date.year
    intro = f"{len(site.events)} events from {first} to {last}, each with its sources. Each year has a page of its own."
    lines = heading("Timeline", intro)
    whole = len(site.events) <= PAGE_SIZE
    for year, grouped in groupby(site.events, key=lambda event: event.date.year):
        events = list(grouped)
        if whole:
            lines += [f"## {link(str(year), here, year_page(year))}", "", *timeline(site, events, here)]
            continue
        count = f"{len(events)} event{'s' if len(events) > 1 else ''}"
        milestones = [event_item(event, here) for event in events if "milestone" in event.tags]
        lines += [
            f"## {link(str(year), here, year_page(year))}",
            "",
            count + (", among them:" if milestones else "."),
            "",
        ]
        lines += [*milestones, ""] if milestones else []
    return page(lines)


def render_year(site: Site, year: int) -> dict[str, str]:
    years = list(site.years)
    position = years.index(year)
    pages = {}
    for number, here, steps, chunk in numbered_pages(year_page(year), site.years[year]):
        around = [link(f"← {years[position - 1]}", here, year_page(years[position - 1]))] if position else []
        around.append(link("All years", here, "timeline/index.md"))
        if position + 1 < len(years):
            around.append(link(f"{years[position + 1]} →", here, year_page(years[position + 1])))
        lines = heading(numbered_title(str(year), number), " · ".join(around)) + steps
        pages[here] = page(lines + timeline(site, chunk, here, with_summaries=True) + steps)
    return pages


def timeline(site: Site, events: list[Event], here: str, with_summaries: bool = False) -> list[str]:
    """Events along a vertical time axis, each with its date at its precision, its title, its movements
    and its people. Plain HTML and CSS, so it reads without JavaScript and prints; the Markdown inside
    each entry stays Markdown, so its links are checked like any other."""
    lines = ['<div class="timeline" markdown="1">', ""]
    for event in events:
        movements = ", ".join(link(plain(site.movements[m].name), here, movement_page(m)) for m in event.movements)
        people = ", ".join(
            f"{link(plain(site.people[p.person].name), here, person_page(p.person))} ({p.role})" for p in event.people
        )
        roles = " ".join(sorted({p.role for p in event.people}))
        data = f'data-movements="{" ".join(event.movements)}" data-tags="{" ".join(event.tags)}" data-roles="{roles}"'
        lines += [f'<div class="timeline__event" {data} markdown="1">', ""]
        lines += [
            f'<time class="timeline__date" datetime="{event.date.iso()}">{when(event.date, event.approximate)}</time>',
            "",
        ]
        lines += [f"**{link(plain(event.title), here, event_page(event.id))}**", ""]
        lines += [" · ".join(part for part in (movements, people) if part), ""]
        lines += [event.summary, ""] if with_summaries else []
        lines += ["</div>", ""]
    return [*lines, "</div>", ""]


def render_event(site: Site, event: Event, previous: Event | None, following: Event | None) -> str:
    here = event_page(event.id)
    node: dict[str, object] = {"@type": "Event", "@id": "./", "name": event.title, "startDate": event.date.iso()}
    node["about"] = [{"@id": url(here, movement_page(movement))} for movement in event.movements]
    node |= {"location": {"@type": "Place", "name": event.place}} if event.place else {}
    graph = [node, *credit_graph(site, (site.movements[movement] for movement in event.movements), here)]
    description = f"{when(event.date, event.approximate)}: {summary_line(event.summary)}"
    return page(EventPage(site, event).lines(previous, following), graph, description=description)


class EventPage:
    """One event's page, section by section; its sources are numbered in order of first mention."""

    def __init__(self, site: Site, event: Event) -> None:
        self.site = site
        self.event = event
        self.here = event_page(event.id)
        self.numbers = {source_id: number for number, source_id in enumerate(event_sources(event), start=1)}

    def lines(self, previous: Event | None, following: Event | None) -> list[str]:
        lines = [f"# {plain(self.event.title)}", "", GENERATED, ""]
        lines += content_note(self.here) if describes_violence(self.event) else []
        for correction in self.site.corrections_of[self.event.id]:
            lines += correction_notice(correction, self.here)
        lines += self.opening() + self.people() + self.figures() + self.disputes() + self.sources()
        return lines + self.citation() + self.steps(previous, following)

    def citation(self) -> list[str]:
        """ "Cite this page": a reference and BibTeX. The address is the page's own, relative here; the
        site's script completes it in the reader's browser, since the generator does not know the host."""
        work = f"{self.site.main.name}: a sourced history"
        address = url("index.md", self.here)
        when_text = when(self.event.date, self.event.approximate)
        reference = (
            f'{plain(work)}. “{plain(self.event.title)}.” Event of {when_text}. <span class="cite-url">{address}</span>'
        )
        bibtex = [
            f"@misc{{{self.site.main.id}-history-{self.event.id},",
            f"  title = {{{bibtex_text(self.event.title)}}},",
            f"  author = {{{{{bibtex_text(work)}}}}},",
            f"  howpublished = {{\\url{{{address}}}}},",
            f"  note = {{Event of {when_text}}},",
            "}",
        ]
        return ["## Cite this page", "", reference, "", "```bibtex", *bibtex, "```", ""]

    def ref(self, source_id: str) -> str:
        return source_ref(self.numbers[source_id], self.site.sources[source_id])

    def movement_link(self, movement_id: str) -> str:
        return link(plain(self.site.movements[movement_id].name), self.here, movement_page(movement_id))

    def opening(self) -> list[str]:
        event = self.event
        facts = [f"**{when(event.date, event.approximate)}**", *([plain(event.place)] if event.place else [])]
        facts.append(", ".join(self.movement_link(movement) for movement in event.movements))
        sources = "Sources: " + " ".join(self.ref(source) for source in event.sources)
        credits = [
            f"*{plain(self.site.movements[m].name)}:* {credit_line(self.site, self.site.movements[m], self.here)}  "
            for m in event.movements
        ]
        return [" · ".join(facts), "", event.summary, "", sources, "", *credits, ""]

    def people(self) -> list[str]:
        if not self.event.people:
            return []
        lines = ["## People", ""]
        for participant in self.event.people:
            name = link(plain(self.site.people[participant.person].name), self.here, person_page(participant.person))
            note = f": {plain(participant.note)}" if participant.note else ""
            lines.append(f"- {name}, {participant.role}{note}")
        return [*lines, ""]

    def figures(self) -> list[str]:
        if not self.event.figures:
            return []
        lines = ["## Figures", "", "| Figure | As of | Source |", "| --- | --- | --- |"]
        for figure in self.event.figures:
            note = f" ({plain(figure.note)})" if figure.note else ""
            lines.append(f"| {cell(figure_text(figure) + note)} | {figure.as_of} | {cell(self.ref(figure.source))} |")
        return [*lines, ""]

    def disputes(self) -> list[str]:
        lines = []
        for dispute in self.event.disputed:
            lines += [
                f"## Sources differ: {plain(dispute.topic)}",
                "",
                f"This page uses **{plain(dispute.used)}**.",
                "",
            ]
            lines += ["| Value | Sources | Note |", "| --- | --- | --- |"]
            for alternative in dispute.alternatives:
                value = plain(alternative.value)
                value = f"**{value}**" if alternative.value == dispute.used else value
                sources = " ".join(self.ref(source) for source in alternative.sources)
                lines.append(f"| {cell(value)} | {cell(sources)} | {cell(plain(alternative.note or ''))} |")
            lines.append("")
        return lines

    def sources(self) -> list[str]:
        lines = ["## Sources", ""]
        lines += [f"{number}. {citation(self.site, self.site.sources[s])}" for s, number in self.numbers.items()]
        if self.event.tags:
            lines += ["", "Tags: " + ", ".join(plain(tag) for tag in self.event.tags)]
        return [*lines, ""]

    def steps(self, previous: Event | None, following: Event | None) -> list[str]:
        steps = [link(f"← Previous: {plain(previous.title)}", self.here, event_page(previous.id))] if previous else []
        steps.append(link(f"All of {self.event.date.year}", self.here, self.site.listed_on[self.event.id]))
        if following:
            steps.append(link(f"Next: {plain(following.title)} →", self.here, event_page(following.id)))
        edit = self.site.edit_urls.get(self.event.id)
        return ["---", "", " · ".join(steps), *(["", markdown_link("Edit this event", edit)] if edit else [])]


def render_person(site: Site, person: Person) -> dict[str, str]:
    first = person_page(person.id)
    credits = site.credits_of(person.id)
    chunks = split(site.events_with[person.id])
    pages = {}
    for number, here, steps, chunk in numbered_pages(first, chunks):
        lines = heading(numbered_title(plain(person.name), number), plain(person.description))
        lines += person_credits(site, person, credits, here) if number == 1 else []
        if chunk:
            lines += ["## Events", "", *steps]
            for event in chunk:
                roles = dict.fromkeys(p.role for p in event.people if p.person == person.id)
                lines.append(event_item(event, here, f" ({', '.join(roles)})"))
            lines += ["", *steps]
        if number > 1:
            pages[here] = page(lines)
            continue
        movements = list(dict.fromkeys(movement for movement, _ in credits))
        graph = credit_graph(site, movements, here) if movements else [person_node(site, person.id, here)]
        pages[here] = page(lines, graph, boost=SEARCH_BOOST, description=person.description)
    return pages


def person_credits(site: Site, person: Person, credits: list[tuple[Movement, model.Credit]], here: str) -> list[str]:
    lines = []
    for correction in site.corrections_of[person.id]:
        lines += correction_notice(correction, here)
    if credits:
        lines += ["## Credits", ""]
        for movement, credit in credits:
            note = f" {plain(credit.note)}" if credit.note else ""
            name = link(plain(movement.name), here, movement_page(movement.id))
            lines.append(f"- **{credit.role.capitalize()}** of {name}, {credit.date}.{note}")
        lines.append("")
        for movement in dict.fromkeys(movement for movement, _ in credits):
            lines += [f"*{plain(movement.name)}:* {credit_line(site, movement, here)}", ""]
    return lines


def render_people(site: Site) -> dict[str, str]:
    first = "people/index.md"
    intro = (
        "Everyone named in this history, with their part in it. Private individuals are named only with their consent."
    )
    chunks = split(sorted(site.data.people, key=lambda person: (person.name.casefold(), person.id)))
    pages = {}
    for number, here, steps, chunk in numbered_pages(first, chunks):
        lines = heading(numbered_title("People", number), intro) + steps
        for person in chunk:
            lines.append(f"- {link(plain(person.name), here, person_page(person.id))}: {plain(person.description)}")
        pages[here] = page([*lines, "", *steps])
    return pages


def render_movement(site: Site, movement: Movement) -> dict[str, str]:
    """The movement's credits, what it is, its parts and its events; a long list of events continues on
    numbered pages."""
    first = movement_page(movement.id)
    facts = [
        (movement.kind or "movement").capitalize(),
        *([", ".join(map(plain, movement.hashtags))] if movement.hashtags else []),
    ]
    if movement.part_of:
        facts.append(
            "part of " + link(plain(site.movements[movement.part_of].name), first, movement_page(movement.part_of))
        )
    chunks = split(site.events_of[movement.id])
    pages = {}
    for number, here, steps, chunk in numbered_pages(first, chunks):
        lines = heading(numbered_title(plain(movement.name), number), " · ".join(facts))
        if number == 1:
            lines += movement_about(site, movement, here)
        lines += ["## Events", "", *steps, *timeline(site, chunk, here), *steps]
        graph = credit_graph(site, [movement], here) if number == 1 else None
        description = summary_line(movement.summary) if number == 1 else ""
        pages[here] = page(lines, graph, boost=SEARCH_BOOST if number == 1 else 0, description=description)
    return pages


def movement_about(site: Site, movement: Movement, here: str) -> list[str]:
    lines = []
    for correction in site.corrections_of[movement.id]:
        lines += correction_notice(correction, here)
    lines += [f"**{credit_line(site, movement, here)}**", "", "## Credits", ""]
    for credit in ordered_credits(movement):
        name = link(plain(site.people[credit.person].name), here, person_page(credit.person))
        note = f" {plain(credit.note)}" if credit.note else ""
        lines.append(
            f"- **{credit.role.capitalize()}**: {name}, {credit.date}.{note} Sources: {source_refs(site, credit.sources)}"
        )
    lines += ["", "## About", "", movement.summary, ""]
    parts = [other for other in site.data.movements if other.part_of == movement.id]
    if parts:
        items = [
            f"- {link(plain(part.name), here, movement_page(part.id))}: {credit_line(site, part, here)}"
            for part in parts
        ]
        lines += ["## Part of this movement", "", *items, ""]
    return lines


def render_movements(site: Site) -> str:
    here = "movements/index.md"
    lines = heading(
        "Movements",
        "The movements, hashtags and organizations in this history, each with who started it and who amplified it.",
    )
    for movement in site.data.movements:
        lines += [
            f"## {link(plain(movement.name), here, movement_page(movement.id))}",
            "",
            credit_line(site, movement, here),
            "",
        ]
    return page(lines)


def render_sources(site: Site) -> dict[str, str]:
    first = "sources/index.md"
    intro = (
        f"All {len(site.data.sources)} sources cited on this site, by how far their publishers can be relied on, "
        "then by publisher; every event and every credit rests on at least one primary or reliable source. Each "
        "source lists the pages that cite it."
    )
    ratings = [f"- *{rating.capitalize()}*: {meaning}." for rating, meaning in model.RATINGS.items()]
    order = list(model.RATINGS)

    def rank(source: Source) -> tuple[int, str, PartialDate, str]:
        publisher = site.publisher_of(source.id)
        return order.index(publisher.rating), publisher.name.casefold(), source.published or PartialDate(1), source.id

    chunks = split(sorted(site.data.sources, key=rank))
    pages = {}
    for number, here, steps, chunk in numbered_pages(first, chunks):
        lines = heading(numbered_title("Sources", number), intro) + ratings + [""] + steps
        for rating, rated in groupby(chunk, key=lambda source: site.publisher_of(source.id).rating):
            lines += [f"## {rating.capitalize()} publishers", ""]
            for publisher_id, sources in groupby(rated, key=lambda source: source.publisher):
                publisher = site.publishers[publisher_id]
                closed = " It has closed; its pages are read from archived copies." if publisher.defunct else ""
                lines += [
                    f"### {plain(publisher.name)}",
                    "",
                    f"{rating_badge(publisher)} {plain(publisher.reason)}{closed}",
                    "",
                ]
                for source in sources:
                    cited = ", ".join(
                        link(plain(event.title), here, event_page(event.id)) for event in site.citing[source.id]
                    )
                    lines.append(f"- {citation(site, source, rated=False)}" + (f" Cited by: {cited}." if cited else ""))
                lines.append("")
        pages[here] = page(lines + steps)
    return pages


def render_corrections(site: Site) -> dict[str, str]:
    pages = numbered_pages("corrections/index.md", split(site.corrections))
    return {here: corrections_page(site, chunk, number, here, steps) for number, here, steps, chunk in pages}


def corrections_page(site: Site, corrections: list[Correction], number: int, here: str, steps: list[str]) -> str:
    intro = "When the record is corrected, the correction is dated, shown at the top of every page it affects, and listed here, newest first."
    lines = heading(numbered_title("Corrections", number), intro) + steps
    for correction in corrections:
        affected = [
            link(plain(site.titles[record]), here, site.pages[record])
            for record in correction.affects.ids()
            if record in site.pages
        ]
        affected += [citation(site, site.sources[source]) for source in correction.affects.sources]
        lines += [
            f"## {correction.date}",
            "",
            f"**What was wrong:** {plain(correction.wrong)}",
            "",
            f"**What is right:** {plain(correction.right)}",
            "",
        ]
        lines += [plain(correction.note), ""] if correction.note else []
        lines += [
            "**Affects:** " + "; ".join(affected),
            "",
            f"**Sources:** {source_refs(site, correction.sources)}",
            "",
        ]
    if not site.corrections:
        lines.append("No corrections have been recorded.")
    feed = link("corrections feed", here, "corrections/feed.xml")
    lines += ["", *steps, f"Follow new corrections with the {feed} (Atom)."]
    return page(lines)


def render_figures(site: Site) -> dict[str, str]:
    """Each series of reported numbers as a chart with its table, then the events of each year by movement;
    they continue on numbered pages, each holding about PAGE_SIZE rows (a value of a series, or a year)."""
    first = "figures/index.md"
    intro = (
        "The numbers reported about these movements, each drawn at the date it was taken, with the same data in a "
        "table beneath the chart. Sources counted different things at different hours; each value keeps its source."
    )
    series: dict[str, list[tuple[Event, Figure]]] = defaultdict(list)
    for event in site.events:
        for figure in event.figures:
            if figure.series:
                series[figure.series].append((event, figure))
    sections: list[tuple[int, Callable[[str], list[str]]]] = [
        (len(entries), functools.partial(series_section, site, number, name, entries))
        for number, (name, entries) in enumerate(series.items(), start=1)
    ]
    years = len(site.years)
    sections.append((years, lambda here: ["## Events per year, by movement", "", *events_chart(site), ""]))
    chunks = split(sections, weight=lambda chart: chart[0])
    pages = {}
    for number, here, steps, chunk in numbered_pages(first, chunks):
        lines = heading(numbered_title("Figures", number), intro) + steps
        for _, section in chunk:
            lines += section(here)
        pages[here] = page(lines + steps)
    return pages


def series_section(site: Site, number: int, name: str, entries: list[tuple[Event, Figure]], here: str) -> list[str]:
    entries.sort(key=lambda entry: (entry[1].as_of.last_day(), entry[1].value))
    return [f"## {plain(name)}", "", *series_chart(site, f"series-{number}", name, entries, here)]


def series_chart(site: Site, chart_id: str, name: str, entries: list[tuple[Event, Figure]], here: str) -> list[str]:
    points = [
        charts.Point(
            figure.as_of.last_day(),
            figure.value,
            f"{figure_text(figure)}, as of {figure.as_of} ({site.publisher_of(figure.source).name})".replace("\\", ""),
        )
        for _, figure in entries
    ]
    values = [point.value for point in points]
    scale = "a logarithmic scale" if max(values) >= 100 * max(min(values), 1) else "a linear scale"
    description = (
        f"{len(points)} reported values from {entries[0][1].as_of} to {entries[-1][1].as_of}, "
        f"rising from {charts.short(min(values))} to {charts.short(max(values))}, on {scale}."
    )
    rows = ["| Value | As of | Source | Event |", "| --- | --- | --- | --- |"]
    for event, figure in entries:
        source = site.sources[figure.source]
        rows.append(
            f"| {cell(figure_text(figure))} | {figure.as_of} | {markdown_link(cell(plain(site.publisher_of(source.id).name)), source.url)} | {cell(link(plain(event.title), here, event_page(event.id)))} |"
        )
    return ['<div class="chart-box">', charts.line_chart(chart_id, name, description, points), "</div>", "", *rows, ""]


def events_chart(site: Site) -> list[str]:
    movements = site.data.movements
    years = list(site.years)
    counted = Counter((event.date.year, movement) for event in site.events for movement in event.movements)
    bars = [charts.Bar(str(year), tuple(counted[year, m.id] for m in movements)) for year in years]
    names = [movement.name for movement in movements]
    description = f"Events recorded each year from {years[0]} to {years[-1]}, split by movement; an event of two movements counts for each."
    svg = charts.stacked_bars("events-per-year", "Events per year, by movement", description, names, bars)
    rows = ["| Year | " + " | ".join(cell(plain(name)) for name in names) + " |", "| --- |" + " --- |" * len(names)]
    rows += [f"| {bar.label} | " + " | ".join(str(count) for count in bar.counts) + " |" for bar in bars]
    return ['<div class="chart-box">', svg, "</div>", "", *rows]


ATOM = "http://www.w3.org/2005/Atom"


def render_corrections_feed(site: Site) -> str:
    """An Atom feed of the corrections, newest first. Ids and dates come from the data, never the clock."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    atom_element(feed, "title", f"{site.main.name}: corrections")
    atom_element(feed, "id", urn(site, "corrections"))
    latest = site.corrections[0].date.last_day() if site.corrections else site.events[-1].date.last_day()
    atom_element(feed, "updated", timestamp(latest))
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href="./")
    atom_element(
        ElementTree.SubElement(feed, f"{{{ATOM}}}author"), "name", site.data.movements[0].name + ": a sourced history"
    )
    for correction in site.corrections:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        atom_element(entry, "title", f"Correction, {correction.date}: {correction.right}")
        atom_element(entry, "id", urn(site, f"correction/{correction.id}"))
        atom_element(entry, "updated", timestamp(correction.date.last_day()))
        for record in correction.affects.ids():
            if record in site.pages:
                ElementTree.SubElement(
                    entry,
                    f"{{{ATOM}}}link",
                    rel="related",
                    href=url("corrections/feed.xml", site.pages[record]),
                    title=site.titles[record],
                )
        atom_element(entry, "summary", f"What was wrong: {correction.wrong} What is right: {correction.right}")
    ElementTree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"


def atom_element(parent: ElementTree.Element, tag: str, text: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def timestamp(day: datetime.date) -> str:
    """An Atom date: the day's start in UTC (the data holds days, never times)."""
    return f"{day.isoformat()}T00:00:00Z"


def urn(site: Site, name: str) -> str:
    """A stable Atom id for a record: the same record keeps it whatever host the site is published on."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"movement-history:{site.main.id}:{name}").urn


def render_fields() -> str:
    """The field reference for contributors, generated from the model's declarations."""
    intro = "Every field of `events.yaml`, generated from the schema the validator uses."
    return page(heading("Data fields", intro) + field_reference(level=2))


def field_reference(level: int = 3) -> list[str]:
    """One table per kind of record: each field, whether it is required, its form and its meaning. The
    site's data-fields page and CONTRIBUTING.md both print it, so neither can drift from the schema."""
    lines = []
    for cls in model.RECORDS:
        lines += [f"{'#' * level} {cls.__name__}", "", plain(" ".join((cls.__doc__ or "").split())), ""]
        lines += ["| Field | Required | Value | Meaning |", "| --- | --- | --- | --- |"]
        for field in dataclasses.fields(cls):
            required = "yes" if is_required(field) else "no"
            lines.append(
                f"| `{field.name}` | {required} | {cell(plain(kind_of(field).expected))} | {cell(field.metadata['doc'])} |"
            )
        lines.append("")
    return lines


def render_site(data: Dataset, edit_urls: MappingType[str, str] | None = None) -> dict[str, str]:
    """Every generated page, keyed by its path under docs/, in a stable order. `edit_urls` gives, by
    event id, where its lines in the data file can be opened for editing."""
    pages = render_pages(data, edit_urls)
    return dict(sorted((path, text if isinstance(text, str) else text.decode("utf-8")) for path, text in pages))


def render_pages(data: Dataset, edit_urls: MappingType[str, str] | None = None) -> Iterator[tuple[str, str | bytes]]:
    """The same pages as `render_site`, one at a time, so that a large history is never held in memory
    as pages all at once: each can be written as it is made. The largest files come as UTF-8 bytes."""
    site = Site(data, edit_urls or {})
    yield "index.md", render_home(site)
    yield "timeline/index.md", render_timeline(site)
    yield "movements/index.md", render_movements(site)
    yield "corrections/feed.xml", render_corrections_feed(site)
    yield "data-fields/index.md", render_fields()
    for pages in (render_people(site), render_sources(site), render_corrections(site), render_figures(site)):
        yield from pages.items()
    for year in site.years:
        yield from render_year(site, year).items()
    for position, event in enumerate(site.events):
        previous = site.events[position - 1] if position else None
        following = site.events[position + 1] if position + 1 < len(site.events) else None
        yield event_page(event.id), render_event(site, event, previous, following)
    for person in data.people:
        yield from render_person(site, person).items()
    for movement in data.movements:
        yield from render_movement(site, movement).items()
    # Imported here, not at the top: the open-data modules import this one (its Site and helpers).
    from generator.opendata import open_data

    yield from open_data(site)
