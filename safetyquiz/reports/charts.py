"""Charts drawn on the server as SVG: they read without JavaScript and print."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


def bar_chart(
    values: list[float],
    labels: list[str],
    *,
    title: str,
    max_value: float | None = None,
    unit: str = "",
) -> SafeString:
    """A vertical bar chart with a text label and value under and over each bar."""
    width, height, pad, base = 40 * max(len(values), 1) + 20, 180, 10, 150
    top = max_value if max_value is not None else max(values or [0]) or 1
    bar = 28
    parts = []
    for i, (value, label) in enumerate(zip(values, labels, strict=True)):
        h = round((base - 20) * value / top) if top else 0
        x = pad + i * 40
        middle = x + bar / 2
        parts.append(
            (
                x,
                base - h,
                bar,
                h,
                middle,
                base - h - 4,
                f"{value:g}{unit}",
                middle,
                base + 14,
                label,
            )
        )
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" class="bar"></rect>'
        '<text x="{}" y="{}" text-anchor="middle" class="value">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle" class="label">{}</text>',
        parts,
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"></line>{}</svg>',
        width,
        height + 10,
        title,
        title,
        pad,
        base,
        width - pad,
        base,
        bars,
    )


def score_histogram(bins: list[int]) -> SafeString:
    labels = [f"{i * 10}" for i in range(len(bins))]
    labels[-1] = "90+"
    return bar_chart([float(b) for b in bins], labels, title="Attempts by score, in 10-point bands")


def facility_chart(facilities: list[float | None]) -> SafeString:
    values = [round(100 * f) if f is not None else 0 for f in facilities]
    labels = [f"Q{i + 1}" for i in range(len(values))]
    return bar_chart(
        [float(v) for v in values],
        labels,
        title="Share answered right, by question",
        max_value=100,
        unit="%",
    )
