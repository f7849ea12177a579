"""CSV exports of the roster, a module analysis and reminders: every cell, headers included,
passes through ``safe_cell`` in ``csv_response``. Each file starts with a UTF-8 byte-order
mark: without it Excel reads UTF-8 as the machine's legacy code page, and "Díaz" or a
curly quote turns into two or three wrong characters; every other program skips it."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from safetyquiz.crews.clearance import Cell
from safetyquiz.crews.models import Assignment, Production
from safetyquiz.crews.rosters import Roster, RosterRow

from .selectors import ModuleAnalysis

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: Any) -> Any:
    """Keep spreadsheet programs from running a cell as a formula: a text cell that starts
    (after any spaces) with a formula character, ASCII or full-width, gets a leading '."""
    if isinstance(value, str) and value.lstrip(" ")[:1] in FORMULA_STARTS and value.strip(" "):
        return "'" + value
    return value


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(BOM)
    writer = csv.writer(response)
    # Headers too: the roster's name module titles, which editors write.
    writer.writerow([safe_cell(v) for v in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return response


def roster_csv(roster: Roster) -> HttpResponse:
    modules = [a.module for a in roster.assignments]
    header = [_("name"), _("username"), _("department"), _("job title")]
    header += [_("cleared"), _("overdue")]
    for module in modules:
        header += [
            _("%(module)s: status") % {"module": module.title},
            _("%(module)s: best %%") % {"module": module.title},
            _("%(module)s: valid until") % {"module": module.title},
            _("%(module)s: language") % {"module": module.title},
        ]
    rows = []
    for row in roster.rows:
        user = row.membership.user
        line: list[Any] = [
            user.get_full_name(),
            user.get_username(),
            row.membership.department.name if row.membership.department else "",
            row.membership.job_title,
            yes_no(row.cleared),
            yes_no(row.overdue),
        ]
        for cell in row.cells:
            if cell is None:
                line += [_("not assigned"), "", "", ""]
            else:
                best = cell.progress.best_percentage
                valid = cell.progress.valid_until
                best_cell = f"{best:.0f}" if best is not None else ""
                line += [cell.status, best_cell, valid or "", cell.taken_in]
        rows.append(line)
    return csv_response(f"roster-{slugify(roster.production.name)}.csv", header, rows)


def analysis_csv(analysis: ModuleAnalysis, scope: str) -> HttpResponse:
    header = [
        _("question"),
        _("prompt"),
        _("kind"),
        _("critical"),
        _("answers"),
        _("facility"),
        _("discrimination"),
        _("most chosen wrong choice"),
        _("its share"),
        _("critical misses"),
        _("objective"),
        _("facility of the objective's other questions"),
        _("differs from them"),
    ]
    rows = [
        [
            i,
            item.question.prompt,
            item.question.kind,
            yes_no(item.question.critical),
            item.answers,
            _fraction(item.facility),
            _fraction(item.discrimination),
            item.top_wrong,
            _fraction(item.top_wrong_share),
            item.critical_misses,
            item.question.slot.objective if item.question.slot else "",
            _fraction(item.slot.siblings if item.slot else None),
            yes_no(bool(item.slot and item.slot.flagged)),
        ]
        for i, item in enumerate(analysis.items, start=1)
    ]
    return csv_response(f"analysis-{analysis.module.slug}-{slugify(scope)}.csv", header, rows)


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _fraction(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


Due = list[tuple[RosterRow, list[tuple[Assignment, Cell]]]]


def reminder_text(due: Due) -> str:
    """One line per member, to paste into a message or a call sheet."""
    lines = []
    for row, items in due:
        department = row.membership.department
        who = f"{row.name}, {department.name}" if department else row.name
        what = "; ".join(f"{a.module.title} ({cell.due})" for a, cell in items)
        lines.append(f"{who}: {what}.")
    return "\n".join(lines)


def reminders_csv(production: Production, due: Due) -> HttpResponse:
    header = [_("name"), _("username"), _("department"), _("job title"), _("module")]
    header += [_("due on"), _("overdue"), _("status"), _("missing")]
    rows = [
        [
            row.name,
            row.membership.user.get_username(),
            row.membership.department.name if row.membership.department else "",
            row.membership.job_title,
            assignment.module.title,
            cell.due_on.isoformat() if cell.due_on else "",
            yes_no(cell.overdue),
            cell.label,
            cell.missing,
        ]
        for row, items in due
        for assignment, cell in items
    ]
    return csv_response(f"reminders-{slugify(production.name)}.csv", header, rows)
