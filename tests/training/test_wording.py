"""A snapshot in the language it is shown in, without the database."""

from typing import Any

from safetyquiz.training.wording import in_language, languages_of, most_used, shown_in

SNAPSHOT: dict[str, Any] = {
    "prompt": "Who loads the firearm?",
    "role": "",
    "explanation": "Only the armorer.",
    "objective": "Who loads",
    "choices": [
        {"key": "b", "text": "The actor", "is_correct": False, "feedback": "No."},
        {"key": "a", "text": "The armorer", "is_correct": True, "feedback": "Yes."},
    ],
    "excerpts": [{"quote": "It was live.", "source": "People"}],
    "translations": {
        "es": {
            "prompt": "¿Quién carga el arma?",
            "role": "",
            "explanation": "Solo el armero.",
            "objective": "Quién carga",
            "choices": {
                "a": {"text": "El armero", "feedback": "Sí."},
                "b": {"text": "El actor", "feedback": "No."},
            },
            "quotes": ["Estaba cargada."],
        }
    },
}


def test_the_same_question_in_spanish_keeps_its_order_and_key() -> None:
    shown = in_language(SNAPSHOT, "es")
    assert shown["language"] == "es"
    assert shown["prompt"] == "¿Quién carga el arma?"
    assert [(c["key"], c["text"], c["is_correct"]) for c in shown["choices"]] == [
        ("b", "El actor", False),
        ("a", "El armero", True),
    ]


def test_a_quote_stays_in_english_with_its_translation_beside_it() -> None:
    (excerpt,) = in_language(SNAPSHOT, "es")["excerpts"]
    assert excerpt["quote"] == "It was live."
    assert excerpt["translation"] == "Estaba cargada."


def test_english_is_the_snapshot_as_it_was() -> None:
    shown = in_language(SNAPSHOT, "en")
    assert shown["prompt"] == "Who loads the firearm?" and shown["language"] == "en"
    assert shown["choices"] == SNAPSHOT["choices"]


def test_a_language_the_snapshot_does_not_hold_shows_english() -> None:
    english_only = {k: v for k, v in SNAPSHOT.items() if k != "translations"}
    assert languages_of(english_only) == ["en"]
    assert shown_in(english_only, "es") == "en"
    assert in_language(english_only, "es")["prompt"] == "Who loads the firearm?"


def test_the_snapshot_is_not_changed() -> None:
    in_language(SNAPSHOT, "es")
    assert SNAPSHOT["choices"][0]["text"] == "The actor"


def test_the_language_taken_is_the_one_most_answers_were_shown_in() -> None:
    assert most_used(["es", "es", "en"], "en") == "es"
    assert most_used(["es", "en"], "en") == "en"  # a tie: the one it was started in
    assert most_used([], "es") == "es"
