"""Every page a crew member meets, rendered in Spanish, shows no message of the interface
in English: none of the catalog's English, and no common English word outside the content
(the module's own texts, which the tests mark, and the quotes, verbatim in English)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from safetyquiz.crews.models import LanguagePreference
from safetyquiz.training import services
from safetyquiz.training.models import Certificate
from tests import factories
from tests.spanish import MARK, translate
from tests.test_i18n import catalog_entries
from tests.training.helpers import answer

pytestmark = pytest.mark.django_db

# Words of English that Spanish never uses; any one of them outside the content is a
# message left in English.
ENGLISH = {
    "the", "your", "you", "and", "with", "this", "of", "to", "is", "are", "was",
    "not", "for", "from", "what", "which", "sign", "question", "module", "attempt", "only",
}  # fmt: skip
SKIPPED_TAGS = {"script", "style"}


class Reading(HTMLParser):
    """The text a Spanish reader is shown, less the content: what an element marked
    lang="en" holds (a quote) and each of the content's test translations."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "input", "meta", "link", "img", "hr"}:
            return
        english = dict(attrs).get("lang") == "en" or tag in SKIPPED_TAGS
        self.stack.append((tag, english or bool(self.stack and self.stack[-1][1])))
        for name, value in attrs:
            if name in {"aria-label", "title", "placeholder", "alt"} and value:
                self.handle_data(value)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][1]:
            return
        self.texts.append(data)


def english_left(page: str) -> list[str]:
    reading = Reading()
    reading.feed(page)
    found = []
    catalog = [m for _, m, _ in catalog_entries() if "%" not in m and "<" not in m]
    for text in reading.texts:
        text = " ".join(text.split())
        if not text or MARK in text:
            continue
        # The offline script's placeholders ({module}) are filled in by it, not read.
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", re.sub(r"\{\w+\}", " ", text))}
        if words & ENGLISH or any(m == text for m in catalog if len(m) > 3):
            found.append(text)
    return found


@pytest.fixture
def spanish_crew(client: Client) -> dict[str, Any]:
    production = factories.ProductionFactory(name="Rodaje Norte", join_code="NORTE1")
    module = translate(factories.PublishedModuleFactory(questions=4, practice=2))
    department = factories.DepartmentFactory()
    department.__class__.objects.filter(pk=department.pk).update(name_es=f"{MARK} depto")
    user = factories.UserFactory(username="maria", first_name="María", last_name="López")
    factories.MembershipFactory(production=production, user=user, department=department)
    factories.AssignmentFactory(production=production, module=module)
    LanguagePreference.objects.create(user=user, language="es")
    client.force_login(user)
    session = client.session
    session["language"] = "es"
    session.save()
    return {"user": user, "module": module, "production": production}


def test_the_crews_pages_in_spanish_leave_no_message_in_english(
    client: Client, spanish_crew: dict[str, Any]
) -> None:
    user, module = spanish_crew["user"], spanish_crew["module"]
    pages = ["/modules/", f"/modules/{module.slug}/", "/certificates/"]
    attempt = services.attempt_start(user=user, module=module, language="es")
    pages.append(f"/attempts/{attempt.pk}/")
    for index in range(len(attempt.question_ids)):
        answer(client, attempt, index, HTTP_ACCEPT_LANGUAGE="es")
    pages.append(f"/attempts/{attempt.pk}/")  # the result
    certificate = Certificate.objects.get(user=user)
    pages += [f"/certificates/{certificate.code}/print/", f"/certificates/{certificate.code}/"]
    practice = services.attempt_start(user=user, module=module, mode="practice", language="es")
    answer(client, practice, 0, right=False, HTTP_ACCEPT_LANGUAGE="es")
    pages.append(f"/attempts/{practice.pk}/answers/0/")
    for path in pages:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="es")
        assert response.status_code == 200, path
        page = response.content.decode()
        assert '<html lang="es">' in page, path
        assert not english_left(page), (path, english_left(page))


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/login/",
        "/join/",
        "/accounts/password_reset/",
        "/certificates/no-such-code/",
    ],
)
def test_the_pages_signed_out_in_spanish_leave_no_message_in_english(
    client: Client, path: str
) -> None:
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="es")
    page = response.content.decode()
    assert '<html lang="es">' in page, path
    assert not english_left(page), english_left(page)


def test_the_checker_finds_a_message_left_in_english() -> None:
    page = '<html lang="es"><p>Tus módulos</p><p>Back to your modules</p></html>'
    assert english_left(page) == ["Back to your modules"]
    quoted = '<blockquote lang="en"><p>The gun was cold.</p></blockquote>'
    assert english_left(quoted) == []
