"""Monthly contacts per pair of states as a self-contained SVG line chart (no JavaScript, no network).

Pure functions: rows in, SVG text out. The Datasette plugin in alerts/browse/datasette/plugins/ serves the result.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from html import escape

# Okabe-Ito: told apart by people with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
MAX_SERIES = len(PALETTE)
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_range(first: str, last: str) -> list[str]:
    """Every month from first to last inclusive, as YYYY-MM."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def series_from_rows(rows: Iterable[Mapping]) -> dict[str, dict[str, int]]:
    """Rows of {dyad, month, contacts} -> {dyad: {month: contacts}}, the busiest pairs first."""
    series: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        series[row["dyad"]][row["month"]] = series[row["dyad"]].get(row["month"], 0) + int(row["contacts"])
    return dict(sorted(series.items(), key=lambda item: (-sum(item[1].values()), item[0])))


def nice_step(top: int, ticks: int = 5) -> int:
    """A round step (1, 2, 5, 10, 20, ...) giving about `ticks` gridlines up to `top`."""
    raw = max(top, 1) / ticks
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return max(1, int(factor * magnitude))
    return int(10 * magnitude)


def month_label(month: str) -> str:
    """'Jul' for 2024-07."""
    return MONTH_NAMES[int(month[5:7]) - 1]


def contacts_svg(
    series: Mapping[str, Mapping[str, int]],
    *,
    width: int = 960,
    height: int = 420,
    title: str = "Monthly contacts per pair of states",
) -> str:
    """A line chart of monthly counts, one line per pair of states (at most MAX_SERIES, busiest first).

    Months without a contact count as zero between the first and the last month with one; a single month
    is padded by one month on each side so that the line has a width.
    """
    shown = dict(list(series.items())[:MAX_SERIES])
    left, right, top, bottom = 56, 190, 48, 64
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="contacts-chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{left}" y="28" font-size="16" font-weight="bold" fill="#222">{escape(title)}</text>',
    ]
    months_with_data = sorted({m for counts in shown.values() for m in counts})
    if not months_with_data:
        parts.append(
            f'<text x="{width / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" fill="#555">'
            "No contacts recorded yet: load or crawl articles, then reload this page.</text></svg>"
        )
        return "".join(parts)
    months = month_range(months_with_data[0], months_with_data[-1])
    if len(months) == 1:
        months = [_shift(months[0], -1), months[0], _shift(months[0], 1)]
    peak = max(max(counts.values()) for counts in shown.values())
    step = nice_step(peak)
    y_max = step * math.ceil(peak / step)
    x_of = {m: left + (plot_w * i / (len(months) - 1)) for i, m in enumerate(months)}

    def y_of(value: int) -> float:
        return top + plot_h - plot_h * value / y_max

    parts.append('<g class="grid" stroke="#ddd" stroke-width="1">')
    for value in range(0, y_max + 1, step):
        y = y_of(value)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}"/>')
    parts.append("</g>")
    parts.append('<g class="y-axis" fill="#333" text-anchor="end">')
    for value in range(0, y_max + 1, step):
        parts.append(f'<text x="{left - 8}" y="{y_of(value) + 4:.1f}">{value}</text>')
    parts.append(
        f'<text transform="translate(16 {top + plot_h / 2:.0f}) rotate(-90)" text-anchor="middle">'
        "contacts (distinct events)</text></g>"
    )
    label_every = max(1, math.ceil(len(months) / 12))
    parts.append(
        f'<g class="x-axis" fill="#333" text-anchor="middle">'
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#333"/>'
    )
    last = len(months) - 1
    # The last month is labelled too unless it would touch the label before it; the first year likewise.
    label_last = last % label_every == 0 or last % label_every > label_every / 2
    first_january = next((m for m in months if m.endswith("-01")), None)
    crowded = first_january is not None and x_of[first_january] - x_of[months[0]] < 40
    for i, month in enumerate(months):
        x = x_of[month]
        if i % label_every == 0 or (i == last and label_last):
            parts.append(
                f'<line x1="{x:.1f}" y1="{top + plot_h}" x2="{x:.1f}" y2="{top + plot_h + 5}" stroke="#333"/>'
            )
            parts.append(f'<text x="{x:.1f}" y="{top + plot_h + 20}">{month_label(month)}</text>')
        if (i == 0 and not crowded) or month.endswith("-01"):
            # The year under its first month, and a faint line where a new year starts.
            if i:
                parts.append(
                    f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h + 26}" stroke="#bbb" '
                    'stroke-dasharray="3 3"/>'
                )
            parts.append(
                f'<text x="{x:.1f}" y="{top + plot_h + 40}" font-weight="bold" '
                f'text-anchor="{"start" if i == 0 else "middle"}">{month[:4]}</text>'
            )
    parts.append("</g>")
    for index, (dyad, counts) in enumerate(shown.items()):
        colour = PALETTE[index]
        points = " ".join(f"{x_of[m]:.1f},{y_of(counts.get(m, 0)):.1f}" for m in months)
        parts.append(
            f'<g class="series" data-dyad="{escape(dyad)}">'
            f'<polyline fill="none" stroke="{colour}" stroke-width="3" points="{points}"/>'
        )
        for month in months:
            value = counts.get(month, 0)
            if value:
                parts.append(
                    f'<circle cx="{x_of[month]:.1f}" cy="{y_of(value):.1f}" r="5" fill="{colour}">'
                    f"<title>{escape(dyad)} {month}: {value}</title></circle>"
                )
        parts.append("</g>")
        legend_y = top + 8 + index * 22
        parts.append(
            f'<g class="legend"><rect x="{left + plot_w + 24}" y="{legend_y - 10}" width="14" height="14" '
            f'fill="{colour}"/><text x="{left + plot_w + 46}" y="{legend_y + 2}" fill="#222">'
            f"{escape(dyad)} ({sum(counts.values())})</text></g>"
        )
    hidden = len(series) - len(shown)
    if hidden:
        parts.append(
            f'<text x="{left + plot_w + 24}" y="{top + 8 + len(shown) * 22}" fill="#555">'
            f"+{hidden} more pair(s)</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _shift(month: str, delta: int) -> str:
    """The month `delta` months after (or before) `month`."""
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"
