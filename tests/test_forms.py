"""Numbers in forms are read strictly: ASCII digits only, before any query."""

from typing import Any

import pytest

from safetyquiz.content.models import Department
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
