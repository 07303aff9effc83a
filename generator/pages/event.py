"""An event's page."""

from __future__ import annotations

from generator.model import Event
from generator.pages.markdown import (
    GENERATED,
    cell,
    event_page,
    figure_text,
    link,
    movement_page,
    page,
    person_page,
    plain,
    summary_line,
    url,
    when,
)
from generator.pages.parts import (
    bibtex_text,
    citation,
    content_note,
    correction_notice,
    credit_graph,
    credit_line,
    describes_violence,
    source_ref,
)
from generator.pages.site import Site, event_sources
from generator.urls import markdown_link


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
