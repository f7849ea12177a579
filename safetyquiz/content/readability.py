"""How hard a text is to read: the Flesch-Kincaid grade, from a heuristic syllable count.

Pure functions over strings, no ORM. A crew member reads a briefing on a phone, often in a
hurry, so the course aims at grade 8 or lower for briefings, prompts and feedback.

The grade is 0.39 x words per sentence + 11.8 x syllables per word - 15.59. Syllables are
counted as groups of vowels, less a silent final "e", at least one a word: about a grade
either way of a dictionary count, which is close enough to tell a grade-11 briefing from a
grade-7 one. Several short texts (a module's prompts, its feedback) are measured together,
each text ending a sentence, so a ten-word prompt with one long word does not swing the
figure on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’][A-Za-zÀ-ÖØ-öø-ÿ]+)*")
SENTENCE_END = re.compile(r"[.!?]+(?:[\"'”’)\]]*)(?=\s|$)|\n+")
VOWELS = re.compile(r"[aeiouyáéíóúüàèìòùâêîôûäëïö]+")


def syllables(word: str) -> int:
    word = word.lower().replace("’", "'").split("'")[0]
    if not word:
        return 1
    count = len(VOWELS.findall(word))
    syllabic_le = word.endswith("le") and len(word) > 2 and word[-3] not in "aeiouy"
    if word.endswith("e") and not word.endswith(("ee", "ye")) and not syllabic_le and count > 1:
        count -= 1  # a silent final e: "rule", "make"; not "little", "free"
    if word.endswith("ed") and not word.endswith(("ted", "ded")) and count > 1:
        count -= 1  # "checked", "aimed"
    return max(1, count)


@dataclass(frozen=True)
class Reading:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        if not self.words:
            return 0.0
        return round(
            0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59, 1
        )

    @property
    def words_per_sentence(self) -> float:
        return round(self.words / self.sentences, 1) if self.sentences else 0.0

    def __add__(self, other: Reading) -> Reading:
        return Reading(
            self.words + other.words,
            self.sentences + other.sentences,
            self.syllables + other.syllables,
        )


NOTHING = Reading(0, 0, 0)


def reading(text: str, count: Callable[[str], int] = syllables) -> Reading:
    """The counts of one text, its syllables by ``count`` (English unless told); a text that
    does not end a sentence ends one anyway."""
    words = WORD.findall(text)
    if not words:
        return NOTHING
    pieces = [p for p in SENTENCE_END.split(text) if WORD.search(p)]
    return Reading(len(words), max(1, len(pieces)), sum(count(w) for w in words))


def reading_of(texts: Iterable[str], count: Callable[[str], int] = syllables) -> Reading:
    """Several texts measured together, each ending its sentence."""
    total = NOTHING
    for text in texts:
        total = total + reading(text, count)
    return total


def grade(text: str) -> float:
    return reading(text).grade


# Spanish: the Fernández-Huerta reading ease, 206.84 - 0.60 x syllables per 100 words
# - 1.02 x sentences per 100 words. 60 to 70 reads as "standard", the level of grades 7 and
# 8; the course's Spanish aims at 60 or more, as its English aims at grade 8 or lower.
# Syllables are counted as vowel groups, each split where two strong vowels meet (a hiatus:
# "po-e-ta") or an accented í or ú stands beside another vowel ("dí-a"); the u of "que" and
# "gui" and a final y ("hoy") join their neighbour: about right, which tells a hard text
# from an easy one.

SPANISH_EASE_GRADE_8 = 60.0
SPANISH_VOWELS = "aeiouáéíóúü"
SPANISH_STRONG = "aeoáéóíú"


def spanish_syllables(word: str) -> int:
    word = word.lower()
    count = 0
    previous = ""
    for letter in word:
        if letter not in SPANISH_VOWELS:
            previous = ""
            continue
        if not previous or (previous in SPANISH_STRONG and letter in SPANISH_STRONG):
            count += 1  # a new vowel group, or a hiatus inside one
        previous = letter
    return max(1, count)


def spanish_reading(text: str) -> Reading:
    return reading(text, spanish_syllables)


def spanish_reading_of(texts: Iterable[str]) -> Reading:
    return reading_of(texts, spanish_syllables)


def fernandez_huerta(counts: Reading) -> float:
    """The reading ease of Spanish counts: higher is easier; 60 or more reads at grade 8."""
    if not counts.words:
        return 100.0
    per_100 = 100 / counts.words
    return round(206.84 - 0.60 * counts.syllables * per_100 - 1.02 * counts.sentences * per_100, 1)


PARTS = ("briefing", "prompts", "feedback")


def module_readings(
    briefing: str, prompts: Iterable[str], feedback: Iterable[str]
) -> dict[str, Reading]:
    """A module's texts measured by part: its briefing, its questions' prompts, and the
    feedback (each choice's feedback and each question's explanation)."""
    return {
        "briefing": reading(briefing),
        "prompts": reading_of(prompts),
        "feedback": reading_of(feedback),
    }


def over_grade(readings: dict[str, Reading], limit: float) -> list[str]:
    """Each part of a module that reads above the grade ``limit``."""
    return [
        f"its {part} read at grade {r.grade} (limit {limit:g}; "
        f"{r.words_per_sentence} words a sentence)"
        for part, r in readings.items()
        if r.words and r.grade > limit
    ]


def fixture_readings(objects: Iterable[dict]) -> dict[str, dict[str, Reading]]:
    """A content fixture's texts by module: the briefing, the prompts, and the feedback
    (each choice's feedback and each question's explanation), in English."""
    modules: dict[str, dict[str, Reading]] = {}
    question_module: dict[str, str] = {}

    def add(module: str, part: str, text: str) -> None:
        parts = modules.setdefault(module, dict.fromkeys(PARTS, NOTHING))
        parts[part] = parts[part] + reading(text)

    for obj in objects:
        model, fields = obj.get("model"), obj.get("fields", {})
        if model == "content.module":
            add(fields["slug"], "briefing", fields.get("briefing", ""))
        elif model == "content.question":
            module = fields["module"][0]
            question_module[fields["slug"] + "/" + module] = module
            add(module, "prompts", fields.get("prompt", ""))
            add(module, "feedback", fields.get("explanation", ""))
        elif model == "content.choice":
            slug, module = fields["question"]
            if fields.get("feedback"):
                add(module, "feedback", fields["feedback"])
    return modules


if __name__ == "__main__":  # python -m safetyquiz.content.readability fixtures/modules/*.json
    import json
    import sys

    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as file:
            for module, parts in fixture_readings(json.load(file)).items():
                figures = ", ".join(
                    f"{part} grade {r.grade} ({r.words} words, {r.words_per_sentence}/sentence)"
                    for part, r in parts.items()
                )
                print(f"{module}: {figures}")
