"""Parts: what several pages show the same way: credit lines, citations, content notes, correction notices, JSON-LD."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import groupby

from generator import model
from generator.model import LANGUAGES, Correction, Event, Movement, Source
from generator.pages.markdown import event_page, join, link, movement_page, person_page, plain, url, when
from generator.pages.site import Site, ordered_credits
from generator.urls import markdown_link

SEARCH_BOOST = 5  # a person's or a movement's own page ranks above the events that mention it
ROLE_VERBS = {"originator": "Originated by", "amplifier": "Amplified by"}


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
    stop = "" if source.quote and source.quote.rstrip("”\"'’").endswith((".", "!", "?", "…")) else "."
    quote = f" Quoted: “{plain(source.quote)}”{stop}" if source.quote else ""
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


def event_item(event: Event, here: str, suffix: str = "") -> str:
    return f"- {when(event.date, event.approximate)}: {link(plain(event.title), here, event_page(event.id))}{suffix}"


def source_refs(site: Site, source_ids: Iterable[str]) -> str:
    return " ".join(source_ref(number, site.sources[source]) for number, source in enumerate(source_ids, start=1))


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
