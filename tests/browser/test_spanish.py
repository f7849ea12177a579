"""A crew member whose browser speaks Spanish joins, takes a certifying attempt in Spanish
(with JavaScript and without), switches to English in the middle and back, and earns a
certificate that says Spanish; an instructor sees the language taken; the Listen control
hands the question's text to the browser's speech synthesis. The module's Spanish is the
tests' own (tests/spanish.py): the course's translations arrive later."""

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from safetyquiz.training import services
from tests import factories
from tests.browser.conftest import SPEECH, sign_in
from tests.spanish import MARK, spanish, translate

pytestmark = pytest.mark.browser

RIGHT = {1: ["Stop and call the armorer"], 2: ["True"], 3: ["The armorer", "The first AD"]}


@pytest.fixture
def spanish_quiz(quiz: Any) -> Any:
    """The three-question quiz, in Spanish too, assigned by a production with a join code."""
    production = factories.ProductionFactory(name="Rodaje Norte", join_code="NORTE1")
    factories.AssignmentFactory(production=production, module=quiz)
    factories.InstructorMembershipFactory(
        production=production,
        user=factories.UserFactory(username="armera", first_name="Ana", last_name="Ruiz"),
    )
    return translate(quiz)


def join_in_spanish(page: Page, base: str) -> None:
    page.goto(f"{base}/join/")
    expect(page.get_by_role("heading", name="Únete a tu producción")).to_be_visible()
    for name, value in {
        "code": "NORTE1",
        "first_name": "María",
        "last_name": "López",
        "username": "maria",
        "password1": factories.PASSWORD,
    }.items():
        page.locator(f"[name={name}]").fill(value)
    page.get_by_role("button", name="Crear mi cuenta y unirme").click()
    expect(page.get_by_text("Bienvenido a Rodaje Norte")).to_be_visible()


def answer(page: Page, number: int, *, language: str) -> None:
    texts = RIGHT[number]
    if language == "es":
        expect(page.get_by_text(f"Pregunta {number} de 3")).to_be_visible()
        texts = [spanish(t) for t in texts]
    else:
        expect(page.get_by_text(f"Question {number} of 3")).to_be_visible()
    for text in texts:
        page.get_by_label(text, exact=True).check()
    button = {
        ("es", False): "Guardar y seguir",
        ("es", True): "Guardar y ver mi resultado",
        ("en", False): "Save and continue",
        ("en", True): "Save and see my result",
    }[(language, number == 3)]
    page.get_by_role("button", name=button).click()


def certify_in_spanish(page: Page, base: str) -> None:
    join_in_spanish(page, base)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("heading", name=spanish("Cold is a claim")).get_by_role("link").click()
    page.get_by_role("button", name="Empezar el intento que certifica").click()
    answer(page, 1, language="es")
    expect(page.get_by_text("Pregunta 2 de 3")).to_be_visible()
    page.get_by_role("button", name="English").click()  # the switch, in the middle
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_text("Question 2 of 3")).to_be_visible()  # the same question
    answer(page, 2, language="en")
    expect(page.get_by_text("Question 3 of 3")).to_be_visible()
    page.get_by_role("button", name="Español").click()  # and back
    answer(page, 3, language="es")
    expect(page.get_by_role("heading", name="Tu resultado: aprobado")).to_be_visible()
    page.get_by_role("link", name="Imprimirlo").click()
    expect(page.get_by_text("hecho en Español")).to_be_visible()
    expect(page.get_by_role("heading", name=spanish("Cold is a claim"))).to_be_visible()


def test_a_spanish_crew_member_joins_and_certifies_in_spanish(
    browser: Any, live_server: Any, spanish_quiz: Any
) -> None:
    context = browser.new_context(locale="es-ES")
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        certify_in_spanish(page, live_server.url)
    finally:
        context.close()
    assert not errors, errors


def test_the_same_in_spanish_without_javascript(
    browser: Any, live_server: Any, spanish_quiz: Any
) -> None:
    context = browser.new_context(locale="es-ES", java_script_enabled=False)
    try:
        certify_in_spanish(context.new_page(), live_server.url)
    finally:
        context.close()


def test_an_instructor_sees_the_language_taken(
    page: Page, live_server: Any, spanish_quiz: Any
) -> None:
    crew = factories.UserFactory(username="maria", first_name="María", last_name="López")
    production = spanish_quiz.assignments.get().production
    factories.MembershipFactory(production=production, user=crew)
    attempt = services.attempt_start(user=crew, module=spanish_quiz, language="es")
    for index, snapshot in enumerate(attempt.form):
        keys = [c["key"] for c in snapshot["choices"] if c["is_correct"]]
        shown = [str(n) for n, c in enumerate(snapshot["choices"]) if c["key"] in keys]
        services.answer_submit(
            user=crew, attempt_id=attempt.pk, index=index, values=shown, language="es"
        )
    sign_in(page, live_server.url, "armera")
    page.get_by_role("link", name="Instructor").click()
    page.get_by_role("link", name="Rodaje Norte").click()
    expect(page.locator("#roster-table").get_by_text("taken in Español")).to_be_visible()
    page.get_by_role("link", name="María López").click()
    expect(page.get_by_text("taken in Español")).to_be_visible()


def test_listen_hands_the_question_and_its_choices_to_speech_synthesis(
    page: Page, live_server: Any, spanish_quiz: Any
) -> None:
    page.add_init_script("window.__voices = [{ lang: 'es-ES', name: 'Lucía' }];" + SPEECH)
    page.set_viewport_size({"width": 375, "height": 740})  # a phone
    factories.UserFactory(username="maria")
    sign_in(page, live_server.url, "maria")
    page.get_by_role("button", name="Español").click()
    page.goto(f"{live_server.url}/modules/{spanish_quiz.slug}/")
    listen = page.get_by_role("button", name="Escuchar")
    expect(listen).to_be_visible()  # the briefing's
    page.get_by_role("button", name="Empezar el intento que certifica").click()
    expect(page.get_by_text("Pregunta 1 de 3")).to_be_visible()
    page.get_by_role("button", name="Escuchar").click()
    spoken = page.evaluate("window.__spoken")
    assert len(spoken) == 1 and spoken[0]["lang"] == "es"
    text = spoken[0]["text"]
    prompt = spanish("The gun is handed to you. Who checks it?")
    assert text.startswith(prompt), text
    choices = page.locator("#question-text label").all_inner_texts()
    assert len(choices) >= 2 and all(c.strip() in text for c in choices), (choices, text)
    assert all(MARK in line for line in text.splitlines() if line.strip())  # nothing else
    page.get_by_role("button", name="Pausa").click()
    assert page.evaluate("window.__paused") is True
    expect(page.get_by_role("button", name="Reanudar", exact=True)).to_be_visible()


def test_listen_is_hidden_without_a_voice_for_the_language(
    page: Page, live_server: Any, spanish_quiz: Any
) -> None:
    page.add_init_script("window.__voices = [{ lang: 'en-US', name: 'Sam' }];" + SPEECH)
    factories.UserFactory(username="maria")
    sign_in(page, live_server.url, "maria")
    page.get_by_role("button", name="Español").click()
    page.goto(f"{live_server.url}/modules/{spanish_quiz.slug}/")
    expect(page.get_by_role("heading", name=re.compile("Qué pasó"))).to_be_visible()
    expect(page.locator("button.listen")).to_be_hidden()
