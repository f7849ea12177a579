"""CSV exports of the roster, a module analysis and reminders: every cell, headers included,
passes through ``safe_cell`` in ``csv_response``."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify

from safetyquiz.crews.clearance import Cell
from safetyquiz.crews.models import Assignment, Production
from safetyquiz.crews.rosters import Roster, RosterRow

from .selectors import ModuleAnalysis

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
    writer = csv.writer(response)
    # Headers too: the roster's name module titles, which editors write.
    writer.writerow([safe_cell(v) for v in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return response


def roster_csv(roster: Roster) -> HttpResponse:
    modules = [a.module for a in roster.assignments]
    header = ["name", "username", "department", "job title", "cleared", "overdue"]
    for module in modules:
        header += [
            f"{module.title}: status",
            f"{module.title}: best %",
            f"{module.title}: valid until",
            f"{module.title}: language",
        ]
    rows = []
    for row in roster.rows:
        user = row.membership.user
        line: list[Any] = [
            user.get_full_name(),
            user.get_username(),
            row.membership.department.name if row.membership.department else "",
            row.membership.job_title,
            "yes" if row.cleared else "no",
            "yes" if row.overdue else "no",
        ]
        for cell in row.cells:
            if cell is None:
                line += ["not assigned", "", "", ""]
            else:
                best = cell.progress.best_percentage
                valid = cell.progress.valid_until
                best_cell = f"{best:.0f}" if best is not None else ""
                line += [cell.status, best_cell, valid or "", cell.taken_in]
        rows.append(line)
    return csv_response(f"roster-{slugify(roster.production.name)}.csv", header, rows)


def analysis_csv(analysis: ModuleAnalysis, scope: str) -> HttpResponse:
    header = [
        "question",
        "prompt",
        "kind",
        "critical",
        "answers",
        "facility",
        "discrimination",
        "most chosen wrong choice",
        "its share",
        "critical misses",
        "objective",
        "facility of the objective's other questions",
        "differs from them",
    ]
    rows = [
        [
            i,
            item.question.prompt,
            item.question.kind,
            "yes" if item.question.critical else "no",
            item.answers,
            _fraction(item.facility),
            _fraction(item.discrimination),
            item.top_wrong,
            _fraction(item.top_wrong_share),
            item.critical_misses,
            item.question.slot.objective if item.question.slot else "",
            _fraction(item.slot.siblings if item.slot else None),
            "yes" if item.slot and item.slot.flagged else "no",
        ]
        for i, item in enumerate(analysis.items, start=1)
    ]
    return csv_response(f"analysis-{analysis.module.slug}-{slugify(scope)}.csv", header, rows)


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
    header = ["name", "username", "department", "job title", "module", "due on", "overdue"]
    header += ["status", "missing"]
    rows = [
        [
            row.name,
            row.membership.user.get_username(),
            row.membership.department.name if row.membership.department else "",
            row.membership.job_title,
            assignment.module.title,
            cell.due_on.isoformat() if cell.due_on else "",
            "yes" if cell.overdue else "no",
            cell.label,
            cell.missing,
        ]
        for row, items in due
        for assignment, cell in items
    ]
    return csv_response(f"reminders-{slugify(production.name)}.csv", header, rows)
