"""The language switch on every page, the browser's language, and the choice saved on the
account of someone signed in."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from safetyquiz.crews.models import LanguagePreference
from tests import factories

pytestmark = pytest.mark.django_db

SWITCH = reverse("crews:language")


def html_lang(client: Client, path: str = "/", accept: str = "") -> str:
    page = client.get(path, headers={"accept-language": accept}).content.decode()
    return page.split('<html lang="', 1)[1].split('"', 1)[0]


def test_a_spanish_browser_gets_spanish_pages(client: Client) -> None:
    assert html_lang(client, accept="es-ES,es;q=0.9") == "es"
    assert html_lang(client, accept="fr-FR") == "en"


def test_every_page_has_the_switch_to_the_other_language(client: Client) -> None:
    english = client.get("/accounts/login/").content.decode()
    assert 'name="language" value="es"' in english and 'value="en"' not in english
    spanish = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'name="language" value="en"' in spanish


def test_the_switch_keeps_the_choice_for_someone_signed_out(client: Client) -> None:
    response = client.post(SWITCH, {"language": "es", "next": "/accounts/login/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert html_lang(client, "/accounts/login/", accept="en") == "es"


def test_the_switch_saves_the_choice_on_the_account(client: Client) -> None:
    user = factories.UserFactory()
    client.force_login(user)
    client.post(SWITCH, {"language": "es", "next": "/modules/"})
    assert LanguagePreference.objects.get(user=user).language == "es"
    other_phone = Client()
    other_phone.post(reverse("login"), {"username": user.username, "password": factories.PASSWORD})
    assert html_lang(other_phone, "/modules/", accept="en") == "es"


def test_a_choice_made_before_signing_in_is_saved_at_sign_in(client: Client) -> None:
    user = factories.UserFactory()
    client.post(SWITCH, {"language": "es", "next": "/"})
    client.post(reverse("login"), {"username": user.username, "password": factories.PASSWORD})
    assert LanguagePreference.objects.get(user=user).language == "es"


def test_signing_in_without_a_choice_saves_nothing(client: Client) -> None:
    user = factories.UserFactory()
    client.post(
        reverse("login"),
        {"username": user.username, "password": factories.PASSWORD},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert not LanguagePreference.objects.filter(user=user).exists()
    assert html_lang(client, "/modules/", accept="es") == "es"


@pytest.mark.parametrize("language", ["fr", "", "es-ES"])
def test_a_language_not_offered_is_refused(client: Client, language: str) -> None:
    response = client.post(SWITCH, {"language": language, "next": "/"})
    assert response.status_code == 400
    assert "English or Español" in response.content.decode()


def test_the_switch_never_sends_to_another_site(client: Client) -> None:
    response = client.post(SWITCH, {"language": "es", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_switch_is_a_form_post(client: Client) -> None:
    assert client.get(SWITCH, {"language": "es"}).status_code == 405


def test_the_admin_edits_the_english_whatever_the_browser_speaks(client: Client) -> None:
    from safetyquiz.content.models import Department

    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    department = factories.DepartmentFactory(name="Camera")
    Department.objects.filter(pk=department.pk).update(name_es="Cámara")
    url = reverse("admin:content_department_change", args=[department.pk])
    assert html_lang(client, url, accept="es") == "en"
    client.post(
        url,
        {"name": "Camera crew", "name_es": "Cámara", "slug": department.slug, "order": 1},
        headers={"accept-language": "es"},
    )
    names = Department.objects.values_list("name_en", "name_es").get(pk=department.pk)
    assert names == ("Camera crew", "Cámara")
