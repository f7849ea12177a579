"""The exact pass chance, against banks worked out by hand, against every ordering the real
draw can make, and against many runs of the real draw. Pure: no database."""

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import permutations, product
from math import factorial, sqrt

from hypothesis import given, settings
from hypothesis import strategies as st

from safetyquiz.training import scoring
from safetyquiz.training.drawing import BankQuestion, FormRules, draw_form
from safetyquiz.training.pass_chance import Spread, pass_chance


def right(points: int = 1) -> scoring.Outcome:
    return scoring.Outcome(Decimal(points), Decimal(points), True, False)


def wrong(points: int = 1, *, critical: bool = False) -> scoring.Outcome:
    return scoring.Outcome(Decimal(0), Decimal(points), False, critical)


def sure(outcome: scoring.Outcome) -> Spread:
    return [(Fraction(1), outcome)]


class Ranked(random.Random):
    """Gives the draw the tiebreaks we choose, in the order it asks for them."""

    def __init__(self, values: Iterable[float]) -> None:
        super().__init__(0)
        self.values = iter(values)

    def random(self) -> float:
        return next(self.values)


def forms_drawn(bank: Sequence[BankQuestion], rules: FormRules) -> Counter[tuple[int, ...]]:
    """Every ordering of the bank's tiebreaks through the real draw: each form it makes,
    with how many orderings make it."""
    forms: Counter[tuple[int, ...]] = Counter()
    for ranks in permutations(range(len(bank))):
        forms[tuple(draw_form(bank, rules, Ranked((r + 0.5) / len(bank) for r in ranks)))] += 1
    return forms


def brute_force(
    bank: Sequence[BankQuestion],
    rules: FormRules,
    pass_mark: int,
    answers: Mapping[int, Spread],
    forms: Counter[tuple[int, ...]] | None = None,
) -> Fraction:
    """Every form the real draw makes, and every combination of each asked question's
    outcomes through the real scoring."""
    forms = forms or forms_drawn(bank, rules)
    total = Fraction(0)
    for form, orderings in forms.items():
        for combo in product(*(answers[pk] for pk in form)):
            chance = Fraction(orderings)
            for p, _ in combo:
                chance *= p
            if scoring.result([o for _, o in combo], pass_mark).passed:
                total += chance
    return total / sum(forms.values())


def test_one_right_question_in_each_slot_of_two_passes_as_the_binomial_says() -> None:
    # Four slots of two questions; the reader knows one of each pair. 75 %: three of four.
    bank = [BankQuestion(slot * 10 + n, slot) for slot in range(1, 5) for n in range(2)]
    answers = {q.id: sure(right() if q.id % 10 == 0 else wrong()) for q in bank}
    assert pass_chance(bank, FormRules(), 75, answers) == Fraction(5, 16)


def test_a_critical_miss_fails_whatever_the_rest() -> None:
    bank = [BankQuestion(1, 1, critical=True), BankQuestion(2, 1, critical=True)]
    bank += [BankQuestion(10 + n, 2) for n in range(3)]
    answers = {1: sure(right()), 2: sure(wrong(critical=True))}
    answers |= {10 + n: sure(right()) for n in range(3)}
    assert pass_chance(bank, FormRules(), 50, answers) == Fraction(1, 2)


def test_the_slots_of_a_shorter_form_are_weighted_by_their_size() -> None:
    # form_slots=1 and no critical slot: the slot of the question drawn first is asked, so
    # the slot of three questions is asked with chance 3/4.
    bank = [BankQuestion(1, 1)] + [BankQuestion(10 + n, 2) for n in range(3)]
    answers = {1: sure(right()), **{10 + n: sure(wrong()) for n in range(3)}}
    assert pass_chance(bank, FormRules(form_slots=1), 80, answers) == Fraction(1, 4)
    assert brute_force(bank, FormRules(form_slots=1), 80, answers) == Fraction(1, 4)


def test_partial_credit_and_points_add_up_as_the_result_does() -> None:
    # A 3-point question worth 2 of 3 and a 1-point question right or wrong: 3/4 or 4/4.
    half = scoring.Outcome(Decimal(2), Decimal(3), False, False)
    bank = [BankQuestion(1, 1), BankQuestion(2, 2), BankQuestion(3, 2)]
    answers = {1: sure(half), 2: sure(right()), 3: sure(wrong())}
    assert pass_chance(bank, FormRules(), 75, answers) == Fraction(1, 2)
    assert pass_chance(bank, FormRules(), 76, answers) == Fraction(0)


def test_an_empty_bank_is_never_passed() -> None:
    assert pass_chance([], FormRules(), 80, {}) == 0


def test_the_case_fact_cap_against_every_ordering() -> None:
    # Case facts in three slots, two per slot, a cap of one: the cap swaps case facts for
    # the slot's other questions, the slots drawn last first.
    bank = [
        BankQuestion(1, 1, case_fact=True),
        BankQuestion(3, 1),
        BankQuestion(4, 2, critical=True, case_fact=True),
        BankQuestion(5, 2, critical=True),
        BankQuestion(9, 2, critical=True),
        BankQuestion(6, 3, case_fact=True),
        BankQuestion(7, 3, case_fact=True),
        BankQuestion(8, 3),
    ]
    rules = FormRules(per_slot=2, max_case_facts=1)
    answers = {
        1: sure(right()),
        3: sure(wrong()),
        4: sure(wrong(critical=True)),
        5: sure(right()),
        6: sure(right()),
        7: sure(wrong()),
        8: sure(right()),
        9: sure(right()),
    }
    forms = forms_drawn(bank, rules)
    chances = {mark: pass_chance(bank, rules, mark, answers) for mark in (50, 70, 90)}
    assert any(0 < chance < 1 for chance in chances.values())
    for mark, chance in chances.items():
        assert chance == brute_force(bank, rules, mark, answers, forms)


