"""The timeline and the year pages."""

from __future__ import annotations

from itertools import groupby

from generator.model import Event
from generator.pages import markdown
from generator.pages.markdown import (
    event_page,
    heading,
    link,
    movement_page,
    numbered_pages,
    numbered_title,
    page,
    person_page,
    plain,
    when,
    year_page,
)
from generator.pages.parts import event_item
from generator.pages.site import Site


def render_timeline(site: Site) -> str:
    """Every event by year; when there are more than fit a page, each year with its count and milestones."""
    here = "timeline/index.md"
    first, last = site.events[0].date.year, site.events[-1].date.year
    intro = f"{len(site.events)} events from {first} to {last}, each with its sources. Each year has a page of its own."
    lines = heading("Timeline", intro)
    whole = len(site.events) <= markdown.PAGE_SIZE  # read at build time: a test shrinks it
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
