"""The content rules, as pure functions over plain values.

Model ``clean()`` methods, the admin's inline formsets and ``manage.py check_content``
all call these, so a rule is written once and holds wherever content is edited.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"
ORDERING = "ordering"
DECISION = "decision"
ONE_RIGHT_KINDS = {SINGLE, TRUE_FALSE, DECISION}

SAFETY_DECISION = "safety-decision"
RULE = "rule"
CASE_FACT = "case-fact"

CERTIFYING = "certifying"
PRACTICE = "practice"


@dataclass(frozen=True)
class ChoiceFacts:
    is_correct: bool
    position: int | None


PARTIAL_CREDIT_KINDS = {MULTIPLE, ORDERING}


def question_problems(*, kind: str, role: str, partial_credit: bool) -> dict[str, list[str]]:
    """What is wrong with a question's own fields, by field."""
    problems: dict[str, list[str]] = {}
    if partial_credit and kind not in PARTIAL_CREDIT_KINDS:
        problems["partial_credit"] = ["Partial credit is for multiple select and ordering only."]
    if kind == DECISION and not role.strip():
        problems["role"] = ["A decision question puts the learner in a named role."]
    return problems


def choice_problems(kind: str, choices: Sequence[ChoiceFacts]) -> list[str]:
    """What is wrong with a question's set of choices, given its kind."""
    problems: list[str] = []
    if len(choices) < 2:
        problems.append(f"needs at least two choices (has {len(choices)})")
    right = sum(1 for c in choices if c.is_correct)
    if kind in ONE_RIGHT_KINDS and right != 1:
        problems.append(f"needs exactly one right choice (has {right})")
    if kind == TRUE_FALSE and len(choices) != 2:
        problems.append(f"a true/false question has exactly two choices (has {len(choices)})")
    if kind == MULTIPLE and right < 1:
        problems.append("needs at least one right choice")
    if kind == ORDERING:
        positions = [c.position for c in choices]
        if any(p is None for p in positions):
            problems.append("every choice of an ordering question needs a position")
        elif sorted(p for p in positions if p is not None) != list(range(1, len(choices) + 1)):
            shown = ", ".join(str(p) for p in sorted(p for p in positions if p is not None))
            problems.append(
                f"positions must be 1 to {len(choices)} with no gaps or repeats (has {shown})"
            )
    elif any(c.position is not None for c in choices):
        problems.append("only ordering questions give their choices a position")
    return problems


@dataclass(frozen=True)
class QuestionFacts:
    """What the bank rules read of a question: its slot (None: a slot of its own)."""

    slug: str
    slot: str | None
    critical: bool
    purpose: str
    pool: str = CERTIFYING


def _by_slot(
    questions: Sequence[QuestionFacts], slots: Sequence[str]
) -> dict[str, list[QuestionFacts]]:
    banks: dict[str, list[QuestionFacts]] = {slot: [] for slot in slots}
    for question in questions:
        banks.setdefault(question.slot or f"question {question.slug}", []).append(question)
    return banks


def module_problems(
    *,
    published: bool,
    questions: Sequence[QuestionFacts],
    slots: Sequence[str] = (),
    per_slot: int = 1,
    max_case_facts: int | None = None,
) -> list[str]:
    """What stops a module's certifying pool from filling a form. Drafts may be incomplete;
    practice questions are never drawn for a form."""
    if not published:
        return []
    certifying = [q for q in questions if q.pool == CERTIFYING]
    if not certifying:
        return ["a published module needs at least one certifying question"]
    problems = []
    banks = _by_slot(certifying, slots)
    for slot, members in banks.items():
        if not members:
            problems.append(f"slot {slot} has no certifying question, so no form can be drawn")
        elif len({q.critical for q in members}) > 1:
            problems.append(f"slot {slot} mixes critical and other questions")
    only_facts = [s for s, qs in banks.items() if qs and all(q.purpose == CASE_FACT for q in qs)]
    if max_case_facts is not None and len(only_facts) * per_slot > max_case_facts:
        problems.append(
            f"{len(only_facts) * per_slot} case-fact questions would be on every form "
            f"(slots {', '.join(only_facts)}); the module allows {max_case_facts}"
        )
    return problems


# The publishing rule of the pools: enough certifying questions in a slot that retakes and
# practice cannot show a learner the form, and a practice question to learn from.
MIN_CERTIFYING = 3
MIN_PRACTICE = 1


def pool_problems(
    *,
    published: bool,
    questions: Sequence[QuestionFacts],
    slots: Sequence[str] = (),
) -> list[str]:
    """Where a published module's slots fall short of the pools a slot needs: at least
    MIN_CERTIFYING certifying questions and MIN_PRACTICE practice ones, critical slots too."""
    if not published:
        return []
    problems = []
    for slot, members in _by_slot(questions, slots).items():
        certifying = sum(q.pool == CERTIFYING for q in members)
        practice = sum(q.pool == PRACTICE for q in members)
        if certifying < MIN_CERTIFYING or practice < MIN_PRACTICE:
            problems.append(
                f"slot {slot} has {_count(certifying, 'certifying question')} and "
                f"{_count(practice, 'practice question')}; every slot needs at least "
                f"{MIN_CERTIFYING} and {MIN_PRACTICE}"
            )
    return problems


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


# Addresses under /modules/ that are pages of their own, so no module may take them.
RESERVED_MODULE_SLUGS = frozenset({"next"})


def module_slug_problems(slug: str) -> list[str]:
    if slug in RESERVED_MODULE_SLUGS:
        return [f"“{slug}” is the address of another page (/modules/{slug}/); choose another"]
    return []


def quote_problems(quote: str) -> list[str]:
    return [] if quote.strip() else ["the quote is empty"]


QUOTE_MARKS = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "}
)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(QUOTE_MARKS)).strip()


def quoted_verbatim(quote: str, text: str) -> bool:
    """Whether ``quote`` stands in ``text``; whitespace and curly quotes aside,
    with "..." marking an elision whose parts must appear in order."""
    parts = [normalise(p) for p in re.split(r"\.\.\.|\u2026", quote) if normalise(p)]
    body = normalise(text)
    at = 0
    for part in parts:
        at = body.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return bool(parts)


def lines(text: str) -> Iterable[str]:
    return (line.strip() for line in text.splitlines() if line.strip())
