"""A blind panel's picks: read through the export's mapping, kept by question slug and choice
key, scored again on the content as it is now, and held against what a published module
needs.

Pure, no ORM. A reading is current while the module's certifying pool is the one the reader
answered: the same questions, with the same kind, role, prompt and choice texts (each
question's digest). A corrected key does not make it stale: the picks are scored on the key
as it is now. A reading whose pool changed is stale, and says which questions changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from safetyquiz.content.rules import MULTIPLE, ORDERING

from .. import scoring
from ..quality.items import Bank, Item
from ..quality.readers import Score, score_reader

CAUTIOUS = "cautious"
EXPERT = "expert"
BRIEFING_ONLY = "briefing-only"
OTHER = "other"
PERSONAS = {
    CAUTIOUS: "cautious non-expert: knows no firearm specifics, takes the most careful option",
    EXPERT: "expert: an armorer who knows the rules",
    BRIEFING_ONLY: "read the briefing and did the practice, knows nothing else",
    OTHER: "other (see the description)",
}

Picks = dict[str, list[str]]  # question slug -> choice keys (ordering: keys in order)


def digest(item: Item) -> str:
    """What the reader saw of a question, as a short digest."""
    seen = [item.kind, item.role, item.prompt, sorted((c.key, c.text) for c in item.choices)]
    return hashlib.sha256(json.dumps(seen, ensure_ascii=False).encode()).hexdigest()[:16]


def pool_digests(pool: Sequence[Item]) -> dict[str, str]:
    return {item.slug: digest(item) for item in sorted(pool, key=lambda i: i.slug)}


def fingerprint(digests: Mapping[str, str]) -> str:
    return hashlib.sha256(json.dumps(sorted(digests.items())).encode()).hexdigest()[:16]


class PickError(ValueError):
    """Picks that cannot be read: each problem names the id it is about."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_picks(picks: object, mapping: object) -> Picks:
    """The reader's labels, through the mapping, as choice keys by question slug. Raises
    PickError listing every missing, unknown or malformed pick by its id."""
    questions = _mapped_questions(mapping)
    if not isinstance(picks, dict):
        raise PickError(['the picks are not a JSON object of id: label (such as {"K7QF2M": "B"})'])
    problems = [f"{qid}: not an id of this export" for qid in picks if qid not in questions]
    found: Picks = {}
    for qid, entry in questions.items():
        try:
            found[entry["question"]] = _keys(entry, picks.get(qid))
        except ValueError as error:
            problems.append(f"{qid}: {error}")
    if problems:
        raise PickError(problems)
    return found


def _mapped_questions(mapping: object) -> dict[str, dict[str, Any]]:
    questions = mapping.get("questions") if isinstance(mapping, dict) else None
    well_formed = isinstance(questions, dict) and all(
        isinstance(e, dict)
        and isinstance(e.get("question"), str)
        and isinstance(e.get("kind"), str)
        and isinstance(e.get("labels"), dict)
        for e in questions.values()
    )
    if not well_formed:
        raise PickError(["the mapping is not one written by `panel export`"])
    return questions  # type: ignore[return-value]


def _keys(entry: Mapping[str, Any], pick: object) -> list[str]:
    labels: dict[str, str] = entry["labels"]
    kind = entry["kind"]
    listed = sorted(labels)
    if pick is None:
        example = '"B"' if kind not in (MULTIPLE, ORDERING) else '["A", "D"]'
        raise ValueError(f"no pick (write {example})")
    many = kind in (MULTIPLE, ORDERING)
    if many and not isinstance(pick, list):
        raise ValueError(f'{_kind(kind)}: write a list of labels, such as ["A", "C"]')
    if not many and not isinstance(pick, str):
        raise ValueError(f'{_kind(kind)}: write one label, such as "B"')
    raw: list[object] = [pick] if isinstance(pick, str) else list(pick)  # type: ignore[call-overload]
    if not all(isinstance(label, str) for label in raw):
        raise ValueError('labels are strings, such as "A"')
    given = [str(label).strip().upper() for label in raw]
    if unknown := [label for label in given if label not in labels]:
        raise ValueError(
            f"{', '.join(unknown)} is not a label of this question ({', '.join(listed)})"
        )
    if len(set(given)) != len(given):
        raise ValueError("a label is given twice")
    if kind == MULTIPLE and not given:
        raise ValueError("tick at least one box")
    if kind == ORDERING and len(given) != len(labels):
        raise ValueError(f"put every label in order ({', '.join(listed)})")
    keys = [labels[label] for label in given]
    return keys if kind == ORDERING else sorted(keys)


def _kind(kind: str) -> str:
    return {MULTIPLE: "multiple select", ORDERING: "ordering"}.get(kind, "one answer")


