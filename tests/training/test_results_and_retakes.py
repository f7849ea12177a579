"""A certifying result by objective, and the rules before a retake, through the pages."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from safetyquiz.content.models import Module, Question
from safetyquiz.training import selectors
from safetyquiz.training.models import Attempt, AttemptGrant
from tests import factories
from tests.training.helpers import answer

pytestmark = pytest.mark.django_db

TEACHING = "Only the armorer says what a firearm holds, and shows it."


@pytest.fixture
def module(db: None) -> Module:
    """Two objectives of three certifying questions and a practice question each; the
    first has its teaching point and its source."""
    module = factories.PublishedModuleFactory(slug="cold-is-a-claim", questions=0)
    for number in (1, 2):
        slot = factories.SlotFactory(
            module=module,
            slug=f"objective-{number}",
            objective=f"Objective {number}",
            order=number,
            teaching_point=TEACHING if number == 1 else "",
        )
        if number == 1:
            slot.excerpts.set([factories.ExcerptFactory(quote="The armorer shows it is safe.")])
        for n in range(3):
            factories.QuestionFactory(
                module=module,
                slot=slot,
                slug=f"c{number}{n}",
                prompt=f"Certifying {number}.{n}?",
                explanation=f"CERTIFYING-EXPLANATION-{number}{n}",
            )
        factories.QuestionFactory(module=module, slot=slot, pool="practice", slug=f"p{number}")
    return module


def start(client: Any, module: Module, mode: str = "certifying", **data: Any) -> Any:
    return client.post(f"/modules/{module.slug}/", {"mode": mode, **data})


def attempt_of(response: Any) -> Attempt:
    assert response.status_code == 302, response.content
    return Attempt.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))


def take(client: Any, module: Module, wrong: set[int] = frozenset()) -> Attempt:  # type: ignore[assignment]
    attempt = attempt_of(start(client, module))
    for index in range(len(attempt.form)):
        answer(client, attempt, index, right=index not in wrong)
    attempt.refresh_from_db()
    return attempt


def test_a_failed_result_shows_objectives_and_the_rule_missed_never_the_key(
    crew_client: Any, module: Module
) -> None:
    attempt = take(crew_client, module, wrong={0})
    body = crew_client.get(attempt.get_absolute_url()).content.decode()
    assert "Your result: not passed" in body
    assert (
        ">Not met</span>\n        Objective 1" in body
        and ">Met</span>\n        Objective 2" in body
    )
    assert f"<strong>The rule:</strong> {TEACHING}" in body
    assert "The armorer shows it is safe." in body
    assert 'name="slots" value="objective-1"' in body and "Practise this objective" in body
    asked = [Question.objects.get(pk=pk) for pk in attempt.question_ids]
    for question in asked:
        assert question.explanation not in body
        for choice in question.choices.all():
            assert choice.feedback not in body
            assert choice.text not in body  # not even the one picked
    assert "right answer" not in body.lower() and 'id="review-' not in body


def test_after_a_fail_the_next_attempt_waits_for_practice_of_each_objective_missed(
    crew_client: Any, module: Module
) -> None:
    failed = take(crew_client, module, wrong={0, 1})
    body = crew_client.get(failed.get_absolute_url()).content.decode()
    assert "opens once you have practised each objective you missed" in body
    assert "Objective 1; Objective 2" in body
    refused = start(crew_client, module)
    assert refused.status_code == 302 and refused["Location"] == f"/modules/{module.slug}/"
    assert Attempt.objects.filter(mode="certifying").count() == 1
    page = crew_client.get(f"/modules/{module.slug}/").content.decode()
    assert "Practise what you missed" in page and "Take a new certifying attempt" not in page
    practice = attempt_of(start(crew_client, module, "practice", slots=["objective-1"]))
    answer(crew_client, practice, 0, right=False)  # practising counts, right or wrong
    assert selectors.retake_gate(failed.user, module).to_practise == ("objective-2",)
    practice = attempt_of(start(crew_client, module, "practice", slots=["objective-2"]))
    answer(crew_client, practice, 0)
    assert selectors.retake_gate(failed.user, module).open
    retake = attempt_of(start(crew_client, module))
    assert retake != failed and retake.mode == "certifying"


def test_practice_before_the_fail_does_not_count(crew_client: Any, module: Module) -> None:
    practice = attempt_of(start(crew_client, module, "practice"))
    for index in range(len(practice.form)):
        answer(crew_client, practice, index)
    failed = take(crew_client, module, wrong={0})
    assert selectors.retake_gate(failed.user, module).to_practise == ("objective-1",)


def test_an_objective_with_no_practice_yet_does_not_hold_a_retake_up(
    crew_client: Any, module: Module
) -> None:
    Question.objects.filter(pool="practice").delete()
    failed = take(crew_client, module, wrong={0})
    assert selectors.retake_gate(failed.user, module).open
    body = crew_client.get(failed.get_absolute_url()).content.decode()
    assert "Practise this objective" not in body and "Take a new certifying attempt" in body


def test_a_retake_asks_certifying_questions_not_seen_while_the_slot_has_any(
    crew_client: Any, module: Module
) -> None:
    seen: list[int] = []
    for _ in range(3):
        attempt = take(crew_client, module)
        seen += attempt.question_ids
    assert len(set(seen)) == 6  # every certifying question once, before any again
    assert not Question.objects.filter(pk__in=seen, pool="practice").exists()


def test_the_daily_limit_says_when_the_next_attempt_opens(
    crew_client: Any, crew: Any, module: Module
) -> None:
    for _ in range(3):
        take(crew_client, module)
    refused = start(crew_client, module)
    assert refused["Location"] == f"/modules/{module.slug}/"
    assert Attempt.objects.count() == 3
    page = crew_client.get(f"/modules/{module.slug}/").content.decode()
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert "You have started 3 certifying attempts at this module today" in page
    assert f"The next opens at 00:00 on {tomorrow:%-d %B}" in page
    # Yesterday's attempts do not count against today.
    Attempt.objects.update(started_at=timezone.now() - timedelta(days=1))
    assert attempt_of(start(crew_client, module)).mode == "certifying"


def test_a_grant_is_one_more_attempt_that_day(crew_client: Any, crew: Any, module: Module) -> None:
    module.attempts_per_day = 1
    module.save()
    take(crew_client, module)
    assert selectors.retake_gate(crew, module).limit_reached
    AttemptGrant.objects.create(user=crew, module=module)
    take(crew_client, module)
    assert selectors.retake_gate(crew, module).limit_reached
    AttemptGrant.objects.update(granted_at=timezone.now() - timedelta(days=1))
    assert Attempt.objects.count() == 2


def test_the_gate_reads_a_fixed_number_of_queries(
    crew: Any, module: Module, django_assert_num_queries: Any
) -> None:
    for n in range(4):
        attempt = factories.FinishedAttemptFactory(user=crew, module=module, passed=False)
        attempt.answers.create(
            index=0,
            response=["b"],
            points_awarded=0,
            max_points=1,
            correct=False,
            snapshot={**attempt.form[0], "slot": f"objective-{n % 2 + 1}"},
        )
    with django_assert_num_queries(4):  # the gate, the practice pool, what was missed, practised
        gate = selectors.retake_gate(crew, module)
    assert gate.to_practise and gate.limit_reached
