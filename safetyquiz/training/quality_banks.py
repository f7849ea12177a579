"""Reads modules and their questions into the plain banks the item-quality measures take."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch

from safetyquiz.content.models import Module, Question

from .quality import Bank, ChoiceItem, Item, Thresholds


def thresholds() -> Thresholds:
    return Thresholds.from_settings(settings.QUALITY)


def course_banks() -> list[Bank]:
    """Every module's bank, drafts included (editors check before publishing): 3 queries."""
    questions = Question.objects.order_by("order", "pk").prefetch_related("choices")
    modules = Module.objects.prefetch_related(Prefetch("questions", queryset=questions))
    return [bank_of(module) for module in modules]


def bank_of(module: Module) -> Bank:
    return Bank(
        id=module.pk,
        slug=module.slug,
        title=module.title,
        pass_mark=module.pass_mark,
        per_slot=module.per_slot,
        form_slots=module.form_slots,
        max_case_facts=module.max_case_facts,
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
                choices=tuple(
                    ChoiceItem(c.key, c.text, c.is_correct, c.position, c.feedback)
                    for c in question.choices.all()
                ),
            )
            for question in module.questions.all()
        ),
    )
