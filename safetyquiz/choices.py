"""Named values with a label each, as Django's ``TextChoices``, for the pure modules, which
import no Django: ``Status.PASSED == "passed"``, ``Status.PASSED.label == "Passed"``,
``Status.choices()`` for a form field."""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Choices(StrEnum):
    """Members are written ``NAME = "value", "Label"``."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]
