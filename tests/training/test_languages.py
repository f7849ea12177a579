"""Attempts in two languages: the form holds each question in English and in Spanish when
the module is offered in Spanish; a learner may switch in the middle and sees the same
question; each answer records the language shown, and the attempt the language taken."""

import pytest
from django.test import Client

from safetyquiz.content.models import Module
from safetyquiz.training import services
from safetyquiz.training.models import Attempt
from tests import factories
from tests.spanish import MARK, translate
from tests.training.helpers import answer_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def module() -> Module:
    module = factories.PublishedModuleFactory(questions=4)
    return translate(module)


def start(user, module: Module, language: str = "es") -> Attempt:
    return services.attempt_start(user=user, module=module, language=language)


def test_a_form_holds_each_question_in_both_languages(module: Module) -> None:
    attempt = start(factories.UserFactory(), module)
    assert attempt.language == "es"
    for snapshot in attempt.form:
        spanish = snapshot["translations"]["es"]
        assert spanish["prompt"] == f"{MARK} {snapshot['prompt']}"
        assert set(spanish["choices"]) == {c["key"] for c in snapshot["choices"]}


def test_a_module_not_offered_in_spanish_is_taken_in_english() -> None:
    module = factories.PublishedModuleFactory(questions=2)
    translate(module, skip=("choice", "feedback"))
    attempt = start(factories.UserFactory(), module)
    assert attempt.language == "en"
    assert all("translations" not in snapshot for snapshot in attempt.form)


def test_the_snapshot_keeps_english_when_started_from_a_spanish_page(module: Module) -> None:
    from django.utils import translation

    with translation.override("es"):
        attempt = start(factories.UserFactory(), module)
    assert not attempt.form[0]["prompt"].startswith(MARK)


def test_switching_language_shows_the_same_question(module: Module, client: Client) -> None:
    user = factories.UserFactory()
    client.force_login(user)
    attempt = start(user, module)
    client.post(f"/attempts/{attempt.pk}/", answer_data(attempt, 0) | {"language": "es"})
    snapshot = attempt.form[1]
    spanish = client.get(
        f"/attempts/{attempt.pk}/", headers={"accept-language": "es"}
    ).content.decode()
    english = client.get(
        f"/attempts/{attempt.pk}/", headers={"accept-language": "en"}
    ).content.decode()
    assert f"{MARK} {snapshot['prompt']}" in spanish
    assert snapshot["prompt"] in english and MARK not in english
    order = [c["text"] for c in snapshot["choices"]]
    assert [english.index(t) for t in order] == sorted(english.index(t) for t in order)
    assert [spanish.index(f"{MARK} {t}") for t in order] == sorted(
        spanish.index(f"{MARK} {t}") for t in order
    )
    assert 'name="language" value="es"' in spanish


def test_each_answer_records_the_language_shown(module: Module, client: Client) -> None:
    user = factories.UserFactory()
    client.force_login(user)
    attempt = start(user, module)
    shown = ["es", "en", "es", "es"]
    for index, language in enumerate(shown):
        client.post(
            f"/attempts/{attempt.pk}/", answer_data(attempt, index) | {"language": language}
        )
    attempt.refresh_from_db()
    assert [a.language for a in attempt.answers.order_by("index")] == shown
    assert attempt.is_finished and attempt.language == "es"
    assert attempt.certificate.attempt.language == "es"


def test_an_answer_in_a_language_the_form_lacks_is_recorded_as_english(client: Client) -> None:
    module = factories.PublishedModuleFactory(questions=1)
    user = factories.UserFactory()
    client.force_login(user)
    attempt = start(user, module)
    client.post(f"/attempts/{attempt.pk}/", answer_data(attempt, 0) | {"language": "es"})
    assert attempt.answers.get().language == "en"


def test_a_language_the_site_does_not_speak_is_refused(module: Module, client: Client) -> None:
    user = factories.UserFactory()
    client.force_login(user)
    attempt = start(user, module)
    response = client.post(f"/attempts/{attempt.pk}/", answer_data(attempt, 0) | {"language": "xx"})
    assert response.status_code == 400
    assert not attempt.answers.exists()
