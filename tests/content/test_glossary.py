"""The glossary's terms, read from its Markdown, and whether a Spanish text uses them."""

from pathlib import Path

from safetyquiz.content import glossary

ROOT = Path(__file__).resolve().parents[2]
TABLE = """
| English | Español |
|---|---|
| armorer | armero / armera |
| 1st AD (first assistant director) | primer ayudante de dirección (1st AD) |
| live round, live ammunition | cartucho real, munición real |
| blank, blank round | cartucho de salva |
"""


def test_rows_pair_terms_in_order_and_give_alternatives() -> None:
    entries = {e.english: e.spanish for e in glossary.parse(TABLE)}
    assert entries["armorer"] == ("armero", "armera")
    assert entries["1st ad"] == ("primer ayudante de dirección",)
    assert entries["live ammunition"] == ("munición real",)
    assert entries["blank round"] == ("cartucho de salva",)


def test_a_spanish_text_with_the_terms_misses_nothing() -> None:
    entries = glossary.parse(TABLE)
    english = "The armorer shows the 1st AD two blank rounds."
    spanish = "La armera muestra al primer ayudante de dirección (1st AD) dos cartuchos de salva."
    assert glossary.misses(english, spanish, entries) == []


def test_a_spanish_text_without_a_term_misses_it() -> None:
    entries = glossary.parse(TABLE)
    found = glossary.misses("No live ammunition on set.", "Nada de balas de verdad.", entries)
    assert [m.english for m in found] == ["live ammunition"]
    assert "munición real" in str(found[0])


def test_no_spanish_yet_is_no_miss() -> None:
    assert glossary.misses("The armorer.", "", glossary.parse(TABLE)) == []


def test_the_course_glossary_keeps_the_terms_crews_use() -> None:
    entries = {
        e.english: e.spanish
        for e in glossary.parse((ROOT / "fixtures" / "GLOSSARY.es.md").read_text())
    }
    assert "armero" in entries["armorer"]
    assert entries["1st ad"] == ("primer ayudante de dirección",)
    assert entries["blank"] == ("cartucho de salva",)
    assert entries["dummy"] == ("cartucho inerte",)
    assert "utilero jefe" in entries["property master"]