def response_of(item: Item, keys: Sequence[str]) -> scoring.Response:
    if item.kind == ORDERING:
        return {key: place for place, key in enumerate(keys, start=1)}
    return frozenset(keys)


@dataclass(frozen=True)
class Changes:
    """How a module's certifying pool differs from the one a reader answered."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def __str__(self) -> str:
        parts = [
            f"{what}: {', '.join(slugs)}"
            for what, slugs in (
                ("changed", self.changed),
                ("added", self.added),
                ("removed", self.removed),
            )
            if slugs
        ]
        return "; ".join(parts)


def changes(answered: Mapping[str, str], now: Mapping[str, str]) -> Changes:
    """The questions added, removed and changed (by digest) since ``answered``."""
    return Changes(
        added=tuple(sorted(set(now) - set(answered))),
        removed=tuple(sorted(set(answered) - set(now))),
        changed=tuple(sorted(s for s in set(now) & set(answered) if now[s] != answered[s])),
    )


@dataclass(frozen=True)
class Rescored:
    """A stored reading scored again on the content as it is now."""

    reader: str
    persona: str
    changes: Changes
    unanswered: tuple[str, ...]  # questions of the pool now with no pick
    score: Score | None  # None when stale or incomplete: nothing to score it on

    @property
    def current(self) -> bool:
        return self.score is not None


def rescore(
    reader: str, persona: str, answered: Mapping[str, str], picks: Picks, pool: Bank
) -> Rescored:
    """The reading scored on ``pool`` (the module's certifying pool now); ``answered`` is
    the pool's digests when the reader answered it."""
    moved = changes(answered, pool_digests(pool.items))
    unanswered = tuple(sorted(i.slug for i in pool.items if i.slug not in picks))
    if moved or unanswered:
        return Rescored(reader, persona, moved, unanswered, None)
    answers = {item.id: [(Fraction(1), response_of(item, picks[item.slug]))] for item in pool.items}
    return Rescored(reader, persona, moved, unanswered, score_reader(pool, answers))


def panel_problems(readings: Sequence[Rescored], *, cautious_pass: float) -> list[str]:
    """What a published module's panel lacks, of its current certifying pool: a cautious
    reader who passes less often than ``cautious_pass``, and an expert with every item
    right."""
    current = [r for r in readings if r.score is not None]
    found = []
    cautious = [r for r in current if r.persona == CAUTIOUS]
    if not any(r.score and r.score.pass_chance < cautious_pass for r in cautious):
        best = ", ".join(f"{r.reader} passes {_chance(r)}" for r in cautious) or "none recorded"
        found.append(
            f"needs a current reading by a cautious non-expert who passes under "
            f"{cautious_pass:.0%} of first forms ({best})"
        )
    experts = [r for r in current if r.persona == EXPERT]
    if not any(r.score and r.score.all_right for r in experts):
        have = ", ".join(
            f"{r.reader} {r.score.right} of {r.score.items}" for r in experts if r.score
        )
        have = have or "none recorded"
        found.append(f"needs a current reading by an expert with every item right ({have})")
    return found


def stale_notes(readings: Sequence[Rescored]) -> list[str]:
    notes = []
    for r in readings:
        if r.changes:
            notes.append(
                f"reading by {r.reader} is stale: the certifying pool changed since ({r.changes})"
            )
        elif r.unanswered:
            notes.append(f"reading by {r.reader} leaves {', '.join(r.unanswered)} unanswered")
    return notes


def _chance(r: Rescored) -> str:
    return f"{float(r.score.pass_chance):.1%}" if r.score else "-"


@dataclass(frozen=True)
class Panel:
    """A module's panel as it stands on its content now."""

    problems: list[str]  # what a published module's panel lacks (none for a draft)
    stale: list[str]
    cautious: Rescored | None  # the current cautious reading that passes least often
    expert: Rescored | None  # the current expert reading with the most items right
    briefing_only: Rescored | None  # the current briefing-only reading that passes most


def panel_of(readings: Sequence[Rescored], *, published: bool, cautious_pass: float) -> Panel:
    current = [r for r in readings if r.score is not None]

    def best(persona: str, key: Any) -> Rescored | None:
        return min((r for r in current if r.persona == persona), key=key, default=None)

    return Panel(
        problems=panel_problems(readings, cautious_pass=cautious_pass) if published else [],
        stale=stale_notes(readings),
        cautious=best(CAUTIOUS, lambda r: r.score.pass_chance),
        expert=best(EXPERT, lambda r: -r.score.right),
        briefing_only=best(BRIEFING_ONLY, lambda r: -r.score.pass_chance),
    )
