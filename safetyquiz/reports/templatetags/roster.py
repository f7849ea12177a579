"""The roster's cells, written in Python: a 500-member roster has thousands of them, and
the template engine's per-variable cost there was more than all of the page's queries."""

from functools import lru_cache

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from safetyquiz.crews.clearance import Cell

register = template.Library()


@register.simple_tag
def roster_cell(cell: Cell | None) -> SafeString:
    """One member's state on one assigned module: badge, best score, until or how far."""
    if cell is None:
        return format_html('<span class="muted">{}</span>', "n/a")
    return cell_html(cell.status, cell.label, cell.best, cell.until, cell.answered)


@lru_cache(maxsize=4096)  # a function of its text alone; most cells repeat a few states
def cell_html(status: str, label: str, best: str, until: str, answered: str) -> SafeString:
    html = format_html('<span class="badge {}">{}</span>', status, label)
    if best:
        html += format_html("<br><small>best {}%</small>", best)
    if until:
        html += format_html("<br><small>until {}</small>", until)
    elif answered:
        html += format_html("<br><small>{} answered</small>", answered)
    return html
