"""Named values with a label each, as Django's ``TextChoices``, for the pure modules, which
import no Django: ``Status.PASSED == "passed"``, ``Status.PASSED.label == "Passed"``,
``Status.choices()`` for a form field.

A label is written in English, marked with ``gettext_noop`` so ``makemessages`` finds it,
and read in the page's language: Django hands its ``gettext`` to ``use_translator`` when it
starts (``CrewsConfig.ready``), so this module still imports no Django."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Self


def gettext_noop(message: str) -> str:
    """Marks a label for ``makemessages`` (the name it looks for); translated when read."""
    return message


class Choices(StrEnum):
    """Members are written ``NAME = "value", gettext_noop("Label")``."""

    _english: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._english = label
        return member

    @property
    def label(self) -> str:
        """The label in the active language."""
        return translated(self._english)

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


def _untranslated(message: str) -> str:
    return message


_translator: list[Callable[[str], str]] = [_untranslated]


def use_translator(translate: Callable[[str], str]) -> None:
    """Read the labels and marked messages through ``translate`` from now on."""
    _translator[0] = translate


def translated(message: str) -> str:
    """A message marked with ``gettext_noop``, in the page's language (as a label is)."""
    return _translator[0](message)
