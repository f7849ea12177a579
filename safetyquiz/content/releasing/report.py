"""What a content release says when it is loaded: what it added, changed and removed,
what it kept as changed here, and each conflict with both values."""

from __future__ import annotations

from ..models import Release
from .loading import Tally

SHOWN = 160  # characters of a value shown in the report; the record keeps it whole


def clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def summary(tally: Tally, release: Release, *, theirs: bool) -> str:
    lines = [
        f"Content release: {tally.added} added, {tally.updated} updated, "
        f"{tally.unchanged} unchanged, {tally.removed} removed."
    ]
    if tally.kept_local:
        lines.append(
            f"Kept {tally.kept_local} change(s) made here to fields the release left as they were."
        )
    if tally.kept_deleted:
        lines.append(f"Left {tally.kept_deleted} object(s) deleted here deleted.")
    if tally.conflicts:
        settled = (
            "the release's value was taken (--theirs)"
            if theirs
            else "the value here was kept (--theirs takes the release's)"
        )
        lines.append(f"{len(tally.conflicts)} conflict(s); in each {settled}:")
        for c in tally.conflicts:
            where = f"{c.model._meta.label_lower} {c.name}"
            lines.append(f"- {where}: {c.field or 'the object'}")
            lines.append(f"    here:    {clip(c.local)}")
            lines.append(f"    release: {clip(c.theirs)}")
    lines.append(f"Recorded in the admin under Content releases ({release}).")
    return "\n".join(lines)
