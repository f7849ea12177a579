"""Whether a translated text is ready to show: the rule, with no Django (pure).

A text is **ready** in a language when it has a translation, a second reader has checked it
(``manage.py translations stamp`` then records a fingerprint of the English it was made
from), and the English has not changed since. Otherwise it is **missing** (no
translation), **unchecked** (a translation nobody has stamped as checked) or **stale** (the
English changed after the translation was checked). A text with no English needs none."""

from __future__ import annotations

import hashlib
from enum import StrEnum


class TextState(StrEnum):
    READY = "ready"
    MISSING = "missing"
    UNCHECKED = "unchecked"
    STALE = "stale"


def fingerprint(english: str) -> str:
    """What a stamp records of the English a translation was made from: its MD5, which the
    database computes too (``translations.ready_modules``). Not for security: it only tells
    that the English changed."""
    return hashlib.md5(english.encode("utf-8")).hexdigest()  # noqa: S324


def text_state(english: str | None, translated: str | None, stamp: str | None) -> TextState | None:
    """The state of one text's translation, or None when there is no English to translate."""
    if not english:
        return None
    if not translated:
        return TextState.MISSING
    if not stamp:
        return TextState.UNCHECKED
    if stamp != fingerprint(english):
        return TextState.STALE
    return TextState.READY
