"""The roster's cells, written in Python: a 500-member roster has thousands of them, and
the template engine's per-variable cost there was more than all of the page's queries."""

from functools import lru_cache

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from safetyquiz.crews.clearance import Cell
from safetyquiz.crews.rosters import RosterRow
from safetyquiz.languages import name

register = template.Library()


@register.simple_tag
def roster_cells(row: RosterRow) -> SafeString:
    """A member's state on each assigned module, as table cells: badge, best score, until or
    how far, and when it is due. On a phone the row becomes a card that shows only the cells
    still to do, each named by its module (the column headers are not shown there)."""
    html = SafeString("")
    for assignment, cell in zip(row.assignments, row.cells, strict=True):
        html += cell_td(assignment.module.title, cell)
    return html


def cell_td(title: str, cell: Cell | None) -> SafeString:
    if cell is None:
        return not_assigned()
    return cell_html(
        title,
        cell.passed,
        cell.status,
        cell.label,
        cell.best,
        cell.until,
        cell.taken_in,
        cell.answered,
        cell.due,
        cell.extended,
        cell.critical_miss,
        get_language(),
    )


ENGLISH = "en"


def not_assigned() -> SafeString:
    return format_html(
        '<td class="na"><small class="muted">{}</small></td>', gettext("not for their department")
    )


@lru_cache(maxsize=4096)  # a function of its text alone; most cells repeat a few states
def cell_html(
    title: str,
    passed: bool,
    status: str,
    label: str,
    best: str,
    until: str,
    taken_in: str,
    answered: str,
    due: str,
    extended: bool,
    critical_miss: bool,
    language: str,  # the cache's key: the words are in the page's language
) -> SafeString:
    html = format_html(
        '<span class="cell-module">{}: </span><span class="badge {}">{}</span>',
        title,
        status,
        label,
    )
    if best:
        html += format_html("<br><small>{}</small>", gettext("best %(best)s%%") % {"best": best})
    if until:
        html += format_html("<br><small>{}</small>", gettext("until %(day)s") % {"day": until})
        if taken_in and taken_in != ENGLISH:  # English is the rule; another language is said
            html += format_html(
                '<br><small>{} <span lang="{}">{}</span></small>',
                gettext("taken in"),
                taken_in,
                name(taken_in),
            )
    elif answered:
        html += format_html(
            "<br><small>{}</small>", gettext("%(answered)s answered") % {"answered": answered}
        )
    if critical_miss and not passed:
        html += format_html(
            '<br><small class="critical-tag">{}</small>', gettext("missed a critical question")
        )
    if due:
        # Everyone's due date heads the column on a desk; a member's own is shown in the cell.
        html += format_html('<small class="{}"><br>{}</small>', "" if extended else "cell-due", due)
    return format_html('<td class="{}">{}</td>', "ok" if passed else "todo", html)
