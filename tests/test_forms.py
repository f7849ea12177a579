"""Numbers in forms are read strictly: ASCII digits only, before any query."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from safetyquiz.content.models import Department
from safetyquiz.crews.models import Membership
from safetyquiz.forms import (
    StrictIntegerField,
    StrictModelChoiceField,
    StrictModelMultipleChoiceField,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["٣", "３", " 3", "3.0", "-3", "9" * 20])
def test_numbers_that_are_not_plain_ascii_digits_are_refused(value: str) -> None:
    department = factories.DepartmentFactory()
    fields: list[Any] = [
        StrictIntegerField(),
        StrictModelChoiceField(queryset=Department.objects.all()),
    ]
    for field in fields:
        with pytest.raises(Exception) as error:
            field.clean(value)
        assert error.type.__name__ == "ValidationError"
    with pytest.raises(Exception) as error:
        StrictModelMultipleChoiceField(queryset=Department.objects.all()).clean([value])
    assert error.type.__name__ == "ValidationError"
    assert (
        StrictModelChoiceField(queryset=Department.objects.all()).clean(str(department.pk))
        == department
    )


def test_plain_numbers_are_read() -> None:
    assert StrictIntegerField().clean("14") == 14
    department = factories.DepartmentFactory()
    chosen = StrictModelMultipleChoiceField(queryset=Department.objects.all()).clean(
        [str(department.pk)]
    )
    assert list(chosen) == [department]


@pytest.mark.parametrize("value", ["9223372036854775808", "٣", "-1"])
def test_a_choice_by_another_whole_number_key_is_read_as_strictly(
    value: str, django_assert_num_queries: Any
) -> None:
    """A member chosen by their user id (as the extension form does) is refused before any
    query when the id is not a plain number in range: past 2**63, SQLite cannot even
    take it."""
    membership = factories.MembershipFactory()
    field = StrictModelChoiceField(queryset=Membership.objects.all(), to_field_name="user_id")
    with django_assert_num_queries(0), pytest.raises(ValidationError):
        field.clean(value)
    assert field.clean(str(membership.user_id)) == membership
    many = StrictModelMultipleChoiceField(
        queryset=Membership.objects.all(), to_field_name="user_id"
    )
    with django_assert_num_queries(0), pytest.raises(ValidationError):
        many.clean([value])


def test_a_choice_by_a_slug_is_not_read_as_a_number() -> None:
    department = factories.DepartmentFactory(slug="grip")
    field = StrictModelChoiceField(queryset=Department.objects.all(), to_field_name="slug")
    assert field.clean("grip") == department
