"""The answer key never reaches the browser before the question is answered: every
question page and every fragment of a real module is scanned, and the questions a device
keeps to answer offline."""

import re
from typing import Any

import pytest

from safetyquiz.content.models import Module, Question
from safetyquiz.training.models import Attempt
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
