"""The curriculum rules, asserted over the content fixtures as `make run` loads them."""

import re
from typing import Any

import pytest

from safetyquiz.content.models import Department, Module, Question, Source
from safetyquiz.content.readability import module_readings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curriculum")]

DISAGREE = re.compile(r"disagree|never (been )?(determined|established)|not established", re.I)
# Phrases that would make a contested point or a headline an answer key.
CONTESTED_KEYS = [
    re.compile(p, re.I)
    for p in (
        r"\bmurder",
        r"intentional(ly)? (shot|shooting|fired)",
        r"baldwin (pulled|did not pull|didn't pull) the trigger",
        r"exactly two (earlier )?(misfires|discharges)",
    )
]


LIFE_SAFETY_FOR_ALL = {"live-ammunition-never-on-set", "where-the-muzzle-points", "safety-meeting"}
FIREARM_MODULES = {
    "live-ammunition-never-on-set",
    "cold-is-a-claim",
    "inspect-every-round",
    "discharge-means-stop",
    "walkouts-are-warnings",
    "storage-and-control",
    "where-the-muzzle-points",
}


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
            "questions__slot",
            "slots",
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


def test_each_module_has_a_decision_from_a_named_role(modules: list[Module]) -> None:
    for module in modules:
        decisions = [q for q in module.questions.all() if q.kind == Question.Kind.DECISION]
        assert decisions and all(q.role.strip() for q in decisions), module.slug


def test_each_module_is_a_bank_of_interchangeable_questions_by_slot(
    modules: list[Module],
) -> None:
    for module in modules:
        slots = list(module.slots.all())
        assert 4 <= len(slots) <= 8, (module.slug, len(slots))
        for slot in slots:
            questions = [q for q in module.questions.all() if q.slot_id == slot.pk]
            critical = any(q.critical for q in questions)
            assert len(questions) >= (3 if critical else 2), (module.slug, slot.slug)
            assert len({q.points for q in questions}) == 1, (module.slug, slot.slug)
        assert all(q.slot_id for q in module.questions.all()), module.slug


def test_each_slot_has_four_certifying_questions_apart_from_its_practice_ones(
    modules: list[Module],
) -> None:
    """Four certifying questions a slot, so a retake draws one the learner has not seen,
    and practice of its own, so practice never shows a certifying key."""
    for module in modules:
        for slot in module.slots.all():
            questions = [q for q in module.questions.all() if q.slot_id == slot.pk]
            certifying = [q for q in questions if q.pool == Question.Pool.CERTIFYING]
            practice = [q for q in questions if q.pool == Question.Pool.PRACTICE]
            assert len(certifying) >= 4, (module.slug, slot.slug, len(certifying))
            assert 1 <= len(practice) <= len(certifying), (module.slug, slot.slug)
            assert len({q.critical for q in questions}) == 1, (module.slug, slot.slug)


def test_critical_slots_are_some_of_each_module_never_most(modules: list[Module]) -> None:
    """A critical miss fails a form: a module has at least one critical slot, and at most
    four and fewer than two in three, so a single slip does not decide every form."""
    for module in modules:
        slots = list(module.slots.all())
        critical = {q.slot_id for q in module.questions.all() if q.critical}
        assert 1 <= len(critical) <= 4, (module.slug, len(critical))
        assert len(critical) * 3 < len(slots) * 2, (module.slug, len(critical), len(slots))


def test_every_module_reads_at_grade_8_or_lower_by_part(modules: list[Module]) -> None:
    for module in modules:
        questions = list(module.questions.all())
        readings = module_readings(
            module.briefing,
            [q.prompt for q in questions],
            [q.explanation for q in questions]
            + [c.feedback for q in questions for c in q.choices.all()],
        )
        for part, reading in readings.items():
            assert reading.words and reading.grade <= 8, (module.slug, part, reading.grade)


def test_a_certifying_form_asks_at_most_one_case_fact_in_five(modules: list[Module]) -> None:
    for module in modules:
        form = len(module.slots.all()) * module.per_slot
        assert module.max_case_facts * 5 <= form, (module.slug, module.max_case_facts, form)
        assert all(q.purpose for q in module.questions.all()), module.slug


def test_every_seat_on_set_is_taken_in_some_decision(modules: list[Module]) -> None:
    roles = [
        q.role.lower()
        for m in modules
        for q in m.questions.all()
        if q.kind == Question.Kind.DECISION
    ]
    seats = {
        "1st AD": r"\b(1st|first) ad\b|first assistant director",
        "2nd AD": r"\b(2nd|second) ad\b|second assistant director",
        "armorer": r"armou?rer",
        "prop master": r"prop(erty)? master",
        "actor": r"\bactor\b|performer",
        "director": r"^director\b",
        "producer": r"\bproducer\b",
        "UPM": r"\bupm\b|unit production manager",
        "camera": r"camera|\bdp\b|director of photography|\b(1st|2nd) ac\b|operator",
        "stunts": r"stunt",
        "set PA": r"\bpa\b|production assistant",
    }
    missing = [
        seat for seat, pattern in seats.items() if not any(re.search(pattern, r) for r in roles)
    ]
    assert not missing, missing


def test_life_safety_modules_go_to_every_department(modules: list[Module]) -> None:
    everyone = set(Department.objects.values_list("slug", flat=True))
    for module in modules:
        if module.slug in LIFE_SAFETY_FOR_ALL:
            assert {d.slug for d in module.departments.all()} == everyone, module.slug


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


def test_each_firearm_module_has_a_critical_slot(modules: list[Module]) -> None:
    by_slug = {m.slug: m for m in modules}
    for slug in FIREARM_MODULES:
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
