"""A module's bank read from the database: its questions in slot order, for the form draw
(``questions_of``, ``item``, ``form_rules``, ``outline``), and every module's as the
item-quality measures take it (``course_banks``)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import translation

from safetyquiz.content.models import Excerpt, Module, Question, Slot

from . import drawing
from .quality import Bank, ChoiceItem, Item


def questions_of(module: Module, pool: str | None = None) -> list[Question]:
    """The module's questions (of one pool, when given) in slot order, with what a snapshot
    needs: four queries."""
    questions = Question.objects.filter(module_id=module.pk)
    if pool is not None:
        questions = questions.filter(pool=pool)
    questions = questions.select_related("slot").prefetch_related(
        "choices", Prefetch("excerpts", Excerpt.objects.select_related("source"))
    )
    return sorted(questions, key=lambda q: order(q.pk, q.order, q.slot))


def order(pk: int, question_order: int, slot: Slot | None) -> tuple[int, int, int, int]:
    """Slots in the module's order, then each slot's questions in theirs. A question
    without a slot stands as a slot of its own, at its own place."""
    if slot is None:
        return (question_order, -pk, question_order, pk)
    return (slot.order, slot.pk, question_order, pk)


def item(question: Question) -> drawing.BankQuestion:
    return drawing.BankQuestion(
        id=question.pk,
        slot=question.slot_id or -question.pk,
        critical=question.critical,
        case_fact=question.purpose == Question.Purpose.CASE_FACT,
    )


def form_rules(module: Module) -> drawing.FormRules:
    return drawing.FormRules(
        per_slot=module.per_slot,
        form_slots=module.form_slots,
        max_case_facts=module.max_case_facts,
    )


def outline(module: Module) -> drawing.Outline:
    """How many questions a certifying form of the module asks, and how many are critical,
    from its certifying pool."""
    certifying = [q for q in module.questions.all() if q.pool == Question.Pool.CERTIFYING]
    return drawing.outline([item(q) for q in certifying], form_rules(module))


def practice_count(module: Module) -> int:
    """How many practice questions the module has (from its prefetched questions)."""
    return sum(q.pool == Question.Pool.PRACTICE for q in module.questions.all())


def course_banks(seen_from: str | None = None, language: str = "en") -> list[Bank]:
    """Every module's bank, modules never published included (editors check before
    publishing), drafts of published ones left out; but when ``seen_from`` is the slug of
    such a draft, it stands in the place of the module it copies (3 queries). Its texts in
    ``language`` (each in English where it has no translation): the surface cues are
    measured on the words a learner reads."""
    questions = Question.objects.order_by("order", "pk").prefetch_related("choices")
    modules = list(Module.objects.prefetch_related(Prefetch("questions", queryset=questions)))
    this = next((m for m in modules if m.slug == seen_from), None)
    copied = this.draft_of_id if this is not None else None
    with translation.override(language):
        return [
            quality_bank(module)
            for module in modules
            if module is this or (module.draft_of_id is None and module.pk != copied)
        ]


def quality_bank(module: Module) -> Bank:
    return Bank(
        id=module.pk,
        slug=module.slug,
        title=module.title,
        pass_mark=module.pass_mark,
        per_slot=module.per_slot,
        form_slots=module.form_slots,
        max_case_facts=module.max_case_facts,
        briefing=module.briefing,
        items=tuple(
            Item(
                id=question.pk,
                slug=question.slug,
                kind=question.kind,
                prompt=question.prompt,
                purpose=question.purpose,
                critical=question.critical,
                slot=question.slot_id,
                points=question.points,
                partial_credit=question.partial_credit,
                role=question.role,
                explanation=question.explanation,
                pool=question.pool,
                choices=tuple(
                    ChoiceItem(c.key, c.text, c.is_correct, c.position, c.feedback)
                    for c in question.choices.all()
                ),
            )
            for question in module.questions.all()
        ),
    )
