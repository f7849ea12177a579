"""Item analysis by slot: pure, no database."""

import pytest

from safetyquiz.training.slot_facility import Tally, slot_facilities


def test_a_question_far_easier_than_its_siblings_is_flagged() -> None:
    found = slot_facilities(
        [
            Tally(1, slot=7, answers=40, right=38),  # 95 %
            Tally(2, slot=7, answers=40, right=20),  # 50 %
            Tally(3, slot=7, answers=20, right=12),  # 60 %
        ],
        margin=0.2,
        min_answers=20,
    )
    easy = found[1]
    assert easy.siblings == pytest.approx(32 / 60)
    assert easy.gap == pytest.approx(0.95 - 32 / 60)
    assert easy.flagged
    assert found[2].siblings == pytest.approx(50 / 60)
    assert found[2].flagged  # 0.50 against 0.83
    assert not found[3].flagged  # 0.60 against 0.725


def test_questions_within_the_margin_are_not_flagged() -> None:
    found = slot_facilities([Tally(1, 1, 50, 40), Tally(2, 1, 50, 35)], margin=0.15, min_answers=20)
    assert found[1].gap == pytest.approx(0.1)
    assert not found[1].flagged and not found[2].flagged


def test_too_few_answers_on_either_side_flag_nothing() -> None:
    lopsided = [Tally(1, 1, 19, 19), Tally(2, 1, 100, 10)]
    found = slot_facilities(lopsided, margin=0.2, min_answers=20)
    assert found[1].facility == 1.0 and not found[1].flagged
    assert not found[2].flagged  # its siblings have 19 answers


def test_slots_are_compared_within_themselves_only() -> None:
    found = slot_facilities(
        [Tally(1, 1, 30, 30), Tally(2, 2, 30, 0), Tally(3, None, 30, 15)],
        margin=0.2,
        min_answers=10,
    )
    assert all(f.siblings is None and not f.flagged for f in found.values())


def test_an_unanswered_question_has_no_facility() -> None:
    found = slot_facilities([Tally(1, 1, 0, 0), Tally(2, 1, 30, 20)], margin=0.1, min_answers=1)
    assert found[1].facility is None and found[1].gap is None
    assert found[2].siblings is None and not found[2].flagged
