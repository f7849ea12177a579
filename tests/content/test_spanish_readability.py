"""The reading ease of Spanish texts (Fernández-Huerta), from a syllable count."""

import pytest

from safetyquiz.content.readability import (
    SPANISH_EASE_GRADE_8,
    fernandez_huerta,
    spanish_reading,
    spanish_syllables,
)


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("armero", 3),
        ("ayudante", 4),
        ("dirección", 3),
        ("munición", 3),
        ("poeta", 3),  # a hiatus: po-e-ta
        ("día", 2),  # an accented í stands apart: dí-a
        ("ciudad", 2),  # two weak vowels join: ciu-dad
        ("guardamonte", 4),
        ("que", 1),
        ("hoy", 1),
        ("y", 1),
    ],
)
def test_syllables_of_spanish_words(word: str, count: int) -> None:
    assert spanish_syllables(word) == count


def test_short_plain_sentences_read_at_grade_8_or_below() -> None:
    text = "El armero carga el arma. Nadie más la toca. Si algo le parece raro, pare y avise."
    assert fernandez_huerta(spanish_reading(text)) >= SPANISH_EASE_GRADE_8


def test_long_dense_sentences_read_above_grade_8() -> None:
    text = (
        "La responsabilidad administrativa correspondiente a la verificación sistemática de "
        "municiones, independientemente de consideraciones organizativas, recae "
        "exclusivamente sobre profesionales debidamente acreditados y certificados"
    )
    assert fernandez_huerta(spanish_reading(text)) < SPANISH_EASE_GRADE_8


def test_no_words_is_nothing_to_read() -> None:
    assert spanish_reading("").words == 0
    assert fernandez_huerta(spanish_reading("")) == 100.0
