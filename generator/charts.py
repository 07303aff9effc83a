"""Charts drawn at build time as static, accessible SVG: a title, a description, and the same data as a
table beside each chart. Pure: data in, markup out; no script and nothing loaded from anywhere."""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 24, 48


@dataclass(frozen=True, slots=True)
class Point:
    """One value of a series: where it stands in time, how large it is, and how it is labelled."""

    day: datetime.date
    value: int
    label: str


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a stacked chart: its label and one count per part, in the order of the parts."""

    label: str
    counts: tuple[int, ...]


def short(value: int) -> str:
    """200000 as '200K', 1700000 as '1.7M'."""
    for size, suffix in ((1_000_000, "M"), (1_000, "K")):
        if value >= size:
            return f"{value / size:.1f}".rstrip("0").rstrip(".") + suffix
    return str(value)


def line_chart(chart_id: str, title: str, description: str, points: Sequence[Point]) -> str:
    """Points over time joined by a line, on a logarithmic scale when they span more than a hundredfold."""
    days = [point.day.toordinal() for point in points]
    low, high = min(point.value for point in points), max(point.value for point in points)
    logarithmic = high >= 100 * max(low, 1)
    scale = _log_scale(low, high) if logarithmic else _linear_scale(0, high)
    first, last = min(days), max(days)

    def x(day: int) -> float:
        return LEFT + (day - first) / max(last - first, 1) * (WIDTH - LEFT - RIGHT)

    marks = [_axes(chart_id, title, description)]
    for tick in _ticks(low, high, logarithmic):
        y = scale(tick)
        marks.append(f'<line class="chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        marks.append(f'<text class="chart__tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{short(tick)}</text>')
    for day in sorted(set(days)):
        when = datetime.date.fromordinal(day)
        if day in (first, last):
            anchor = "start" if day == first else "end"
            marks.append(
                f'<text class="chart__tick" x="{x(day):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="{anchor}">{when.day} {when:%b %Y}</text>'
            )
    path = " ".join(f"{x(day):.1f},{scale(point.value):.1f}" for day, point in zip(days, points, strict=True))
    marks.append(f'<polyline class="chart__line" points="{path}"/>')
    for day, point in zip(days, points, strict=True):
        cx, cy = x(day), scale(point.value)
        marks.append(
            f'<circle class="chart__point" cx="{cx:.1f}" cy="{cy:.1f}" r="4"><title>{escape(point.label)}</title></circle>'
        )
    marks.append("</svg>")
    return "".join(marks)


def stacked_bars(chart_id: str, title: str, description: str, parts: Sequence[str], bars: Sequence[Bar]) -> str:
    """Bars of counts, each split into parts, with a legend of the parts."""
    high = max((sum(bar.counts) for bar in bars), default=1)
    scale = _linear_scale(0, high)
    step = (WIDTH - LEFT - RIGHT) / max(len(bars), 1)
    marks = [_axes(chart_id, title, description)]
    for tick in range(0, high + 1, max(1, math.ceil(high / 5))):
        y = scale(tick)
        marks.append(f'<line class="chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        marks.append(f'<text class="chart__tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for position, bar in enumerate(bars):
        left, base = LEFT + position * step + step * 0.15, 0
        for part, count in enumerate(bar.counts):
            if count:
                top, bottom = scale(base + count), scale(base)
                name = f"{bar.label}, {parts[part]}: {count}"
                marks.append(
                    f'<rect class="chart__part chart__part--{part % 6}" x="{left:.1f}" y="{top:.1f}" width="{step * 0.7:.1f}" height="{bottom - top:.1f}"><title>{escape(name)}</title></rect>'
                )
            base += count
        marks.append(
            f'<text class="chart__tick" x="{left + step * 0.35:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{escape(bar.label[-2:] if len(bars) > 12 else bar.label)}</text>'
        )
    marks.append("</svg>")
    legend = "".join(
        f'<span class="chart__key chart__part--{i % 6}">{escape(part)}</span>' for i, part in enumerate(parts)
    )
    return "".join(marks) + f'<p class="chart__legend">{legend}</p>'


def _axes(chart_id: str, title: str, description: str) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
        f'<line class="chart__axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{HEIGHT - BOTTOM}"/>'
        f'<line class="chart__axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}"/>'
    )


def _log_scale(low: int, high: int) -> Callable[[float], float]:
    bottom, top = math.floor(math.log10(max(low, 1))), math.ceil(math.log10(high))
    return lambda value: (
        HEIGHT - BOTTOM - (math.log10(max(value, 1)) - bottom) / max(top - bottom, 1) * (HEIGHT - TOP - BOTTOM)
    )


def _linear_scale(low: int, high: int) -> Callable[[float], float]:
    return lambda value: HEIGHT - BOTTOM - (value - low) / max(high - low, 1) * (HEIGHT - TOP - BOTTOM)


def _ticks(low: int, high: int, logarithmic: bool) -> list[int]:
    if logarithmic:
        return [10**power for power in range(math.floor(math.log10(max(low, 1))), math.ceil(math.log10(high)) + 1)]
    step = 10 ** max(0, math.floor(math.log10(max(high, 1))))
    return list(range(0, high + step, step))
