"""The figures page: each series as a chart beside its table."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable

from generator import charts
from generator.model import Event, Figure
from generator.pages.markdown import (
    cell,
    event_page,
    figure_text,
    figure_words,
    heading,
    link,
    numbered_pages,
    numbered_title,
    page,
    plain,
    split,
)
from generator.pages.site import Site
from generator.urls import markdown_link


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
            f"{figure_words(figure)}, as of {figure.as_of} ({site.publisher_of(figure.source).name})",  # the chart escapes it
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