def test_slots_chosen_and_capped_together_against_every_ordering() -> None:
    bank = [
        BankQuestion(1, 1, case_fact=True),
        BankQuestion(2, 1),
        BankQuestion(3, 2, case_fact=True),
        BankQuestion(4, 2),
        BankQuestion(5, 2),
        BankQuestion(6, 3, critical=True, case_fact=True),
        BankQuestion(7, 3, critical=True),
        BankQuestion(8, 4),
    ]
    rules = FormRules(form_slots=3, max_case_facts=1)
    answers = {pk: sure(right() if pk in {1, 4, 6, 8} else wrong()) for pk in range(1, 9)}
    answers[7] = sure(wrong(critical=True))
    forms = forms_drawn(bank, rules)
    for mark in (50, 60, 100):
        exact = pass_chance(bank, rules, mark, answers)
        assert exact == brute_force(bank, rules, mark, answers, forms)


def test_readers_who_guess_are_summed_over_their_guesses() -> None:
    coin: Spread = [(Fraction(1, 2), right()), (Fraction(1, 2), wrong())]
    third: Spread = [(Fraction(1, 3), right(2)), (Fraction(2, 3), wrong(2, critical=True))]
    bank = [BankQuestion(1, 1), BankQuestion(2, 1), BankQuestion(3, 2), BankQuestion(4, 3)]
    answers = {1: coin, 2: sure(right()), 3: third, 4: coin}
    exact = pass_chance(bank, FormRules(), 75, answers)
    assert exact == brute_force(bank, FormRules(), 75, answers)
    # Slot 1 right with 3/4, slot 2 (critical if missed) with 1/3, slot 3 with 1/2; 75 % of
    # 4 points needs slot 2 and one of the others.
    assert exact == Fraction(1, 3) * (1 - Fraction(1, 4) * Fraction(1, 2))


@st.composite
def banks(draw: st.DrawFn) -> tuple[list[BankQuestion], FormRules, int, dict[int, Spread]]:
    size = draw(st.integers(1, 6))
    slots = draw(st.lists(st.integers(1, 4), min_size=size, max_size=size))
    critical_slots = draw(st.sets(st.integers(1, 4), max_size=2))
    bank = [
        BankQuestion(pk, slot, slot in critical_slots, draw(st.booleans()))
        for pk, slot in enumerate(slots, start=1)
    ]
    bank.sort(key=lambda q: q.slot)  # the bank lists slots in order
    rules = FormRules(
        per_slot=draw(st.integers(1, 2)),
        form_slots=draw(st.none() | st.integers(1, 3)),
        max_case_facts=draw(st.none() | st.integers(0, 2)),
    )
    answers: dict[int, Spread] = {}
    for q in bank:
        points = draw(st.integers(1, 2))
        miss = wrong(points, critical=q.critical)
        right_chance = draw(st.sampled_from([Fraction(0), Fraction(1, 3), Fraction(1)]))
        answers[q.id] = [
            (p, o) for p, o in ((right_chance, right(points)), (1 - right_chance, miss)) if p
        ]
    return bank, rules, draw(st.sampled_from([50, 67, 80, 100])), answers


@settings(max_examples=60, deadline=None)
@given(banks())
def test_the_exact_chance_is_the_enumeration_of_every_ordering(
    case: tuple[list[BankQuestion], FormRules, int, dict[int, Spread]],
) -> None:
    bank, rules, mark, answers = case
    assert pass_chance(bank, rules, mark, answers) == brute_force(bank, rules, mark, answers)


def test_the_exact_chance_agrees_with_many_runs_of_the_real_draw() -> None:
    # Too large to enumerate (12! orderings): slots of unequal size, a shorter form, a
    # critical slot, case facts over the cap.
    bank = [
        BankQuestion(slot * 10 + n, slot, slot == 1, case_fact=(slot + n) % 3 == 0)
        for slot, size in ((1, 2), (2, 4), (3, 1), (4, 3), (5, 2))
        for n in range(size)
    ]
    rules = FormRules(form_slots=4, max_case_facts=1)
    answers = {q.id: sure(right() if q.id % 2 == 0 else wrong(critical=q.critical)) for q in bank}
    exact = float(pass_chance(bank, rules, 60, answers))
    runs = 6000
    rng = random.Random(7)
    passed = 0
    for _ in range(runs):
        form = draw_form(bank, rules, rng)
        passed += scoring.result([answers[pk][0][1] for pk in form], 60).passed
    assert 0.05 < exact < 0.95
    assert abs(passed / runs - exact) <= 4 * sqrt(exact * (1 - exact) / runs)
    assert factorial(len(bank)) > 10**8  # beyond what the enumeration above could check
