"""Render: the build order of the whole site: every page (generator.pages) and every open-data file
(generator.opendata), one at a time. Pure: the dataset in, {path: text} out."""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Mapping as MappingType

from generator.model import Dataset
from generator.opendata import open_data
from generator.pages.corrections import render_corrections, render_corrections_feed
from generator.pages.event import render_event
from generator.pages.fields import render_fields
from generator.pages.figures import render_figures
from generator.pages.home import render_home
from generator.pages.markdown import event_page
from generator.pages.movements import render_movement, render_movements
from generator.pages.people import render_people, render_person
from generator.pages.site import Site
from generator.pages.sources import render_sources
from generator.pages.timeline import render_timeline, render_year


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
    yield from open_data(site)
