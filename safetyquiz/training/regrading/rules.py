"""Regrading's rules: what an answer scores against a corrected key, and what its attempt
comes to.

Pure, like scoring: no ORM. ``plans`` reads the question as it now is and the answers
given to it, calls these, and stores what they return. A key here is plain JSON, the shape
of ``Answer.regraded_key`` (and of the key fields of an answer's snapshot)::

    {"choices": [{"key", "is_correct", "position"}], "points", "critical", "partial_credit"}

The corrected key of one answer covers the choices that answer showed, matched by choice
key: a choice the question no longer has counts as wrong (an ordering item as misplaced),
and a choice added since is left out, since the learner never saw it.

A key follows the choice, not what it said: where the text of a choice the learner decided
on (the one picked, for one answer; every box, for multiple select; every item, for
ordering) has changed since the answer, the corrected key may judge a statement the
learner never read. Such an answer is reported apart (``AnswerRegrade.reworded``) and
stays as graded unless an editor confirms it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from safetyquiz.content.rules import MULTIPLE, ONE_RIGHT_KINDS, ORDERING, normalise

from .. import scoring

KeyJson = dict[str, Any]

# The start of the reason given on a certificate revoked by a regrade; a later regrade
# that makes the attempt pass again reinstates only a certificate revoked this way.
REVOKED_BY_REGRADE = "Regraded on "


def key_from(kind: str, key: Mapping[str, Any]) -> scoring.Key:
    """The scoring key of a stored key. In an ordering question an item without a
    position (one the question no longer has) can never be in its right place; which
    items are ticked right does not count there."""
    choices = key["choices"]
    if kind == ORDERING:
        positions = {c["key"]: c["position"] or 0 for c in choices}
    else:
        positions = {c["key"]: c["position"] for c in choices if c["position"] is not None}
    return scoring.Key(
        kind=kind,
        points=Decimal(key["points"]),
        correct=frozenset()
        if kind == ORDERING
        else frozenset(c["key"] for c in choices if c["is_correct"]),
        positions=positions,
        critical=bool(key["critical"]),
        partial_credit=bool(key["partial_credit"]),
    )


def response_of(kind: str, stored: Any) -> scoring.Response:
    """A stored response (a list of keys, or for ordering key -> position) for scoring."""
    if kind == ORDERING:
        return {str(k): int(v) for k, v in stored.items()} if isinstance(stored, dict) else {}
    return frozenset(stored) if isinstance(stored, list) else frozenset()


@dataclass(frozen=True)
class Correction:
    """The corrected key for one answer, or None when it cannot be applied to what the
    learner was shown; notes say what the editor should know."""

    key: KeyJson | None
    missing: tuple[str, ...] = ()  # keys shown that the question no longer has
    notes: tuple[str, ...] = ()


def correction(snapshot: Mapping[str, Any], current: Mapping[str, Any]) -> Correction:
    """The corrected key for an answer with ``snapshot``, from ``current``: the question's
    kind and key as it now is (the stored key's shape plus ``kind``)."""
    kind = snapshot["kind"]
    if (kind == ORDERING) != (current["kind"] == ORDERING):
        return Correction(None, notes=(f"asked as {kind}, now {current['kind']}: left as it was",))
    now = {c["key"]: c for c in current["choices"]}
    shown = [c["key"] for c in snapshot["choices"]]
    missing = tuple(k for k in shown if k not in now)
    notes = []
    if kind == ORDERING:
        # The right places among the items shown, in the order the question now gives them.
        ranked = sorted((now[k]["position"] or 0, k) for k in shown if k in now)
        positions: dict[str, int | None] = {k: rank for rank, (_, k) in enumerate(ranked, 1)}
        choices = [{"key": k, "is_correct": False, "position": positions.get(k)} for k in shown]
    else:
        choices = [
            {"key": k, "is_correct": k in now and bool(now[k]["is_correct"]), "position": None}
            for k in shown
        ]
        right = sum(1 for c in choices if c["is_correct"])
        unseen = sorted(k for k, c in now.items() if c["is_correct"] and k not in shown)
        if unseen:
            notes.append(f"right choice {', '.join(unseen)} was not shown to this learner")
        if right == 0 or (kind in ONE_RIGHT_KINDS and right != 1):
            notes.append("no single right answer among the choices shown: left as it was")
            return Correction(None, missing, tuple(notes))
    key = {
        "choices": choices,
        "points": int(current["points"]),
        "critical": bool(current["critical"]),
        "partial_credit": bool(current["partial_credit"]) and kind in (MULTIPLE, ORDERING),
    }
    return Correction(key, missing, tuple(notes))


@dataclass(frozen=True)
class AnswerRegrade:
    key: KeyJson
    before: scoring.Outcome
    after: scoring.Outcome
    notes: tuple[str, ...]
    reworded: tuple[str, ...] = ()  # keys of choices decided on whose text changed since

    @property
    def outcome_changed(self) -> bool:
        return self.before != self.after


def regrade_answer(
    snapshot: Mapping[str, Any],
    response: Any,
    *,
    recorded: scoring.Outcome,
    used_key: Mapping[str, Any] | None,
    current: Mapping[str, Any],
) -> AnswerRegrade | Correction | None:
    """What regrading one answer does: an ``AnswerRegrade`` when its key changes; None
    when it was already scored on the corrected key (a second run changes nothing); or,
    to report without changing anything, the ``Correction`` when it cannot be applied or
    when the answer picked a choice that no longer exists but keeps its key.

    ``recorded`` is the outcome stored on the answer; ``used_key`` the key it was last
    regraded against (None: the snapshot's own key).
    """
    fix = correction(snapshot, current)
    if fix.key is None:
        return fix
    kind = snapshot["kind"]
    given = response_of(kind, response)
    gone = [k for k in fix.missing if k in given]
    notes = fix.notes
    if gone and kind == ORDERING:
        notes += (f"item {', '.join(gone)} no longer exists: never in its right place",)
    elif gone:
        notes += (f"picked choice {', '.join(gone)}, which no longer exists: counted as wrong",)
    key = key_from(kind, fix.key)
    if key == key_from(kind, used_key or snapshot):
        return Correction(fix.key, fix.missing, notes) if notes else None
    changed = reworded(snapshot, given, current)
    return AnswerRegrade(fix.key, recorded, scoring.score(key, given), notes, changed)


def reworded(
    snapshot: Mapping[str, Any], given: scoring.Response, current: Mapping[str, Any]
) -> tuple[str, ...]:
    """The keys of the choices the learner decided on whose text differs now from what the
    learner read: the one picked for a one-answer question, every box of a multiple select,
    every item of an ordering. A choice the question no longer has is not reworded (it
    counts as wrong); ``current`` choices without a text (an older caller) are taken as
    unchanged."""
    now = {c["key"]: c.get("text") for c in current["choices"]}
    shown = {c["key"]: c.get("text") for c in snapshot["choices"]}
    decided = (
        shown if snapshot["kind"] in (MULTIPLE, ORDERING) else [k for k in shown if k in given]
    )
    return tuple(
        k
        for k in decided
        if k in now and now[k] is not None and normalise(now[k]) != normalise(shown[k] or "")
    )


def attempt_result(outcomes: Iterable[scoring.Outcome], pass_mark: int) -> scoring.Result:
    """An attempt's result from its answers' outcomes, the regraded ones included."""
    return scoring.result(outcomes, pass_mark)


ISSUE, REVOKE, REINSTATE = "issue", "revoke", "reinstate"


def certificate_action(
    *, certifying: bool, passed: bool, certificate: str | None, revoked_reason: str = ""
) -> str | None:
    """What a regraded attempt's certificate needs. ``certificate`` is its state (valid,
    expired, revoked) or None when it has none."""
    if passed and certificate is None:
        return ISSUE if certifying else None
    if passed and certificate == "revoked" and revoked_reason.startswith(REVOKED_BY_REGRADE):
        return REINSTATE
    if not passed and certificate in ("valid", "expired"):
        return REVOKE
    return None
