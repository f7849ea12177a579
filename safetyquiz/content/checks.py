"""Every content rule, run over the whole database (``manage.py check_content``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch

from . import rules
from .models import Excerpt, Module, Question, Source


@dataclass(frozen=True)
class Problem:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


@dataclass(frozen=True)
class Report:
    problems: list[Problem]
    modules: int
    questions: int
    choices: int
    excerpts: int
    quotes_checked: int
    unchecked: list[str] = field(default_factory=list)  # excerpts whose source text was not found
    warnings: list[Problem] = field(default_factory=list)  # rules not yet in force


def check_content(sources_dir: Path | None = None) -> Report:
    """Every content rule over the whole database. The pool rule is a problem once
    ``settings.ASSESSMENT_RULES_ENFORCED`` is on (the default), and a warning while it is off."""
    problems: list[Problem] = []
    pools: list[Problem] = []
    modules = list(
        Module.objects.prefetch_related(
            "slots",
            Prefetch(
                "questions",
                queryset=Question.objects.select_related("slot").prefetch_related("choices"),
            ),
        )
    )
    choices = 0
    questions = 0
    for module in modules:
        module_questions = list(module.questions.all())
        questions += len(module_questions)
        choices += sum(len(q.choices.all()) for q in module_questions)
        problems += module_problems(module, module_questions)
        slots = [slot.slug for slot in module.slots.all()]
        for problem in rules.pool_problems(
            published=module.is_published,
            questions=[q.facts() for q in module_questions],
            slots=slots,
        ):
            pools.append(Problem(f"module {module.slug}", problem))
    excerpts = list(Excerpt.objects.select_related("source"))
    texts = _source_texts(sources_dir) if sources_dir else {}
    checked, unchecked = 0, []
    for excerpt in excerpts:
        where = f"excerpt {excerpt.slug}"
        problems += [Problem(where, p) for p in rules.quote_problems(excerpt.quote)]
        text = texts.get(_text_key(excerpt.source))
        if text is None:
            unchecked.append(excerpt.slug)
            continue
        checked += 1
        if excerpt.quote.strip() and not rules.quoted_verbatim(excerpt.quote, text):
            problems.append(
                Problem(where, f"not verbatim in {excerpt.source.document or 'REFERENCES.md'}")
            )
    warnings: list[Problem] = []
    (problems if settings.ASSESSMENT_RULES_ENFORCED else warnings).extend(pools)
    return Report(
        problems, len(modules), questions, choices, len(excerpts), checked, unchecked, warnings
    )


def module_problems(module: Module, questions: list[Question]) -> list[Problem]:
    """What breaks the content rules in one module: its bank (with its slots), its slug,
    each question's fields and choices. ``questions`` come with their slot and choices."""
    problems = [
        Problem(f"module {module.slug}", p)
        for p in [
            *module.bank_problems([q.facts() for q in questions]),
            *rules.module_slug_problems(module.slug),
        ]
    ]
    for question in questions:
        facts = [rules.ChoiceFacts(c.is_correct, c.position) for c in question.choices.all()]
        where = f"module {module.slug}, question {question.slug}"
        problems += [Problem(where, p) for p in rules.choice_problems(question.kind, facts)]
        if question.slot and question.slot.module_id != module.pk:
            problems.append(Problem(where, "its slot belongs to another module"))
        for field_problems in rules.question_problems(
            kind=question.kind, role=question.role, partial_credit=question.partial_credit
        ).values():
            problems += [Problem(where, p) for p in field_problems]
    return problems


def _text_key(source: Source) -> str:
    return source.document.strip() or "REFERENCES.md"


def _source_texts(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {
        path.name: path.read_text(encoding="utf-8") for path in folder.iterdir() if path.is_file()
    }
