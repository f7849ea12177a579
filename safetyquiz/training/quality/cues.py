"""Surface cues: can a feature of the choices that needs no knowledge find the key?

Pure, no ORM. Each feature is played as a reader who follows it on every question of a
module's certifying pool, and answers at random where it says nothing:

- length rank: always the k-th longest choice, and always the k-th shortest, for every k
  (multiple select: the k longest, or the k shortest, boxes);
- absolute words ("always", "never", "every", "all", "only", ...): always a choice with
  one, and always a choice without one (multiple select: those boxes);
- an action word (stop, call, report, refuse, ...): always a choice with one, and always a
  choice without one;
- true/false: always True, and always False.

A feature says nothing on a question where it points at every choice or at none, and
length and words say nothing on a true/false question. Ordering questions get a random
order from every reader. Each reader gets the exact chance that it passes a first
certifying form (``readers.score_reader``), and each feature a hit rate: on the questions
with one right choice where it points somewhere, how often the key is among the choices
it points at, against how often it would be by chance (the share of the choices it points
at), with the chance of so many hits or more if it were no cue at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from safetyquiz.content.rules import MULTIPLE, ONE_RIGHT_KINDS, ORDERING, TRUE_FALSE, normalise

from .items import Bank, ChoiceItem, Item
from .readers import Guess, at_random, score_reader

ABSOLUTE = re.compile(
    r"\b(?:always|never|every|everyone|everybody|everything|everywhere|all|only|none|"
    r"nobody|nothing|no[ -]one|entirely|completely|absolutely|under no circumstances)\b"
)
ACTION = re.compile(
    r"\b(?:stop|stops|stopping|halt|halts|pause|pauses|freeze|call|calls|calling|phone|"
    r"radio|report|reports|reporting|refuse|refuses|refusing|decline|declines|tell|tells|"
    r"alert|alerts|notify|notifies|warn|warns|raise|raises|flag|flags|escalate|"
    r"speak up|speaks up|walk away|wait|waits)\b"
)
WORDS = {"absolute": ABSOLUTE, "action": ACTION}

RANDOM = "random"


@dataclass(frozen=True)
class Feature:
    name: str  # e.g. "longest-2", "absolute", "no-action", "true", "random"

    @property
    def label(self) -> str:
        end, _, rank = self.name.partition("-")
        if end in ("longest", "shortest") and rank:
            return f"always the {_ordinal(int(rank))}{end} choice"
        return LABELS[self.name]


LABELS = {
    "absolute": "always a choice with an absolute word (always, never, all, only...)",
    "no-absolute": "always a choice without an absolute word",
    "action": "always a choice with an action word (stop, call, report, refuse...)",
    "no-action": "always a choice without an action word",
    "true": "always True",
    "false": "always False",
    RANDOM: "random choices",
}


def _ordinal(n: int) -> str:
    """ "" for 1 (the longest), "2nd " for 2, ..."""
    if n == 1:
        return ""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} "


def features(items: Iterable[Item]) -> list[Feature]:
    items = list(items)
    widest = max((len(i.choices) for i in items if i.kind != TRUE_FALSE), default=0)
    ranks = [Feature(f"{end}-{k}") for end in ("longest", "shortest") for k in range(1, widest)]
    words = [Feature(n) for w in WORDS for n in (w, f"no-{w}")]
    return [*ranks, *words, Feature("true"), Feature("false")]


def pointed(feature: Feature, item: Item) -> list[Guess] | None:
    """The responses the feature points to on the question, each with its chance; None
    where it says nothing."""
    kind, _, rank = feature.name.partition("-")
    if item.kind == ORDERING or feature.name == RANDOM:
        return None
    if item.kind == TRUE_FALSE:
        if feature.name not in ("true", "false"):
            return None
        wanted = feature.name == "true"
        return [(Fraction(1), frozenset(c.key for c in item.choices if c.is_true == wanted))]
    if kind in ("longest", "shortest") and rank:
        return _by_length(item, int(rank), longest=kind == "longest")
    word = WORDS.get(feature.name.removeprefix("no-"))
    if word is None:
        return None
    has = [c for c in item.choices if bool(word.search(_text(c))) != feature.name.startswith("no-")]
    if not 0 < len(has) < len(item.choices):
        return None
    if item.kind == MULTIPLE:
        return [(Fraction(1), frozenset(c.key for c in has))]
    return [(Fraction(1, len(has)), frozenset([c.key])) for c in has]


def _text(choice: ChoiceItem) -> str:
    return normalise(choice.text).lower()


def _by_length(item: Item, rank: int, *, longest: bool) -> list[Guess] | None:
    """The choice of that rank by length (multiple select: that many boxes); on a tie, any
    of the tied choices alike."""
    choices = sorted(item.choices, key=lambda c: -c.length if longest else c.length)
    if rank >= len(choices) + (item.kind != MULTIPLE):
        return None
    at = choices[rank - 1].length
    beyond = [c.key for c in choices if (c.length > at if longest else c.length < at)]
    tied = [c.key for c in choices if c.length == at]
    if len(tied) == len(choices):
        return None
    if item.kind != MULTIPLE:
        return [(Fraction(1, len(tied)), frozenset([k])) for k in tied]
    need = rank - len(beyond)
    ways = list(combinations(tied, need))
    return [(Fraction(1, len(ways)), frozenset(beyond) | frozenset(w)) for w in ways]


def answers(feature: Feature, item: Item) -> list[Guess]:
    """How the feature's reader answers the question."""
    return pointed(feature, item) or at_random(item)


