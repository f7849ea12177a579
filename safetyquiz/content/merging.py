"""How a content release meets the content as edited here: a three-way merge, field by
field, of the object as the previous release had it (the base), as it is here, and as
the new release has it. Pure: values are plain JSON values, compared for equality.

A field only one side changed takes that side's value; a field both changed, or one
that no release recorded, is a conflict, settled for the side asked for (here unless
told otherwise), like git's ``-X ours`` and ``-X theirs``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

Values = Mapping[str, Any]


class Outcome(Enum):
    SAME = "same"  # both sides hold the same value
    RELEASE = "release"  # only the release changed it: the release's value is taken
    LOCAL = "local"  # only an edit here changed it: it stays
    CONFLICT = "conflict"  # both changed it, or no release recorded it


def field_outcome(*, base: Values | None, field: str, local: Any, theirs: Any) -> Outcome:
    if local == theirs:
        return Outcome.SAME
    if base is None or field not in base:
        return Outcome.CONFLICT
    if local == base[field]:
        return Outcome.RELEASE
    if theirs == base[field]:
        return Outcome.LOCAL
    return Outcome.CONFLICT


@dataclass(frozen=True)
class FieldMerge:
    field: str
    outcome: Outcome
    local: Any
    theirs: Any

    def takes_release(self, theirs_wins: bool) -> bool:
        return self.outcome is Outcome.RELEASE or (self.outcome is Outcome.CONFLICT and theirs_wins)


def merge_fields(*, base: Values | None, local: Values, theirs: Values) -> list[FieldMerge]:
    """Every field the release gives, with what becomes of it."""
    return [
        FieldMerge(
            field,
            field_outcome(base=base, field=field, local=local.get(field), theirs=value),
            local.get(field),
            value,
        )
        for field, value in theirs.items()
    ]


class Fate(Enum):
    """What a release does to one object as a whole."""

    ADD = "add"  # new in the release, never here
    MERGE = "merge"  # here and in the release: merged field by field
    DELETED_HERE = (
        "deleted here"  # deleted here since a release held it; the release did not change it
    )
    DELETED_HERE_CONFLICT = "deleted here, changed by the release"
    KEEP = "keep"  # not in the release and never released: made here, or already gone
    REMOVE = "remove"  # the release dropped it and nothing here changed it
    DROPPED_CONFLICT = "dropped by the release, changed here"


def fate(*, base: Values | None, local: Values | None, theirs: Values | None) -> Fate:
    """The fate of an object the release holds (``theirs``) or, with pruning, one it no
    longer holds (``theirs`` None)."""
    if theirs is not None:
        if local is not None:
            return Fate.MERGE
        if base is None:
            return Fate.ADD
        return Fate.DELETED_HERE if changed(base, theirs) == [] else Fate.DELETED_HERE_CONFLICT
    if base is None or local is None:
        return Fate.KEEP
    return Fate.REMOVE if changed(base, local) == [] else Fate.DROPPED_CONFLICT


def changed(base: Values, now: Values) -> list[str]:
    """The fields of ``base`` that ``now`` holds differently (a field ``now`` lacks is one
    it does not speak of)."""
    return [field for field, value in base.items() if field in now and now[field] != value]
