from django.contrib.auth.models import User

from safetyquiz.training.templatetags.people import display_name


def test_a_person_is_shown_by_full_name_or_else_username() -> None:
    assert display_name(User(username="casey", first_name="Casey", last_name="Rivera")) == (
        "Casey Rivera"
    )
    assert display_name(User(username="casey")) == "casey"
