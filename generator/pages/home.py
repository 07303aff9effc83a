"""The home page: the credit, the story in brief, key figures, related movements, corrections, support."""

from __future__ import annotations

from generator.pages.markdown import (
    GENERATED,
    cell,
    event_page,
    figure_text,
    link,
    movement_page,
    page,
    plain,
    summary_line,
    when,
)
from generator.pages.parts import credit_graph, credit_line
from generator.pages.site import Site

SUPPORT = (
    "If this history brings up something difficult, support is available. In the United States, "
    "RAINN's National Sexual Assault Hotline is free, confidential and open 24/7: **800-656-HOPE (4673)**."
)


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
