"""Certifying and practice attempts, through the pages."""

from typing import Any

import pytest

from safetyquiz.content.models import Module
from safetyquiz.training.models import Answer, Attempt, Certificate
from tests import factories
from tests.training.helpers import answer

pytestmark = pytest.mark.django_db

VERDICTS = ("right", "not right", "Because a gun is only safe", "About a.", "About b.")


@pytest.fixture
def bank(db: None) -> Module:
    """Three slots of two interchangeable certifying questions, the last slot critical, and
    two practice questions in each."""
    module = factories.PublishedModuleFactory(slug="cold-is-a-claim", questions=0)
    for number, objective in enumerate(["Who checks", "What cold means", "Live rounds"], 1):
        slot = factories.SlotFactory(
            module=module, order=number, objective=objective, slug=f"objective-{number}"
        )
        for n in range(2):
            factory = (
                factories.CriticalQuestionFactory if number == 3 else factories.QuestionFactory
            )
            factory(module=module, slot=slot, order=n, prompt=f"{objective}, take {n + 1}?")
            factory(
                module=module,
                slot=slot,
                order=10 + n,
                pool="practice",
                prompt=f"{objective}, practice {n + 1}?",
            )
    return module


def start(client: Any, module: Module, mode: str = "certifying", **data: Any) -> Attempt:
    response = client.post(f"/modules/{module.slug}/", {"mode": mode, **data})
    assert response.status_code == 302, response.content
    return Attempt.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))


def test_the_briefing_offers_both_clearly_labelled(crew_client: Any, bank: Module) -> None:
    body = crew_client.get(f"/modules/{bank.slug}/").content.decode()
    assert "Start the certifying attempt" in body and "Practise first" in body
    assert "asks 3 questions" in body and "bank of 6" in body  # the certifying pool
    assert "1 question is critical" in body


def test_a_certifying_form_asks_one_question_per_slot(crew_client: Any, bank: Module) -> None:
    attempt = start(crew_client, bank)
    assert attempt.mode == "certifying" and len(attempt.form) == 3
    assert [q["objective"] for q in attempt.form] == [
        "Who checks",
        "What cold means",
        "Live rounds",
    ]


def test_certifying_shows_no_correctness_until_the_end(crew_client: Any, bank: Module) -> None:
    attempt = start(crew_client, bank)
    response = answer(crew_client, attempt, 0, right=False)
    assert response.status_code == 302 and response["Location"] == attempt.get_absolute_url()
    page = crew_client.get(response["Location"]).content.decode()
    assert "Question 2 of 3" in page
    fragment = answer(crew_client, attempt, 1, HTTP_HX_REQUEST="true").content.decode()
    assert "Question 3 of 3" in fragment and "<html" not in fragment
    for body in (page, fragment):
        panel = body.split('id="question-panel"')[-1]
        assert not any(verdict in panel for verdict in VERDICTS)
    # The feedback page of an answer waits for the end too.
    early = crew_client.get(f"/attempts/{attempt.pk}/answers/0/")
    assert early.status_code == 302 and early["Location"] == attempt.get_absolute_url()
    last = answer(crew_client, attempt, 2, HTTP_HX_REQUEST="true")
    assert last["HX-Redirect"] == attempt.get_absolute_url()
    result = crew_client.get(attempt.get_absolute_url()).content.decode()
    assert "Your result: not passed" in result and ">Not met</span>" in result
    # A certifying attempt's answers are never shown with their key, even at the end.
    assert "Not right" not in result
    after = crew_client.get(f"/attempts/{attempt.pk}/answers/0/")
    assert after.status_code == 302 and after["Location"] == attempt.get_absolute_url()


def test_the_result_names_the_objective_missed_and_offers_practice_on_it(
    crew_client: Any, bank: Module
) -> None:
    attempt = start(crew_client, bank)
    for index in range(3):
        answer(crew_client, attempt, index, right=index != 1)
    body = crew_client.get(attempt.get_absolute_url()).content.decode()
    assert "What cold means" in body and body.count(">Not met</span>") == 1
    assert 'name="slots" value="objective-2"' in body
    practice = start(crew_client, bank, "practice", slots=["objective-2"])
    assert practice.mode == "practice"
    assert {q["slot"] for q in practice.form} == {"objective-2"} and len(practice.form) == 2
    assert all("practice" in q["prompt"] for q in practice.form)


def test_practice_gives_feedback_and_no_certificate_and_counts_for_nothing(
    crew_client: Any, bank: Module
) -> None:
    practice = start(crew_client, bank, "practice")
    response = answer(crew_client, practice, 0)
    assert response["Location"] == f"/attempts/{practice.pk}/answers/0/"
    assert "Question 1: right" in crew_client.get(response["Location"]).content.decode()
    assert all("practice" in q["prompt"] for q in practice.form)
    for index in (1, 2):
        answer(crew_client, practice, index)
    practice.refresh_from_db()
    assert practice.is_finished and practice.passed
    assert not Certificate.objects.exists()
    result = crew_client.get(practice.get_absolute_url()).content.decode()
    assert "Practice result" in result and "earns no certificate" in result
    assert "Not started" in crew_client.get(f"/modules/{bank.slug}/").content.decode()


