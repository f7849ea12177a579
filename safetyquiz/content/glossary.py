"""The glossary of set and firearm terms (``fixtures/GLOSSARY.es.md``), and whether a
Spanish text uses the glossary's term where its English uses the English one (pure).

Each table row of the glossary pairs English terms with Spanish ones: "live round, live
ammunition | cartucho real, munición real" pairs them in order when both sides list as many;
otherwise any of the Spanish terms will do for each English one. "armero / armera" gives
alternatives; a note in parentheses is left out of the match ("primer ayudante de dirección
(1st AD)" is matched as "primer ayudante de dirección"). Matching ignores case, lets an
English term take a plural s and each word of a Spanish term take an ending ("cartuchos de
salva" uses "cartucho de salva"), so it finds what is missing, never what is wrong: a second
reader checks the rest."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

PARENTHESES = re.compile(r"\([^)]*\)")
WORD = re.compile(r"[\w’'-]+", re.UNICODE)


@dataclass(frozen=True)
class Entry:
    english: str
    spanish: tuple[str, ...]  # any of these will do


@dataclass(frozen=True)
class Miss:
    english: str
    spanish: tuple[str, ...]

    def __str__(self) -> str:
        return f"“{self.english}” without “{' / '.join(self.spanish)}”"


def _terms(cell: str) -> list[str]:
    plain = PARENTHESES.sub("", cell).replace('"', "").replace("“", "").replace("”", "")
    return [t.strip().lower() for t in plain.split(",") if t.strip()]


def parse(markdown: str) -> list[Entry]:
    """The glossary's entries, from its Markdown tables."""
    entries: list[Entry] = []
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 2 or not line.lstrip().startswith("|"):
            continue
        english, spanish = cells
        if english.lower() == "english" or set(english) <= set("-: "):
            continue
        left, right = _terms(english), _terms(spanish)
        for n, term in enumerate(left):
            options = [right[n]] if len(left) == len(right) else right
            alternatives = tuple(a.strip() for o in options for a in o.split("/") if a.strip())
            if term and alternatives:
                entries.append(Entry(term, alternatives))
    return entries


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _has_english(words: list[str], term: str) -> bool:
    wanted = term.split()
    for start in range(len(words) - len(wanted) + 1):
        window = words[start : start + len(wanted)]
        if window[:-1] == wanted[:-1] and window[-1] in (
            wanted[-1],
            wanted[-1] + "s",
            wanted[-1] + "es",
        ):
            return True
    return False


def _has_spanish(words: list[str], term: str) -> bool:
    wanted = term.split()
    for start in range(len(words) - len(wanted) + 1):
        window = words[start : start + len(wanted)]
        if all(
            w.startswith(t) and len(w) - len(t) <= 2 for w, t in zip(window, wanted, strict=True)
        ):
            return True
    return False


def misses(english: str, spanish: str, entries: Iterable[Entry]) -> list[Miss]:
    """The glossary's terms the English text uses where the Spanish uses none of the
    glossary's Spanish for it."""
    if not spanish:
        return []
    english_words, spanish_words = _words(english), _words(spanish)
    found: list[Miss] = []
    for entry in entries:
        if _has_english(english_words, entry.english) and not any(
            _has_spanish(spanish_words, term) for term in entry.spanish
        ):
            found.append(Miss(entry.english, entry.spanish))
    return found
