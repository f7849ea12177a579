"""The bench's ceilings: a bare read, and a bare signed-in write of one row."""

from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import clear_url_caches

from safetyquiz.devtools.models import BenchWrite

pytestmark = pytest.mark.django_db


@pytest.fixture
def routed() -> Any:
    """The bench's URLs, as SAFETYQUIZ_BENCH routes them."""
    import importlib

    from safetyquiz import urls

    with override_settings(SAFETYQUIZ_BENCH=True):
        clear_url_caches()
        importlib.reload(urls)
        yield
    clear_url_caches()
    importlib.reload(urls)


def test_the_write_ceiling_writes_one_row_for_someone_signed_in(
    routed: None, crew_client: Client, crew: Any
) -> None:
    response = crew_client.post("/bench/write/", {"question": "0", "choice": "1"})
    assert response.status_code == 200 and response.content == b"ok"
    row = BenchWrite.objects.get()
    assert (row.user, row.posted) == (crew, {"question": "0", "choice": "1"})
    assert crew_client.get("/bench/write/").status_code == 405


def test_the_write_ceiling_checks_csrf_and_sign_in_as_a_page_does(routed: None, crew: Any) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(crew)
    assert strict.post("/bench/write/", {}).status_code == 403
    assert Client().post("/bench/write/", {}).status_code == 302  # to sign in
    assert not BenchWrite.objects.exists()


def test_the_bench_urls_are_not_routed_without_the_bench_flag(crew_client: Client) -> None:
    assert crew_client.post("/bench/write/", {}).status_code == 404
