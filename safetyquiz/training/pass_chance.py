"""The exact chance that a reader passes a first certifying form.

Pure, no ORM. A reader is known by how they answer each certifying question: a spread of
outcomes with their chances (one outcome, for a person's picks; several, for a reader who
guesses where nothing tells them). The chance is summed over every form the draw can make,
each weighted as ``drawing.draw_form`` weights it, and each form is scored by the app's own
rules (``scoring.result``: the pass mark, and no critical miss).

How the draw weighs a first form. With nothing seen before, ``draw_form`` orders the
questions by independent uniform draws, so:

- within a slot, the questions asked are a uniformly random ``per_slot`` of them, in a
  random order, independent of everything outside the slot;
- slots are ranked by their best draw, so the chance that a slot comes next among those not
  yet ranked is its number of questions over theirs (a Plackett-Luce order, whose order on
  any subset of slots is again Plackett-Luce with the same weights);
- a form asking fewer slots than the module has takes every critical slot and the first of
  the others in that order; the case-fact cap swaps case facts for other questions of
  their slot, taking the slots last in that order first.

Forms are enumerated by those three steps (orders only as far as they change the form), and
their outcomes are combined slot by slot, so a bank of 7 slots of 4 questions costs a few
milliseconds, not 28! orderings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import combinations, permutations
from math import comb, perm

from . import scoring
from .drawing import BankQuestion, FormRules, slots_of

# How a reader answers one question: each outcome with its chance (summing to 1).
Spread = Sequence[tuple[Fraction, scoring.Outcome]]

# A running total of the questions asked: (points, maximum), or FAIL once a critical
# question is missed (nothing after it can pass the form).
Total = tuple[Decimal, Decimal] | None
FAIL: Total = None
Totals = dict[Total, Fraction]
ZERO: Total = (Decimal(0), Decimal(0))
NOTHING: Totals = {ZERO: Fraction(1)}


def pass_chance(
    bank: Sequence[BankQuestion],
    rules: FormRules,
    pass_mark: int,
    answers: Mapping[int, Spread],
) -> Fraction:
    """The chance that a reader answering as ``answers`` says (question id -> spread) passes
    a first certifying form drawn from ``bank`` (the certifying pool) by ``rules``."""
    if not bank:
        return Fraction(0)
    draw = _Draw(bank, rules, answers)
    totals: Totals = defaultdict(Fraction)
    for (chosen, order), weight in draw.arrangements().items():
        for total, chance in draw.totals(chosen, order).items():
            totals[total] += weight * chance
    return sum(
        (chance for total, chance in totals.items() if passes(total, pass_mark)), Fraction(0)
    )


def passes(total: Total, pass_mark: int) -> bool:
    if total is None:  # FAIL
        return False
    points, maximum = total
    outcome = scoring.Outcome(points, maximum, correct=points == maximum, critical_miss=False)
    return scoring.result([outcome], pass_mark).passed


def add(left: Totals, right: Totals) -> Totals:
    """The totals of two independent parts of a form, added."""
    out: Totals = defaultdict(Fraction)
    for a, pa in left.items():
        for b, pb in right.items():
            out[FAIL if a is None or b is None else (a[0] + b[0], a[1] + b[1])] += pa * pb
    return out


def totals_of(spread: Spread) -> Totals:
    out: Totals = defaultdict(Fraction)
    for chance, outcome in spread:
        out[FAIL if outcome.critical_miss else (outcome.points, outcome.max_points)] += chance
    return out


@dataclass(frozen=True)
class Variant:
    """One way a slot's own draw can fall: how many case facts it picks first, how many it
    could swap for other questions of the slot, and what it asks after 0, 1, ... swaps."""

    case_facts: int
    swappable: int
    asked: tuple[frozenset[int], ...]  # question ids, by number of swaps


Arrangement = tuple[frozenset[int], tuple[int, ...]]  # slots asked; swapping slots, in turn


class _Draw:
    def __init__(
        self, bank: Sequence[BankQuestion], rules: FormRules, answers: Mapping[int, Spread]
    ) -> None:
        self.slots = slots_of(bank)
        self.rules = rules
        self.answers = answers
        self.weight = {slot: len(qs) for slot, qs in self.slots.items()}
        self.critical = {s for s, qs in self.slots.items() if any(q.critical for q in qs)}
        self.others = [s for s in self.slots if s not in self.critical]
        form_slots = rules.form_slots
        self.selecting = form_slots is not None and len(self.slots) > form_slots
        self.room = max(0, (form_slots or 0) - len(self.critical))
        cap = rules.max_case_facts
        most = sum(min(rules.per_slot, sum(q.case_fact for q in qs)) for qs in self.slots.values())
        self.capping = cap is not None and most > cap
        # Slots where the cap can swap a case fact for another question of the slot.
        self.swapping = {
            s
            for s, qs in self.slots.items()
            if self.capping and any(q.case_fact for q in qs) and not all(q.case_fact for q in qs)
        }
        self._totals: dict[frozenset[int], Totals] = {}

    # Which slots are asked, and the order the cap visits the swapping ones in.

    def arrangements(self) -> dict[Arrangement, Fraction]:
        found: dict[Arrangement, Fraction] = defaultdict(Fraction)
        if not self.selecting:
            chosen = frozenset(self.slots)
            for order, chance in plackett_luce(
                [s for s in self.slots if s in self.swapping], self.weight
            ):
                found[(chosen, tuple(reversed(order)))] += chance
            return found
        # Without a cap only the others' order picks the slots; with one, every slot's order
        # counts, since the cap visits critical slots too.
        ranked = list(self.slots) if self.capping else self.others
        self._rank([], ranked, Fraction(1), found)
        return found

    def _rank(
        self,
        placed: list[int],
        remaining: list[int],
        chance: Fraction,
        found: dict[Arrangement, Fraction],
    ) -> None:
        others_placed = [s for s in placed if s not in self.critical]
        if len(others_placed) >= self.room or not remaining:
            chosen = frozenset(self.critical) | frozenset(others_placed)
            head = [s for s in placed if s in self.swapping and s in chosen]
            rest = [s for s in remaining if s in self.swapping and s in chosen]
            for tail, more in plackett_luce(rest, self.weight):
                found[(chosen, tuple(reversed(head + list(tail))))] += chance * more
            return
        whole = sum(self.weight[s] for s in remaining)
        for slot in remaining:
            self._rank(
                [*placed, slot],
                [s for s in remaining if s != slot],
                chance * Fraction(self.weight[slot], whole),
                found,
            )

    # What the slots asked add up to.

    def totals(self, chosen: frozenset[int], order: tuple[int, ...]) -> Totals:
        settled = [s for s in self.slots if s in chosen and s not in order]
        if not self.capping:
            out = NOTHING
            for slot in settled:
                out = add(out, self._mixed(slot))
            return out
        cap = self.rules.max_case_facts or 0
        variants = {s: self.variants(s) for s in chosen}
        most = sum(max(v.case_facts for v, _ in variants[s]) for s in chosen)
        found: Totals = defaultdict(Fraction)
        # The cap's swaps depend on how many case facts the whole form picked first: take
        # each count in turn, and keep the ways that come to it.
        for picked in range(most + 1):
            # state: (case facts picked so far, swaps made so far, total) -> chance
            states: dict[tuple[int, int, Total], Fraction] = {(0, 0, ZERO): Fraction(1)}
            for slot in [*settled, *order]:
                step: dict[tuple[int, int, Total], Fraction] = defaultdict(Fraction)
                for (facts, swaps, total), chance in states.items():
                    for variant, weight in variants[slot]:
                        over = max(0, picked - cap - swaps)
                        made = min(over, variant.swappable)
                        part = self._asked(variant.asked[made])
                        for more, p in add({total: Fraction(1)}, part).items():
                            step[(facts + variant.case_facts, swaps + made, more)] += (
                                chance * weight * p
                            )
                states = step
            for (facts, _, total), chance in states.items():
                if facts == picked:
                    found[total] += chance
        return found

    def _mixed(self, slot: int) -> Totals:
        """The slot's totals over its own draw, when no cap swaps anything."""
        out: Totals = defaultdict(Fraction)
        for variant, weight in self.variants(slot):
            for total, chance in self._asked(variant.asked[0]).items():
                out[total] += weight * chance
        return out

    def _asked(self, ids: frozenset[int]) -> Totals:
        if ids not in self._totals:
            out = NOTHING
            for pk in sorted(ids):
                out = add(out, totals_of(self.answers[pk]))
            self._totals[ids] = out
        return self._totals[ids]

    def variants(self, slot: int) -> list[tuple[Variant, Fraction]]:
        """Every way the slot's own draw can fall, with its chance."""
        questions = self.slots[slot]
        size = min(self.rules.per_slot, len(questions))
        found: dict[Variant, Fraction] = defaultdict(Fraction)
        if slot not in self.swapping:
            each = Fraction(1, comb(len(questions), size))
            for picks in combinations(questions, size):
                picked = frozenset(q.id for q in picks)
                found[Variant(sum(q.case_fact for q in picks), 0, (picked,))] += each
            return list(found.items())
        # The order matters here: the cap drops the case facts drawn last and takes the
        # other questions drawn first.
        each = Fraction(1, perm(len(questions), size))
        for picks in permutations(questions, size):
            facts = [q for q in picks if q.case_fact]
            kept = [q.id for q in picks if not q.case_fact]
            spare = [q for q in questions if not q.case_fact and q not in picks]
            room = min(len(facts), len(spare))
            for swaps in permutations(spare, room):
                asked = tuple(
                    frozenset(
                        kept + [q.id for q in facts[: len(facts) - n]] + [q.id for q in swaps[:n]]
                    )
                    for n in range(room + 1)
                )
                found[Variant(len(facts), room, asked)] += each / perm(len(spare), room)
        return list(found.items())


def plackett_luce(
    items: Sequence[int], weight: Mapping[int, int]
) -> Iterator[tuple[tuple[int, ...], Fraction]]:
    """Every order of ``items`` with its chance, each next item drawn in proportion to its
    weight among those left."""
    if not items:
        yield (), Fraction(1)
        return
    whole = sum(weight[i] for i in items)
    for first in items:
        rest = [i for i in items if i != first]
        for order, chance in plackett_luce(rest, weight):
            yield (first, *order), chance * Fraction(weight[first], whole)
