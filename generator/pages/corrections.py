"""The corrections page and its Atom feed."""

from __future__ import annotations

import datetime
import uuid
from xml.etree import ElementTree

from generator.model import Correction
from generator.pages.markdown import heading, link, numbered_pages, numbered_title, page, plain, split, url
from generator.pages.parts import citation, source_refs
from generator.pages.site import Site


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
