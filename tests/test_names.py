"""Names display as typed: the characters that change the text's direction are refused or
removed wherever a name or a job title comes in, and never displayed."""

import pytest
from django.core.exceptions import ValidationError

from safetyquiz.crews.models import Membership, Production
from safetyquiz.names import display_name, without_bidi_controls
from tests import factories

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_every_direction_control_is_removed_and_nothing_else() -> None:
    assert without_bidi_controls(f"Ma{CONTROLS}ría José Núñez") == "María José Núñez"
    assert without_bidi_controls("محمد علي") == "محمد علي"  # right-to-left text itself stays


@pytest.mark.django_db
def test_a_name_stored_with_controls_is_displayed_without_them() -> None:
    user = factories.UserFactory(first_name="Kate\u202e", last_name="yhpruM")
    assert display_name(user) == "Kate yhpruM"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make",
    [
        lambda: Production(name="Dust \u202eliveD", join_code="ABCDEFGH"),
        lambda: Membership(
            production=factories.ProductionFactory(),
            user=factories.UserFactory(),
            job_title="\u2067Armorer",
        ),
    ],
    ids=["production-name", "job-title"],
)
def test_the_admin_refuses_a_name_with_controls(make: object) -> None:
    with pytest.raises(ValidationError, match="change the text's direction"):
        make().full_clean()  # type: ignore[operator]
