"""What the editors' previews read: one question as crew see it, or a whole module (a draft
above all), its briefing and every question of both pools, slot by slot, each as crew see
it with its key, its feedback and its explanation under it. Nothing is recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from safetyquiz.content.models import Excerpt, Module, Question, Slot

from . import banks, drawing, scoring
from .selectors import SourceQuotes, excerpts_by_source

# The previews' choice order; each attempt shuffles with its own seed.
PREVIEW_SEED = "preview"


@dataclass
class QuestionPreview:
    """What the question part of the attempt page reads, for one question on its own."""

    question: Question
    shown: list[dict[str, Any]] = field(default_factory=list)  # number and text, no key
    number: int = 1
    planned: int = 1
    current_index: int = 0
    right: list[Any] = field(default_factory=list)  # the key: choices, ordering ones in order
    choices: list[Any] = field(default_factory=list)  # in the order shown, with feedback


def question_preview(question: Question, first: int = 0) -> QuestionPreview:
    """The question in one order an attempt could show; its choices numbered from
    ``first``, so many questions on one page keep their fields apart."""
    choices = {c.key: c for c in question.choices.all()}
    positions = {k: c.position for k, c in choices.items() if c.position is not None}
    order = scoring.display_order(
        question.kind, list(choices), f"{PREVIEW_SEED}:{question.pk}", positions
    )
    shown = [{"number": first + n, "text": choices[k].text} for n, k in enumerate(order)]
    right = [choices[k] for k in order if choices[k].is_correct]
    if question.kind == Question.Kind.ORDERING:
        right = sorted(choices.values(), key=lambda c: c.position or 0)
    return QuestionPreview(question, shown, right=right, choices=[choices[k] for k in order])


@dataclass
class SlotPreview:
    slot: Slot | None  # None: the questions that stand in no slot
    certifying: list[QuestionPreview]
    practice: list[QuestionPreview]


@dataclass
class ModulePreview:
    module: Module
    outline: drawing.Outline
    sources: list[SourceQuotes]
    slots: list[SlotPreview]


def module_preview(slug: str) -> ModulePreview | None:
    """The module of that slug, published or not, with every question (six queries)."""
    quotes = Excerpt.objects.select_related("source")
    questions = Question.objects.select_related("slot").prefetch_related("choices")
    module = (
        Module.objects.filter(slug=slug)
        .prefetch_related(
            Prefetch("excerpts", quotes),
            "failures",
            Prefetch("slots", Slot.objects.prefetch_related(Prefetch("excerpts", quotes))),
            Prefetch("questions", questions),
        )
        .first()
    )
    if module is None:
        return None
    ordered = sorted(module.questions.all(), key=lambda q: banks.order(q.pk, q.order, q.slot))
    groups: dict[int | None, SlotPreview] = {
        s.pk: SlotPreview(s, [], []) for s in module.slots.all()
    }
    numbered = 0
    for question in ordered:
        group = groups.setdefault(question.slot_id, SlotPreview(None, [], []))
        shown = question_preview(question, first=numbered)
        numbered += len(shown.shown)
        pool = group.practice if question.pool == Question.Pool.PRACTICE else group.certifying
        pool.append(shown)
    return ModulePreview(
        module=module,
        outline=banks.outline(module),
        sources=excerpts_by_source(module),
        slots=list(groups.values()),
    )
