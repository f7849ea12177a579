"""Data shared by a module's tests (tests/conftest.py: shared_data) is written once, and
what each test writes on top of it is undone after that test."""

from collections.abc import Iterator

import pytest
from pytest_django import DjangoDbBlocker

from safetyquiz.content.models import Source
from tests import factories
from tests.conftest import shared_data

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def source(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[Source]:
    with shared_data(django_db_blocker):
        with django_db_blocker.unblock():
            made = factories.SourceFactory(slug="shared")
        yield made


def test_a_test_sees_the_shared_data_and_may_write_more(source: Source) -> None:
    factories.SourceFactory(slug="written-by-a-test")
    assert set(Source.objects.values_list("slug", flat=True)) == {"shared", "written-by-a-test"}


def test_the_next_test_sees_the_shared_data_alone(source: Source) -> None:
    assert list(Source.objects.values_list("slug", flat=True)) == ["shared"]
