"""The answer key never reaches the browser before the question is answered: every
question page and every fragment of a real module is scanned, and the questions a device
keeps to answer offline."""

import re
from typing import Any

import pytest

from safetyquiz.content.models import Module, Question
from safetyquiz.training.models import Attempt
from tests import factories
from tests.training.helpers import answer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curriculum")]

TELLTALES = re.compile(r"is_correct|correct|position|explanation|feedback", re.I)


def scan(body: str, question: Question) -> None:
    panel = body.split('id="question-panel"', 1)[-1]
    assert not TELLTALES.search(panel), TELLTALES.search(panel)
    assert question.explanation not in body
    for choice in question.choices.all():
        if choice.feedback:
            assert choice.feedback not in body


@pytest.mark.parametrize("slug", ["cold-is-a-claim", "safety-meeting"])
def test_no_page_or_fragment_shows_the_key_before_answering(crew_client: Any, slug: str) -> None:
    module = Module.objects.get(slug=slug)
    crew_client.post(f"/modules/{slug}/")
    attempt = Attempt.objects.get(module=module)
    for index, pk in enumerate(attempt.question_ids):
        question = Question.objects.get(pk=pk)
        scan(crew_client.get(f"/attempts/{attempt.pk}/").content.decode(), question)
        refused = crew_client.post(
            f"/attempts/{attempt.pk}/", {"question": str(index)}, HTTP_HX_REQUEST="true"
        )
        assert refused.status_code == 400
        scan(refused.content.decode(), question)
        scan(crew_client.get(f"/modules/{slug}/").content.decode(), question)
        kept = crew_client.get(f"/attempts/{attempt.pk}/form/").content.decode()  # for offline
        assert not TELLTALES.search(kept), TELLTALES.search(kept)
        for later in Question.objects.filter(pk__in=attempt.question_ids[index:]):
            scan(kept, later)
        answer(crew_client, attempt, index)


@pytest.fixture
def pooled(db: None) -> Module:
    """Three objectives of three certifying questions and two practice questions each."""
    module = factories.PublishedModuleFactory(slug="pooled", questions=0)
    for number in (1, 2, 3):
        slot = factories.SlotFactory(module=module, slug=f"objective-{number}", order=number)
        for n in range(5):
            pool = "certifying" if n < 3 else "practice"
            kind = ["single", "decision", "multiple", "true_false", "ordering"][n]
            question = factories.QuestionFactory(
                module=module,
                slot=slot,
                pool=pool,
                kind=kind,
                slug=f"{pool}-{number}-{n}",
                prompt=f"{pool.upper()}-PROMPT-{number}-{n}",
                explanation=f"{pool.upper()}-EXPLANATION-{number}-{n}",
                choices=False,
            )
            for c, data in enumerate(factories.DEFAULT_CHOICES[kind]):
                factories.ChoiceFactory(
                    question=question,
                    **{**data, "text": f"{pool.upper()}-CHOICE-{number}-{n}-{c}"},
                    feedback=f"{pool.upper()}-FEEDBACK-{number}-{n}-{c}",
                )
    return module


def shown_in_practice(client: Any, module: Module, data: dict[str, Any]) -> list[str]:
    """Every page and fragment of one practice round, answered through: the question pages,
    the answers' feedback with and without htmx, the result."""
    response = client.post(f"/modules/{module.slug}/", {"mode": "practice", **data})
    attempt = Attempt.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))
    pages = []
    for index in range(len(attempt.form)):
        pages.append(client.get(f"/attempts/{attempt.pk}/").content.decode())
        pages.append(
            client.get(f"/attempts/{attempt.pk}/", HTTP_HX_REQUEST="true").content.decode()
        )
        extra = {"HTTP_HX_REQUEST": "true"} if index % 2 else {}
        pages.append(answer(client, attempt, index, right=index % 3 != 0, **extra).content.decode())
        pages.append(client.get(f"/attempts/{attempt.pk}/answers/{index}/").content.decode())
    pages.append(client.get(f"/attempts/{attempt.pk}/").content.decode())
    return pages


def test_practice_never_shows_a_certifying_question_even_with_a_certifying_attempt_open(
    crew_client: Any, pooled: Module
) -> None:
    crew_client.post(f"/modules/{pooled.slug}/", {"mode": "certifying"})
    certifying = Attempt.objects.get(mode="certifying")
    pages: list[str] = []
    for _ in range(6):  # every practice round a learner can take, and more
        pages += shown_in_practice(crew_client, pooled, {})
    for number in (1, 2, 3):  # each objective on its own, the certifying attempt still open
        pages += shown_in_practice(crew_client, pooled, {"slots": [f"objective-{number}"]})
    pages += shown_in_practice(crew_client, pooled, {"slots": ["objective-1", "objective-3"]})
    refused = crew_client.post(
        f"/modules/{pooled.slug}/", {"mode": "practice", "slots": ["certifying-1-0"]}
    )
    assert refused.status_code == 400
    pages.append(refused.content.decode())
    practice_seen = {p for page in pages for p in re.findall(r"[A-Z]+-PROMPT-\d-\d", page)}
    # Practice showed every practice question, and nothing of the certifying pool.
    assert practice_seen == {f"PRACTICE-PROMPT-{s}-{n}" for s in (1, 2, 3) for n in (3, 4)}
    assert not any("CERTIFYING" in page for page in pages)
    # What the certifying attempt shows is its own pool, and never its key, to the end.
    asked = {q["prompt"] for q in certifying.form}
    assert asked <= {f"CERTIFYING-PROMPT-{s}-{n}" for s in (1, 2, 3) for n in range(3)}
    certifying_pages = []
    for index in range(len(certifying.form)):
        certifying_pages.append(crew_client.get(f"/attempts/{certifying.pk}/").content.decode())
        answer(crew_client, certifying, index, right=index != 0)
    certifying_pages.append(crew_client.get(f"/attempts/{certifying.pk}/").content.decode())
    certifying_pages.append(
        crew_client.get(f"/attempts/{certifying.pk}/answers/0/", follow=True).content.decode()
    )
    certifying_pages.append(crew_client.get(f"/modules/{pooled.slug}/").content.decode())
    for page in certifying_pages:
        for secret in ("CERTIFYING-EXPLANATION", "CERTIFYING-FEEDBACK"):
            assert secret not in page
    result = certifying_pages[-3]
    assert "Your result: not passed" in result and "CERTIFYING-CHOICE" not in result
