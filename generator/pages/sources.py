"""The sources page: every source, by its publisher's rating, then by publisher."""

from __future__ import annotations

from itertools import groupby

from generator import model
from generator.dates import PartialDate
from generator.model import Source
from generator.pages.markdown import event_page, heading, link, numbered_pages, numbered_title, page, plain, split
from generator.pages.parts import citation, rating_badge
from generator.pages.site import Site


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
