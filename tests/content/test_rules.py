"""The content rules as pure functions: no database."""

import pytest

from safetyquiz.content import rules
from safetyquiz.content.rules import ChoiceFacts as C


@pytest.mark.parametrize("kind", ["single", "true_false", "decision"])
def test_one_right_kinds_with_one_right_choice_pass(kind: str) -> None:
    assert rules.choice_problems(kind, [C(True, None), C(False, None)]) == []


@pytest.mark.parametrize("kind", ["single", "true_false", "decision"])
@pytest.mark.parametrize("right", [0, 2])
def test_one_right_kinds_without_exactly_one_right_fail(kind: str, right: int) -> None:
    choices = [C(i < right, None) for i in range(2)]
    assert f"needs exactly one right choice (has {right})" in rules.choice_problems(kind, choices)


def test_true_false_with_three_choices_fails() -> None:
    problems = rules.choice_problems("true_false", [C(True, None), C(False, None), C(False, None)])
    assert problems == ["a true/false question has exactly two choices (has 3)"]


def test_multiple_with_several_right_passes() -> None:
    assert rules.choice_problems("multiple", [C(True, None), C(True, None), C(False, None)]) == []


def test_multiple_with_none_right_fails() -> None:
    assert rules.choice_problems("multiple", [C(False, None), C(False, None)]) == [
        "needs at least one right choice"
    ]


def test_fewer_than_two_choices_fails() -> None:
    assert "needs at least two choices (has 1)" in rules.choice_problems("single", [C(True, None)])


def test_ordering_with_positions_one_to_n_passes() -> None:
    assert rules.choice_problems("ordering", [C(False, 2), C(False, 1), C(False, 3)]) == []


@pytest.mark.parametrize(
    ("positions", "shown"),
    [([1, 3, 4], "1, 3, 4"), ([1, 1, 2], "1, 1, 2"), ([0, 1, 2], "0, 1, 2")],
)
def test_ordering_with_gaps_or_repeats_fails(positions: list[int], shown: str) -> None:
    problems = rules.choice_problems("ordering", [C(False, p) for p in positions])
    assert problems == [f"positions must be 1 to 3 with no gaps or repeats (has {shown})"]


def test_ordering_with_a_missing_position_fails() -> None:
    problems = rules.choice_problems("ordering", [C(False, 1), C(False, None)])
    assert problems == ["every choice of an ordering question needs a position"]


def test_position_on_a_non_ordering_question_fails() -> None:
    problems = rules.choice_problems("single", [C(True, 1), C(False, None)])
    assert problems == ["only ordering questions give their choices a position"]


Q = rules.QuestionFacts


def test_published_module_without_questions_fails() -> None:
    assert rules.module_problems(published=True, questions=[]) == [
        "a published module needs at least one certifying question"
    ]
    assert rules.module_problems(published=True, questions=[Q("q1", None, False, "rule")]) == []
    assert rules.module_problems(published=False, questions=[]) == []


def test_a_published_module_cannot_have_an_empty_slot() -> None:
    questions = [Q("q1", "who-hands-over", False, "rule")]
    problems = rules.module_problems(
        published=True, questions=questions, slots=["who-hands-over", "cold-means"]
    )
    assert problems == ["slot cold-means has no certifying question, so no form can be drawn"]
    assert rules.module_problems(published=False, questions=questions, slots=["x"]) == []


def test_a_slot_does_not_mix_critical_and_other_questions() -> None:
    questions = [Q("q1", "live", True, "rule"), Q("q2", "live", False, "rule")]
    assert rules.module_problems(published=True, questions=questions, slots=["live"]) == [
        "slot live mixes critical and other questions"
    ]


def test_slots_of_case_facts_alone_cannot_exceed_the_cap_on_every_form() -> None:
    questions = [
        Q("q1", "charges", False, "case-fact"),
        Q("q2", "charges", False, "case-fact"),
        Q("q3", "sentence", False, "case-fact"),
        Q("q4", "mixed", False, "case-fact"),
        Q("q5", "mixed", False, "safety-decision"),
    ]
    slots = ["charges", "sentence", "mixed"]
    problems = rules.module_problems(
        published=True, questions=questions, slots=slots, max_case_facts=1
    )
    assert problems == [
        "2 case-fact questions would be on every form (slots charges, sentence); "
        "the module allows 1"
    ]
    assert not rules.module_problems(
        published=True, questions=questions, slots=slots, max_case_facts=2
    )


def test_practice_questions_fill_no_form_and_mix_with_nothing() -> None:
    practice = [
        Q("p1", "live", False, "rule", "practice"),
        Q("p2", "cold", True, "rule", "practice"),
    ]
    assert rules.module_problems(published=True, questions=practice) == [
        "a published module needs at least one certifying question"
    ]
    questions = [Q("q1", "live", True, "rule"), Q("q2", "cold", False, "case-fact"), *practice]
    assert (
        rules.module_problems(
            published=True, questions=questions, slots=["live", "cold"], max_case_facts=1
        )
        == []
    )


def test_every_slot_needs_three_certifying_questions_and_one_practice() -> None:
    full = [Q(f"c{n}", "live", True, "rule") for n in range(3)]
    full.append(Q("p", "live", False, "rule", "practice"))
    assert rules.pool_problems(published=True, questions=full, slots=["live"]) == []
    short = [*full[:2], Q("q", None, False, "rule")]
    assert rules.pool_problems(published=True, questions=short, slots=["live", "cold"]) == [
        "slot live has 2 certifying questions and 0 practice questions; every slot needs "
        "at least 3 and 1",
        "slot cold has 0 certifying questions and 0 practice questions; every slot needs "
        "at least 3 and 1",
        "slot question q has 1 certifying question and 0 practice questions; every slot "
        "needs at least 3 and 1",
    ]
    assert rules.pool_problems(published=False, questions=short, slots=["cold"]) == []


@pytest.mark.parametrize("quote", ["", "   ", "\n"])
def test_empty_quote_fails(quote: str) -> None:
    assert rules.quote_problems(quote) == ["the quote is empty"]


def test_quote_found_despite_whitespace_curly_quotes_and_elision() -> None:
    text = "He said “cold,”  meaning\nno live rounds. Later, much later, it fired."
    assert rules.quoted_verbatim('He said "cold," meaning no live rounds.', text)
    assert rules.quoted_verbatim("He said “cold,” ... it fired.", text)
    assert not rules.quoted_verbatim("it fired ... He said", text)
    assert not rules.quoted_verbatim("He said hot", text)
