"""The records say the language a module was taken in: the roster and its CSV, the learner
record, the certificate, and the analysis split by language."""

import csv
import io
from typing import Any

import pytest

from safetyquiz.training.models import Answer, Attempt, Certificate
from tests.worlds import World, login

pytestmark = pytest.mark.django_db


def roster_url(w: World) -> str:
    return f"/instructor/productions/{w.p1.pk}/"


def in_spanish(user: Any) -> None:
    """The user's attempts, and every answer in them, were taken in Spanish."""
    Attempt.objects.filter(user=user).update(language="es")
    Answer.objects.filter(attempt__user=user).update(language="es")


def test_the_roster_says_a_pass_was_taken_in_spanish(client: Any, world: World) -> None:
    login(client, world.instructor_1)
    assert "taken in" not in client.get(roster_url(world)).content.decode()
    in_spanish(world.crew_a)
    body = client.get(roster_url(world)).content.decode()
    assert 'taken in <span lang="es">Español</span>' in body


def test_the_roster_csv_has_a_language_column_per_module(client: Any, world: World) -> None:
    in_spanish(world.crew_a)
    response = login(client, world.instructor_1).get(f"{roster_url(world)}roster.csv")
    rows = {r["username"]: r for r in csv.DictReader(io.StringIO(response.content.decode()))}
    column = f"{world.module.title}: language"
    assert rows["crew_a"][column] == "es"
    assert rows["crew_b"][column] == ""  # not passed: no language taken


def test_the_learner_record_says_each_attempts_language(client: Any, world: World) -> None:
    in_spanish(world.crew_a)
    login(client, world.instructor_1)
    body = client.get(f"{roster_url(world)}learners/{world.crew_a.pk}/").content.decode()
    assert '<span lang="es">Español</span>' in body
    assert "taken in" in body
    body = client.get(f"{roster_url(world)}learners/{world.crew_b.pk}/").content.decode()
    assert '<span lang="en">English</span>' in body and '<span lang="es">' not in body


def test_the_certificate_says_the_language_taken(client: Any, world: World) -> None:
    in_spanish(world.crew_a)
    certificate = Certificate.objects.get(user=world.crew_a)
    login(client, world.crew_a)
    printed = client.get(f"/certificates/{certificate.code}/print/").content.decode()
    assert '<strong lang="es">Español</strong>' in printed
    mine = client.get("/certificates/").content.decode()
    assert '<span lang="es">Español</span>' in mine
    client.logout()
    checked = client.get(f"/certificates/{certificate.code}/").content.decode()
    assert '<dd lang="es">Español</dd>' in checked


def test_the_analysis_is_split_by_language(client: Any, world: World) -> None:
    in_spanish(world.crew_b)
    login(client, world.instructor_1)
    url = f"{roster_url(world)}modules/{world.module.slug}/"
    assert "Attempts</dt><dd>2</dd>" in client.get(url).content.decode()
    spanish = client.get(url, {"language": "es"}).content.decode()
    assert "Attempts</dt><dd>1</dd>" in spanish and "Pass rate</dt><dd>0%" in spanish
    english = client.get(url, {"language": "en"}).content.decode()
    assert "Attempts</dt><dd>1</dd>" in english and "Pass rate</dt><dd>100%" in english
    response = client.get(f"{url}analysis.csv", {"language": "es"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert all(r["answers"] == "1" and r["facility"] == "0.00" for r in rows)
    assert "analysis.csv?language=es" in spanish


def test_an_unknown_language_is_a_clear_400(client: Any, world: World) -> None:
    login(client, world.instructor_1)
    response = client.get(
        f"{roster_url(world)}modules/{world.module.slug}/", {"language": "klingon"}
    )
    assert response.status_code == 400
    assert "klingon" in response.content.decode()
