"""A question's snapshot in the language it is shown in (pure).

A snapshot keeps a question as it was when the form was drawn, in English (``prompt``,
``choices[].text`` ...) and, when its module was offered in another language then, in that
language too (``translations[language]``), so a learner who switches language in the middle
of an attempt sees the same question, the same choices in the same order, in the other
language. Keys, points and the order shown never depend on the language."""

from __future__ import annotations

from typing import Any

ENGLISH = "en"
QUESTION_TEXTS = ("prompt", "role", "explanation", "objective", "teaching_point")
CHOICE_TEXTS = ("text", "feedback")


def languages_of(snapshot: dict[str, Any]) -> list[str]:
    """The languages the snapshot holds the question in, English first."""
    return [ENGLISH, *sorted(snapshot.get("translations", {}))]


def shown_in(snapshot: dict[str, Any], language: str) -> str:
    """The language a question is shown in to someone reading ``language``: that one when
    the snapshot holds it, else English."""
    return language if language in languages_of(snapshot) else ENGLISH


def translation_of(
    prompt: dict[str, str], choices: dict[str, dict[str, str]], quotes: list[str]
) -> dict[str, Any]:
    """What a snapshot keeps of one language: the question's texts, each choice's by key,
    and each quote's translation in the order of the snapshot's excerpts."""
    return {**prompt, "choices": choices, "quotes": quotes}


def in_language(snapshot: dict[str, Any], language: str) -> dict[str, Any]:
    """The snapshot with its texts in ``language`` where it holds them (else English), and
    ``language`` saying which. Quotes stay in English; in another language each carries its
    translation as ``translation``. A new dict: the snapshot is not changed."""
    used = shown_in(snapshot, language)
    shown = {**snapshot, "language": used}
    if used == ENGLISH:
        return shown
    texts = snapshot["translations"][used]
    for name in QUESTION_TEXTS:
        if name in snapshot and texts.get(name) is not None:
            shown[name] = texts[name]
    by_key = texts.get("choices", {})
    shown["choices"] = [
        {**c, **{n: by_key.get(c["key"], {}).get(n, c.get(n, "")) for n in CHOICE_TEXTS}}
        for c in snapshot["choices"]
    ]
    quotes = texts.get("quotes", [])
    shown["excerpts"] = [
        {**e, "translation": quotes[n] if n < len(quotes) else ""}
        for n, e in enumerate(snapshot.get("excerpts", []))
    ]
    return shown


def most_used(languages: list[str], started_in: str) -> str:
    """The language an attempt was taken in: the one most of its answers were shown in;
    on a tie, or with no answers, the one it was started in."""
    if not languages:
        return started_in
    counts = {lang: languages.count(lang) for lang in set(languages)}
    top = max(counts.values())
    leaders = {lang for lang, n in counts.items() if n == top}
    return started_in if started_in in leaders else sorted(leaders)[0]
