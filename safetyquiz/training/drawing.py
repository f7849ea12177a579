"""Drawing a form from a module's bank: pure functions over plain values, no ORM.

A module's bank is its questions grouped in slots (one objective each). A certifying form
asks every critical slot and, when the module says how many slots a form asks, as many of
the others as fit, the ones this learner has seen least first; from each slot it takes
``per_slot`` questions, again the least seen first, never more case-fact questions than
the module allows, and never the previous form again when the bank has another.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class BankQuestion:
    id: int
    slot: int  # the slot's id; the bank lists slots in the module's order
    critical: bool = False
    case_fact: bool = False


Freshness = Callable[[BankQuestion], tuple[int, bool, float]]
Slots = dict[int, list[BankQuestion]]
Picks = dict[int, list[BankQuestion]]


@dataclass(frozen=True)
class FormRules:
    per_slot: int = 1
    form_slots: int | None = None  # None: every slot
    max_case_facts: int | None = None  # None: no cap (practice)


def slots_of(bank: Sequence[BankQuestion]) -> Slots:
    """The bank's questions by slot, slots and questions in the bank's order."""
    slots: Slots = {}
    for question in bank:
        slots.setdefault(question.slot, []).append(question)
    return slots


def draw_form(
    bank: Sequence[BankQuestion],
    rules: FormRules,
    rng: random.Random,
    *,
    seen: Mapping[int, int] | None = None,
    last_form: Collection[int] = (),
) -> list[int]:
    """The ids of the questions a new attempt asks, in the module's slot order.

    ``seen`` counts how often this learner has been asked each question; ``last_form`` is
    the previous form of the same kind, which a retake avoids whenever the bank allows.
    """
    seen = seen or {}
    last = set(last_form)
    slots = slots_of(bank)
    # One random draw per question breaks ties, so equal candidates are chosen fairly.
    tiebreak = {q.id: rng.random() for q in bank}

    def freshness(question: BankQuestion) -> tuple[int, bool, float]:
        return (seen.get(question.id, 0), question.id in last, tiebreak[question.id])

    chosen_slots = _choose_slots(slots, rules, freshness)
    picks: Picks = {
        slot: sorted(slots[slot], key=freshness)[: rules.per_slot] for slot in chosen_slots
    }
    if rules.max_case_facts is not None:
        _cap_case_facts(picks, slots, rules.max_case_facts, freshness)
    form = [q.id for slot in slots if slot in picks for q in picks[slot]]
    if last and set(form) == last:
        form = _vary(picks, slots, rng) or form
    return form


def _choose_slots(slots: Slots, rules: FormRules, freshness: Freshness) -> list[int]:
    critical = [s for s, qs in slots.items() if any(q.critical for q in qs)]
    others = [s for s in slots if s not in critical]
    if rules.form_slots is None or len(critical) + len(others) <= rules.form_slots:
        return list(slots)
    room = max(0, rules.form_slots - len(critical))
    # The slots whose freshest question is freshest come first.
    others.sort(key=lambda s: min(freshness(q) for q in slots[s]))
    return critical + others[:room]


def _cap_case_facts(picks: Picks, slots: Slots, cap: int, freshness: Freshness) -> None:
    """Swap case-fact picks for other questions of their slot until the cap holds."""
    for slot in sorted(picks, key=lambda s: [freshness(q) for q in picks[s]], reverse=True):
        over = sum(q.case_fact for qs in picks.values() for q in qs) - cap
        if over <= 0:
            return
        spare = sorted(
            (q for q in slots[slot] if not q.case_fact and q not in picks[slot]), key=freshness
        )
        kept = [q for q in picks[slot] if not q.case_fact]
        swapped = [q for q in picks[slot] if q.case_fact]
        while swapped and spare and over > 0:
            swapped.pop()
            kept.append(spare.pop(0))
            over -= 1
        picks[slot] = sorted(kept + swapped, key=freshness)


def _vary(picks: Picks, slots: Slots, rng: random.Random) -> list[int] | None:
    """The same form with one question swapped for an unpicked one of its slot, if any."""
    swappable = [s for s in picks if len(slots[s]) > len(picks[s])]
    if not swappable:
        return None
    slot = rng.choice(swappable)
    spare = [q for q in slots[slot] if q not in picks[slot]]
    # Keep the case-fact count: prefer a spare of the same purpose as the one it replaces.
    out = picks[slot][-1]
    same = [q for q in spare if q.case_fact == out.case_fact] or spare
    picks[slot] = [*picks[slot][:-1], rng.choice(same)]
    return [q.id for s in slots if s in picks for q in picks[s]]


@dataclass(frozen=True)
class Outline:
    """What a certifying form asks, whichever questions it draws."""

    questions: int
    critical: int
    bank: int


def outline(bank: Sequence[BankQuestion], rules: FormRules) -> Outline:
    slots = slots_of(bank)
    asked = _choose_slots(slots, rules, lambda q: (0, False, 0.0))
    sizes = {s: min(rules.per_slot, len(slots[s])) for s in asked}
    critical = sum(n for s, n in sizes.items() if any(q.critical for q in slots[s]))
    return Outline(questions=sum(sizes.values()), critical=critical, bank=len(bank))


def practice_questions(
    bank: Sequence[BankQuestion],
    rng: random.Random,
    *,
    seen: Mapping[int, int] | None = None,
    only_slots: Collection[int] = (),
) -> list[int]:
    """A practice round: every question of the slots asked for, or else one question per
    slot, the least seen first."""
    if only_slots:
        return [q.id for q in bank if q.slot in set(only_slots)]
    return draw_form(bank, FormRules(per_slot=1), rng, seen=seen)


def seen_counts(past_forms: Sequence[Sequence[int]]) -> Counter[int]:
    """How often each question was asked across a learner's past attempts."""
    return Counter(pk for form in past_forms for pk in form)