def test_practice_never_says_fails_or_not_passed(crew_client: Any, bank: Module) -> None:
    """A critical question missed in practice is named as critical, and nothing says the
    practice failed: it counts for nothing."""
    practice = start(crew_client, bank, "practice")
    critical = next(i for i, q in enumerate(practice.form) if q["critical"])
    pages = []
    for index in range(len(practice.form)):
        response = answer(crew_client, practice, index, right=index != critical)
        pages.append(crew_client.get(response["Location"]).content.decode())
    pages.append(crew_client.get(practice.get_absolute_url()).content.decode())
    for page in pages:
        assert "fails the attempt" not in page and "not passed" not in page.lower()
    assert "in a certifying attempt, a wrong answer here fails it" in pages[critical]
    assert "You missed a critical question." in pages[-1]
    certifying = start(crew_client, bank)
    for index in range(len(certifying.form)):
        answer(crew_client, certifying, index, right=not certifying.form[index]["critical"])
    result = crew_client.get(certifying.get_absolute_url()).content.decode()
    assert "Not passed because a critical objective was missed" in result
    assert "Critical question" not in result  # a failed certifying result shows no keys


def test_practice_and_certifying_run_side_by_side(crew_client: Any, bank: Module) -> None:
    certifying = start(crew_client, bank)
    practice = start(crew_client, bank, "practice")
    assert certifying != practice
    assert start(crew_client, bank) == certifying
    assert start(crew_client, bank, "practice") == practice
    body = crew_client.get(f"/modules/{bank.slug}/").content.decode()
    assert "Resume the certifying attempt" in body and "Resume practice" in body


def test_a_retake_meets_other_questions(crew_client: Any, bank: Module) -> None:
    first = start(crew_client, bank)
    for index in range(3):
        answer(crew_client, first, index)
    retake = start(crew_client, bank)
    assert not set(retake.question_ids) & set(first.question_ids)


def test_the_page_shows_the_choices_in_the_order_the_snapshot_grades(
    crew_client: Any, bank: Module
) -> None:
    attempt = start(crew_client, bank)
    body = crew_client.get(attempt.get_absolute_url()).content.decode()
    texts = [c["text"] for c in attempt.form[0]["choices"]]
    positions = [body.index(f"<span>{text}</span>") for text in texts]
    assert positions == sorted(positions)
    right = next(n for n, c in enumerate(attempt.form[0]["choices"]) if c["is_correct"])
    crew_client.post(attempt.get_absolute_url(), {"question": "0", "choice": [str(right)]})
    assert Answer.objects.get(attempt=attempt, index=0).correct


@pytest.mark.parametrize(
    "data",
    [
        {"mode": "exam"},
        {"mode": "certifying", "slots": ["objective-1"]},
        {"mode": "practice", "slots": ["abc"]},
        {"mode": "practice", "slots": ["1"]},
    ],
)
def test_a_start_that_makes_no_sense_is_refused_with_400_naming_no_valid_value(
    crew_client: Any, bank: Module, data: dict[str, Any]
) -> None:
    response = crew_client.post(f"/modules/{bank.slug}/", data)
    assert response.status_code == 400
    assert not Attempt.objects.exists()
    body = response.content.decode()
    for slot in ("objective-1", "objective-2", "objective-3"):
        assert slot not in body


def test_slots_of_another_module_cannot_be_practised(crew_client: Any, bank: Module) -> None:
    other = factories.SlotFactory(slug="elsewhere")
    factories.QuestionFactory(module=other.module, slot=other, pool="practice")
    response = crew_client.post(
        f"/modules/{bank.slug}/", {"mode": "practice", "slots": ["elsewhere"]}
    )
    assert response.status_code == 400
    assert response.content.decode() == "That objective is not part of this module."


def test_a_refused_answer_keeps_the_learners_selections(crew_client: Any, db: None) -> None:
    module = factories.PublishedModuleFactory(questions=0)
    factories.QuestionFactory(module=module, kind="ordering")
    attempt = start(crew_client, module)
    posted = {"question": "0", "choice": ["2", "2", "1", "4"]}  # two items in place 2
    for extra in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = crew_client.post(attempt.get_absolute_url(), posted, **extra)
        assert response.status_code == 400
        body = response.content.decode()
        assert "Use each place from 1 to 4 exactly once." in body
        selects = body.split('<select name="choice"')[1:]
        picked = [s.split(" selected>")[0].rsplit('value="', 1)[1].strip('"') for s in selects]
        assert picked == ["2", "2", "1", "4"]


def test_a_refused_multiple_select_keeps_what_was_ticked(crew_client: Any, db: None) -> None:
    module = factories.PublishedModuleFactory(questions=0)
    factories.QuestionFactory(module=module, kind="multiple")
    attempt = start(crew_client, module)
    response = crew_client.post(attempt.get_absolute_url(), {"question": "0", "choice": ["1", "1"]})
    assert response.status_code == 400
    body = response.content.decode()
    assert body.count(" checked") == 1 and 'value="1" checked' in body


@pytest.mark.parametrize("value", ["²", "٣", "１", " 1", "1\x00", "9" * 30])
def test_digits_that_are_not_ascii_are_refused_with_400(
    crew_client: Any, bank: Module, value: str
) -> None:
    attempt = start(crew_client, bank)
    for data in ({"question": "0", "choice": [value]}, {"question": value, "choice": ["0"]}):
        assert crew_client.post(attempt.get_absolute_url(), data).status_code == 400
    assert not Answer.objects.exists()


def test_a_refused_answer_shows_in_place_with_debug_on_too(
    crew_client: Any, bank: Module, settings: Any
) -> None:
    """Under DEBUG, django-htmx's debug helper would replace the whole page with any 400
    answer: the pages leave it out, so a refused answer behaves as in production."""
    settings.DEBUG = True
    attempt = start(crew_client, bank)
    body = crew_client.get(attempt.get_absolute_url()).content.decode()
    assert "htmx-2.min.js" in body and "django-htmx.js" not in body
