"""A person's page, and the list of people."""

from __future__ import annotations

from generator import model
from generator.model import Movement, Person
from generator.pages.markdown import (
    heading,
    link,
    movement_page,
    numbered_pages,
    numbered_title,
    page,
    person_page,
    plain,
    split,
)
from generator.pages.parts import SEARCH_BOOST, correction_notice, credit_graph, credit_line, event_item, person_node
from generator.pages.site import Site


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
