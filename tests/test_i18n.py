"""The interface speaks Spanish: every template's words are marked for translation, and
the Spanish catalog translates every message, with no fuzzy entries, compiled."""

from __future__ import annotations

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

TEMPLATES = Path(settings.BASE_DIR) / "templates"
CATALOG = Path(settings.LOCALE_PATHS[0]) / "es" / "LC_MESSAGES"

# The admin's own pages stay English (the admin is in English, middleware.py).
CHECKED = sorted(
    p
    for p in TEMPLATES.rglob("*")
    if p.suffix in {".html", ".txt"} and "admin" not in p.relative_to(TEMPLATES).parts
)

# Pages still in English alone: their words are marked when they are next changed. Each is
# expected to fail the check below (strict: one that passes must leave this list).
NOT_YET_MARKED = {
    "offline.html",
    "reports/analysis.html",
    "reports/assignments.html",
    "reports/learner.html",
    "reports/password_link.html",
    "reports/people.html",
    "reports/person.html",
    "reports/poster.html",
    "reports/roster_print.html",
    "training/_preview_question.html",
    "training/module_preview.html",
    "training/module_quality.html",
    "training/question_preview.html",
}

# Names that are the same in both languages.
SAME_IN_BOTH = {"safetyquiz", "Rust", "Halyna", "Hutchins", "CSV", "QR", "OSHA", "htmx"}
# Attributes a person reads or hears.
READ_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description"}
HOLE = "\x00"  # where a variable or tag was: its text is not the template's
CLASSES = {"block main_class"}  # blocks that hold CSS class names, not words


class Words(HTMLParser):
    """The text a person reads, from a template with its tags and variables holed out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_data(self, data: str) -> None:
        self.found.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [v for k, v in attrs if k in READ_ATTRIBUTES and v]


def bare_words(source: str, plain: bool) -> list[str]:
    """The words of a template that no {% translate %} or {% blocktranslate %} holds."""
    kept: list[str] = []
    depth = 0  # inside blocktranslate, a comment or a block of class names
    in_classes = False
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in {"blocktranslate", "blocktrans", "comment"} or token.contents in CLASSES:
                depth += 1
                in_classes = token.contents in CLASSES
            elif name in {"endblocktranslate", "endblocktrans", "endcomment"} or (
                name == "endblock" and depth and in_classes
            ):
                depth -= 1
                in_classes = False
            kept.append(" ")  # a tag may stand inside an HTML tag: keep that one parseable
        elif token.token_type == TokenType.TEXT and depth == 0:
            kept.append(token.contents)
        elif token.token_type != TokenType.COMMENT:
            kept.append(HOLE)
    text = "".join(kept)
    if plain:
        pieces = [text]
    else:
        parser = Words()
        parser.feed(text)
        pieces = parser.found
    words = []
    for piece in pieces:
        for word in re.findall(r"[^\W\d_]{2,}", piece.replace(HOLE, " ")):
            if word not in SAME_IN_BOTH:
                words.append(word)
    return words


def _case(path: Path) -> object:
    name = str(path.relative_to(TEMPLATES))
    if name in NOT_YET_MARKED:
        return pytest.param(path, id=name, marks=pytest.mark.xfail(strict=True))
    return pytest.param(path, id=name)


@pytest.mark.parametrize("path", [_case(p) for p in CHECKED])
def test_every_word_of_the_template_is_marked_for_translation(path: Path) -> None:
    words = bare_words(path.read_text(), plain=path.suffix == ".txt")
    assert not words, f"not marked for translation: {' '.join(words[:20])}"


def test_the_checker_finds_a_bare_word_and_passes_a_marked_one() -> None:
    assert bare_words("<p>Start the module</p>", plain=False) == ["Start", "the", "module"]
    assert bare_words('<a title="Print it">{{ x }}</a>', plain=False) == ["Print", "it"]
    assert bare_words("{% translate 'Start' %} {{ module.title }}", plain=False) == []
    marked = "{% blocktranslate %}Valid until {{ day }}{% endblocktranslate %}"
    assert bare_words(marked, plain=False) == []


def catalog_entries() -> list[tuple[list[str], str, list[str]]]:
    """(flags, msgid, msgstrs) of each entry of the Spanish .po file, the header left out."""
    entries: list[tuple[list[str], str, list[str]]] = []
    flags: list[str] = []
    msgid: str | None = None
    strs: list[str] = []
    field = ""
    lines = (CATALOG / "django.po").read_text().splitlines() + [""]
    for line in lines:
        if line.startswith("#,"):
            flags = [f.strip() for f in line[2:].split(",")]
        elif line.startswith("msgid "):
            msgid, field = _quoted(line[6:]), "id"
        elif line.startswith("msgid_plural "):
            field = "plural"
        elif line.startswith("msgstr"):
            strs.append(_quoted(line.split(" ", 1)[1]))
            field = "str"
        elif line.startswith('"'):
            if field == "id" and msgid is not None:
                msgid += _quoted(line)
            elif field == "str":
                strs[-1] += _quoted(line)
        elif not line.strip() and msgid is not None:
            if msgid:
                entries.append((flags, msgid, strs))
            flags, msgid, strs, field = [], None, [], ""
    return entries


def _quoted(text: str) -> str:
    return text.strip()[1:-1].encode().decode("unicode_escape").encode("latin-1").decode()


def test_every_message_has_its_spanish_and_none_is_fuzzy() -> None:
    entries = catalog_entries()
    assert len(entries) > 100
    fuzzy = [msgid for flags, msgid, _ in entries if "fuzzy" in flags]
    empty = [msgid for _, msgid, strs in entries if not all(strs)]
    assert not fuzzy, f"fuzzy: {fuzzy[:5]}"
    assert not empty, f"no Spanish: {empty[:5]}"


def test_the_compiled_catalog_matches_the_po_file() -> None:
    with (CATALOG / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for _, msgid, strs in catalog_entries():
        assert compiled.gettext(msgid) in strs, f"compile the messages again ({msgid!r})"
