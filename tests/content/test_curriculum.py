"""The curriculum rules, asserted over the content fixtures as `make run` loads them."""

import re
from typing import Any

import pytest

from safetyquiz.content.models import Module, Question, Source

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curriculum")]

DISAGREE = re.compile(r"disagree|never (been )?(determined|established)|not established", re.I)
# Phrases that would make a contested point or a headline an answer key.
CONTESTED_KEYS = [
    re.compile(p, re.I)
    for p in (
        r"\bmurder",
        r"intentional(ly)? (shot|shooting|fired)",
        r"baldwin (pulled|did not pull|didn't pull) the trigger",
        r"sentenced in (march|april)",
        r"exactly two (earlier )?(misfires|discharges)",
    )
]


@pytest.fixture
def modules() -> list[Module]:
    return list(
        Module.objects.published()
        .prefetch_related(
            "excerpts__source",
            "failures",
            "departments",
            "questions__choices",
            "questions__excerpts",
        )
        .order_by("order")
    )


def test_at_least_ten_published_modules_in_order(modules: list[Module]) -> None:
    assert len(modules) >= 10
    orders = [m.order for m in modules]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)


def test_each_briefing_is_150_to_400_words_with_two_article_excerpts(modules: list[Module]) -> None:
    for module in modules:
        words = len(module.briefing.split())
        assert 150 <= words <= 400, (module.slug, words)
        articles = [e for e in module.excerpts.all() if e.source.kind == Source.Kind.ARTICLE]
        assert len(articles) >= 2, module.slug


def test_each_module_has_objectives_failures_and_departments(modules: list[Module]) -> None:
    for module in modules:
        assert 3 <= len(module.objective_list) <= 5, module.slug
        assert module.failures.all(), module.slug
        assert module.departments.all(), module.slug
        assert module.summary, module.slug


def test_each_module_has_six_questions_and_a_decision_from_a_named_role(
    modules: list[Module],
) -> None:
    for module in modules:
        questions = list(module.questions.all())
        assert len(questions) >= 6, module.slug
        decisions = [q for q in questions if q.kind == Question.Kind.DECISION]
        assert decisions and all(q.role.strip() for q in decisions), module.slug


def test_the_curriculum_mixes_every_kind_of_question(modules: list[Module]) -> None:
    kinds = {q.kind for m in modules for q in m.questions.all()}
    assert kinds == {k for k, _ in Question.Kind.choices}


def test_every_question_explains_and_cites(modules: list[Module]) -> None:
    for module in modules:
        for question in module.questions.all():
            assert len(question.explanation.split()) >= 8, (module.slug, question.slug)
            assert question.excerpts.all(), (module.slug, question.slug)


def test_every_wrong_choice_says_why_it_is_wrong(modules: list[Module]) -> None:
    for module in modules:
        for question in module.questions.all():
            if question.kind == Question.Kind.ORDERING:
                continue
            for choice in question.choices.all():
                if not choice.is_correct:
                    assert len(choice.feedback.split()) >= 4, (
                        module.slug,
                        question.slug,
                        choice.key,
                    )


def test_life_safety_modules_have_a_critical_question(modules: list[Module]) -> None:
    by_slug = {m.slug: m for m in modules}
    for slug in (
        "live-ammunition-never-on-set",
        "cold-is-a-claim",
        "inspect-every-round",
        "discharge-means-stop",
        "where-the-muzzle-points",
    ):
        assert any(q.critical for q in by_slug[slug].questions.all()), slug


def test_some_right_answer_is_that_the_sources_disagree(modules: list[Module]) -> None:
    keys = [
        c.text
        for m in modules
        for q in m.questions.all()
        for c in q.choices.all()
        if c.is_correct and DISAGREE.search(c.text)
    ]
    assert keys


def test_no_answer_key_asserts_a_contested_point_or_a_headline(modules: list[Module]) -> None:
    for module in modules:
        for question in module.questions.all():
            for choice in question.choices.all():
                if choice.is_correct or choice.position:
                    for pattern in CONTESTED_KEYS:
                        assert not pattern.search(choice.text), (
                            module.slug,
                            question.slug,
                            choice.text,
                        )


def test_decision_questions_read_as_a_scenario_step(modules: list[Module]) -> None:
    for module in modules:
        for question in module.questions.filter(kind=Question.Kind.DECISION):
            assert re.match(r"You are (the|an?) ", question.prompt), (module.slug, question.slug)


def test_every_excerpt_is_shown_somewhere(modules: Any) -> None:
    from safetyquiz.content.models import Excerpt

    unused = Excerpt.objects.filter(modules=None, questions=None, failures=None)
    assert not unused.exists(), list(unused.values_list("slug", flat=True))