@dataclass(frozen=True)
class Hits:
    """On the questions with one right choice where the feature points somewhere: how often
    the key is among the choices it points at, against the share of the choices it points
    at (what chance would give)."""

    items: int = 0
    hits: int = 0
    expected: Fraction = Fraction(0)
    odds: tuple[Fraction, ...] = ()  # each question's chance of a hit by chance

    @property
    def rate(self) -> float | None:
        return self.hits / self.items if self.items else None

    @property
    def chance_rate(self) -> float | None:
        return float(self.expected / self.items) if self.items else None

    @property
    def p_value(self) -> float:
        """The chance of this many hits or more if the feature were no cue at all."""
        return at_least(self.hits, self.odds)

    def __add__(self, other: Hits) -> Hits:
        return Hits(
            self.items + other.items,
            self.hits + other.hits,
            self.expected + other.expected,
            self.odds + other.odds,
        )


def hits(feature: Feature, items: Iterable[Item]) -> Hits:
    total = Hits()
    for item in items:
        told = pointed(feature, item) if item.kind in ONE_RIGHT_KINDS else None
        if not told:
            continue
        at = {key for _, response in told for key in response}
        share = Fraction(len(at), len(item.choices))
        hit = any(c.is_correct for c in item.choices if c.key in at)
        total += Hits(1, int(hit), share, (share,))
    return total


def at_least(count: int, odds: Sequence[Fraction]) -> float:
    """The chance that at least ``count`` of independent events with these chances happen
    (a Poisson-binomial tail)."""
    ways = [1.0]  # ways[k]: the chance of exactly k so far
    for p in map(float, odds):
        ways = [
            (ways[k] if k < len(ways) else 0.0) * (1 - p) + (ways[k - 1] * p if k else 0.0)
            for k in range(len(ways) + 1)
        ]
    return sum(chance for k, chance in enumerate(ways) if k >= count)


@dataclass(frozen=True)
class Cue:
    feature: Feature
    hits: Hits
    pass_chance: Fraction | None  # None over the whole course: forms are per module


def module_cues(pool: Bank) -> tuple[Cue, ...]:
    """Every feature that points somewhere in a module's certifying pool, and last a reader
    who picks at random."""
    cues, seen = [], set()
    for feature in features(pool.items):
        told = [pointed(feature, item) for item in pool.items]
        # Two features that answer every question alike (the 2nd longest of four choices is
        # the 3rd shortest) are one reader: the first is kept.
        alike = tuple(_signature(t) for t in told)
        if not any(told) or alike in seen:
            continue
        seen.add(alike)
        plays = {item.id: t or at_random(item) for item, t in zip(pool.items, told, strict=True)}
        cues.append(Cue(feature, hits(feature, pool.items), score_reader(pool, plays).pass_chance))
    plays = {item.id: at_random(item) for item in pool.items}
    cues.append(Cue(Feature(RANDOM), Hits(), score_reader(pool, plays).pass_chance))
    return tuple(cues)


def course_cues(pools: Iterable[Bank]) -> tuple[Cue, ...]:
    """The hit rate of every feature over the certifying pools of every module."""
    items = [item for pool in pools for item in pool.items]
    return tuple(Cue(f, hits(f, items), None) for f in features(items))


def _signature(told: list[Guess] | None) -> tuple[tuple[Fraction, tuple[str, ...]], ...]:
    """What the feature points to on one question (no ordering: it never points there)."""
    return tuple(sorted((p, tuple(sorted(r))) for p, r in told or ()))


def problems(
    cue: Cue, *, pass_limit: float, margin: float, p_limit: float, min_items: int
) -> list[str]:
    """Why the feature is a cue, if it is: its reader passes too often, or it points at the
    key more often than chance, by more than ``margin``, on at least ``min_items``
    questions, and more often than chance would once in ``1 / p_limit`` pools."""
    found = []
    label = cue.feature.label
    if cue.pass_chance is not None and cue.pass_chance >= pass_limit:
        found.append(
            f"a reader who takes {label} passes {float(cue.pass_chance):.1%} of first forms "
            f"(limit below {pass_limit:.0%})"
        )
    h = cue.hits
    rate, base = h.rate, h.chance_rate
    if (
        rate is not None
        and base is not None
        and h.items >= min_items
        and rate - base > margin
        and h.p_value < p_limit
    ):
        found.append(
            f"{label} finds the key in {rate:.0%} of {h.items} questions with one right "
            f"choice, against {base:.0%} by chance (limit {margin:.0%} over chance)"
        )
    return found
