"""The reading grade of the content: pure, no database."""

import pytest

from safetyquiz.content.readability import (
    Reading,
    fixture_readings,
    grade,
    module_readings,
    over_grade,
    reading,
    syllables,
)


@pytest.mark.parametrize(
    ("word", "count"),
    [("gun", 1), ("rule", 1), ("checked", 1), ("armorer", 3), ("loaded", 2), ("little", 2)],
)
def test_syllables_are_counted_as_vowel_groups(word: str, count: int) -> None:
    assert syllables(word) == count


def test_the_grade_is_flesch_kincaid_over_words_sentences_and_syllables() -> None:
    counts = reading("Stop the scene. Call the armorer now.")
    assert counts == Reading(words=7, sentences=2, syllables=9)
    assert counts.grade == round(0.39 * 7 / 2 + 11.8 * 9 / 7 - 15.59, 1)


def test_long_sentences_of_long_words_read_at_a_higher_grade() -> None:
    plain = "Stop. Wait for the armorer. Do not touch the gun."
    dense = (
        "Notwithstanding production pressure, unidentified ammunition necessitates "
        "immediate notification of the designated armorer before any continuation."
    )
    assert grade(plain) < 4 < 12 < grade(dense)


def test_a_module_is_measured_by_part_and_flagged_above_the_limit() -> None:
    readings = module_readings(
        "What this means for you: stop and call the armorer.\n\nNobody else checks the gun.",
        ["Who checks the gun?", "What do you do?"],
        [
            "Comprehensive organisational accountability necessitates institutional "
            "documentation of every unanticipated occurrence."
        ],
    )
    assert list(readings) == ["briefing", "prompts", "feedback"]
    assert readings["briefing"].sentences == 2
    problems = over_grade(readings, 8)
    assert len(problems) == 1 and problems[0].startswith("its feedback read at grade")
    assert over_grade(readings, 99) == []


def test_an_empty_part_is_not_flagged() -> None:
    assert over_grade(module_readings("", [], []), 0) == []


def test_fixture_readings_gather_each_modules_texts() -> None:
    objects = [
        {"model": "content.module", "fields": {"slug": "m", "briefing": "Stop now."}},
        {
            "model": "content.question",
            "fields": {"module": ["m"], "slug": "q1", "prompt": "Who?", "explanation": "Why."},
        },
        {"model": "content.choice", "fields": {"question": ["q1", "m"], "feedback": "No."}},
    ]
    parts = fixture_readings(objects)["m"]
    assert (parts["briefing"].words, parts["prompts"].words, parts["feedback"].words) == (2, 1, 2)
