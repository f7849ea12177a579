"""How a person is named on every page, export and printout, and the characters a name may
not hold."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.validators import RegexValidator

# Characters that reorder the text around them or set its direction, unseen: the embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the direction marks (U+200E,
# U+200F, U+061C). In a name or a job title they can make it display as another one.
BIDI_CONTROLS = dict.fromkeys(
    [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


def without_bidi_controls(text: str) -> str:
    return text.translate(BIDI_CONTROLS)


# A model field's validator: the admin refuses such a name, saying why. A regular expression
# of Django's, so that a migration holds it whole and imports nothing of ours.
refuse_bidi_controls = RegexValidator(
    "[" + "".join(f"\\u{code:04x}" for code in BIDI_CONTROLS) + "]",
    inverse_match=True,
    message=(
        "Remove the invisible characters that change the text's direction: "
        "they can make one name display as another."
    ),
    code="direction_controls",
)


def display_name(user: AbstractBaseUser | AnonymousUser) -> str:
    """Their full name, or their username without one, as typed: without direction
    controls, whatever was stored (the admin edits names too)."""
    full = getattr(user, "get_full_name", lambda: "")()
    return without_bidi_controls(full) or user.get_username()
