"""Ids in URLs: at most what the database holds; anything larger is not found, on every
database."""

from typing import Any

import pytest
from django.urls import URLResolver, get_resolver
from django.urls.converters import IntConverter

from safetyquiz.converters import IdConverter
from safetyquiz.parsing import MAX_ID
from tests.worlds import World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["0", "7", str(MAX_ID)])
def test_an_id_in_range_is_read(value: str) -> None:
    assert IdConverter().to_python(value) == int(value)


@pytest.mark.parametrize("value", [str(MAX_ID + 1), "9999999999"])
def test_an_id_past_the_range_is_no_match(value: str) -> None:
    with pytest.raises(ValueError):
        IdConverter().to_python(value)


@pytest.mark.parametrize(
    "tail",
    [
        "productions/{big}/",
        "productions/{p1}/learners/{big}/",
        "productions/{p1}/people/{big}/",
        "productions/{p1}/assignments/{big}/due/",
        "productions/{huge}/roster.csv",
    ],
)
def test_ids_beyond_the_database_range_are_404(client: Any, world: World, tail: str) -> None:
    client.force_login(world.admin)
    url = "/instructor/" + tail.format(big=MAX_ID + 1, huge="9" * 30, p1=world.p1.pk)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


@pytest.mark.parametrize("url", ["/attempts/{big}/", "/attempts/1/answers/{big}/"])
def test_a_crew_member_s_huge_ids_are_404(crew_client: Any, url: str) -> None:
    assert crew_client.get(url.format(big="9" * 25)).status_code == 404


def converters_of(patterns: list[Any]) -> list[Any]:
    found: list[Any] = []
    for entry in patterns:
        found += getattr(entry.pattern, "converters", {}).values()
        if isinstance(entry, URLResolver):
            found += converters_of(entry.url_patterns)
    return found


def test_no_url_takes_an_unbounded_number() -> None:
    converters = converters_of(get_resolver().url_patterns)
    assert any(isinstance(c, IdConverter) for c in converters)
    assert not any(type(c) is IntConverter for c in converters)
