"""Drawing forms from a bank: pure, no database."""

import random
from collections import Counter
from collections.abc import Set

import pytest

from safetyquiz.training.drawing import (
    BankQuestion,
    FormRules,
    draw_form,
    outline,
    practice_questions,
    seen_counts,
)


def bank_of(
    *slots: tuple[int, int],
    critical: Set[int] = frozenset(),
    facts: Set[int] = frozenset(),
) -> list[BankQuestion]:
    """Slot number -> how many questions; question ids are slot * 10 + n."""
    return [
        BankQuestion(slot * 10 + n, slot, slot in critical, slot * 10 + n in facts)
        for slot, size in slots
        for n in range(size)
    ]


BANK = bank_of((1, 3), (2, 2), (3, 2), (4, 3), critical={4})


def slot_of(question_id: int) -> int:
    return question_id // 10


def test_a_form_asks_every_slot_once_in_the_modules_order() -> None:
    for seed in range(50):
        form = draw_form(BANK, FormRules(), random.Random(seed))
        assert [slot_of(q) for q in form] == [1, 2, 3, 4]


def test_per_slot_asks_that_many_from_each_slot_or_all_it_has() -> None:
    form = draw_form(BANK, FormRules(per_slot=2), random.Random(1))
    assert Counter(slot_of(q) for q in form) == {1: 2, 2: 2, 3: 2, 4: 2}
    form = draw_form(BANK, FormRules(per_slot=3), random.Random(1))
    assert Counter(slot_of(q) for q in form) == {1: 3, 2: 2, 3: 2, 4: 3}


def test_critical_slots_are_on_every_form_when_the_form_asks_fewer_slots() -> None:
    asked: Counter[int] = Counter()
    for seed in range(200):
        form = draw_form(BANK, FormRules(form_slots=2), random.Random(seed))
        slots = {slot_of(q) for q in form}
        assert len(form) == 2 and 4 in slots
        asked.update(slots - {4})
    assert set(asked) == {1, 2, 3}  # the other slot varies


def test_the_same_seed_draws_the_same_form() -> None:
    seen = {11: 1}
    first = draw_form(BANK, FormRules(), random.Random("abc"), seen=seen)
    assert all(
        draw_form(BANK, FormRules(), random.Random("abc"), seen=seen) == first for _ in range(5)
    )


def test_a_retake_draws_the_least_seen_questions() -> None:
    seen = {10: 1, 11: 1, 20: 1, 30: 2, 31: 1, 40: 1, 41: 1}
    for seed in range(30):
        form = draw_form(BANK, FormRules(), random.Random(seed), seen=seen)
        assert form == [12, 21, 31, 42]


def test_a_retake_never_repeats_the_last_form_when_the_bank_allows() -> None:
    rng = random.Random(7)
    forms: list[list[int]] = []
    for _ in range(40):
        form = draw_form(
            BANK, FormRules(), rng, seen=seen_counts(forms), last_form=forms[-1] if forms else ()
        )
        if forms:
            assert set(form) != set(forms[-1])
        forms.append(form)
    # Over many retakes every question of the bank is asked.
    assert set(seen_counts(forms)) == {q.id for q in BANK}


def test_the_last_form_is_avoided_even_when_its_questions_are_the_least_seen() -> None:
    bank = bank_of((1, 2), (2, 1))
    last = [10, 20]
    form = draw_form(bank, FormRules(), random.Random(0), seen={11: 5}, last_form=last)
    assert form == [11, 20]


def test_a_bank_with_one_question_per_slot_can_only_repeat() -> None:
    bank = bank_of((1, 1), (2, 1))
    assert draw_form(bank, FormRules(), random.Random(0), last_form=[10, 20]) == [10, 20]


def test_no_more_case_facts_than_the_module_allows() -> None:
    bank = bank_of((1, 2), (2, 2), (3, 2), facts={10, 20, 30, 31})
    for seed in range(100):
        form = draw_form(bank, FormRules(max_case_facts=1), random.Random(seed))
        facts = [q for q in form if q in {10, 20, 30, 31}]
        assert len(facts) <= 1 and len(form) == 3
    uncapped = {
        tuple(draw_form(bank, FormRules(), random.Random(seed), seen={11: 9, 21: 9}))
        for seed in range(20)
    }
    assert any(len({10, 20} & set(form)) == 2 for form in uncapped)


def test_practice_asks_one_per_slot_or_every_question_of_the_slots_asked_for() -> None:
    assert [slot_of(q) for q in practice_questions(BANK, random.Random(0))] == [1, 2, 3, 4]
    assert practice_questions(BANK, random.Random(0), only_slots=[2, 4]) == [20, 21, 40, 41, 42]


@pytest.mark.parametrize(
    ("rules", "questions", "critical"),
    [(FormRules(), 4, 1), (FormRules(per_slot=2), 8, 2), (FormRules(form_slots=2), 2, 1)],
)
def test_the_outline_says_what_a_form_asks(rules: FormRules, questions: int, critical: int) -> None:
    shape = outline(BANK, rules)
    assert (shape.questions, shape.critical, shape.bank) == (questions, critical, 10)
