"""A certifying result by objective: pure, no database."""

from safetyquiz.training.objectives import Answered, Objective, missed, objectives_of


def test_an_objective_is_met_only_when_every_question_of_it_is_right() -> None:
    found = objectives_of(
        [
            Answered("who-checks", "Who checks a firearm", True),
            Answered("cold", "What cold means", True, critical=True),
            Answered("who-checks", "Who checks a firearm", False),
            Answered("cold", "What cold means", True, critical=True),
        ]
    )
    assert found == [
        Objective("who-checks", "Who checks a firearm", False, False),
        Objective("cold", "What cold means", True, True),
    ]
    assert missed(found) == ["who-checks"]


def test_a_question_with_no_slot_is_an_objective_of_its_own() -> None:
    found = objectives_of([Answered("", "", False), Answered("", "", True)])
    assert [(o.objective, o.met) for o in found] == [("Question 1", False), ("Question 2", True)]
    assert missed(found) == []  # nothing to practise by objective
