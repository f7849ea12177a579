"""A blind panel's export: the reader's sheet of a module's certifying pool, the template of
picks they fill in, and the mapping kept apart from them.

Pure, no ORM. The sheet holds every certifying question under an opaque id, with its kind,
its role if a decision, its prompt and its choices shuffled and labelled A, B, C...; never
its key, feedback, explanation, slot or critical flag. The mapping (id to question slug,
label to choice key) is what turns the reader's labels back into answers; a reader never
sees it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from safetyquiz.content.rules import DECISION, MULTIPLE, ORDERING, TRUE_FALSE

from ..quality.items import ChoiceItem, Item
from .picks import pool_digests

# Letters and digits no one reads as another (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
ID_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
ID_LENGTH = 6
LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

KIND_NAMES = {
    "single": "Single choice",
    MULTIPLE: "Multiple select",
    TRUE_FALSE: "True or false",
    ORDERING: "Ordering",
    DECISION: "Decision",
}

HOW_TO_ANSWER = """\
Write your answer to each question next to its id in
`{picks}`, as the persona you were asked to take. Nothing here says which answers are
right: answer from what you know (and from the briefing, if you were given one).

- Single choice, decision, true or false: one label, such as `"B"`. For true or false,
  `"A"` is True and `"B"` is False.
- Multiple select: every label you would tick, as a list, such as `["A", "D"]`.
- Ordering: every label, in the order you would put them, such as `["C", "A", "B", "D"]`.
"""


@dataclass(frozen=True)
class Export:
    sheet: str  # the reader's sheet, markdown
    picks: dict[str, None]  # the template the reader fills in: id -> label(s)
    mapping: dict[str, Any]  # never given to the reader


def opaque_ids(count: int, rng: random.Random) -> list[str]:
    ids: list[str] = []
    while len(ids) < count:
        new = "".join(rng.choice(ID_ALPHABET) for _ in range(ID_LENGTH))
        if new not in ids:
            ids.append(new)
    return ids


def labelled(item: Item, rng: random.Random) -> list[tuple[str, ChoiceItem]]:
    """The choices as the sheet shows them: shuffled, but True before False."""
    choices = sorted(item.choices, key=lambda c: c.key)
    if item.kind == TRUE_FALSE:
        choices.sort(key=lambda c: not c.is_true)
    else:
        rng.shuffle(choices)
    return list(zip(LABELS, choices, strict=False))


def export(
    *,
    slug: str,
    title: str,
    pool: Sequence[Item],
    rng: random.Random,
    briefing: Sequence[str] = (),
    picks_file: str = "",
) -> Export:
    """The export of a module's certifying ``pool``; ``briefing`` (its paragraphs) is put
    at the top when given."""
    items = list(pool)
    rng.shuffle(items)
    ids = opaque_ids(len(items), rng)
    lines = [f"# Blind panel: {title}", "", f"Module `{slug}`: {len(items)} questions.", ""]
    lines += [
        "## How to answer",
        "",
        HOW_TO_ANSWER.format(picks=picks_file or f"{slug}.picks.json"),
    ]
    if briefing:
        lines += ["## Briefing", ""]
        for paragraph in briefing:
            lines += [paragraph, ""]
    lines += ["## Questions", ""]
    mapping: dict[str, Any] = {"module": slug, "pool": pool_digests(pool), "questions": {}}
    for qid, item in zip(ids, items, strict=True):
        shown = labelled(item, rng)
        kind = KIND_NAMES.get(item.kind, item.kind)
        lines += [f"### {qid}", "", f"*{kind}*" + (f" · you are: {item.role}" if item.role else "")]
        lines += ["", item.prompt.strip(), ""]
        lines += [f"- **{label}.** {choice.text}" for label, choice in shown]
        lines.append("")
        mapping["questions"][qid] = {
            "question": item.slug,
            "kind": item.kind,
            "labels": {label: choice.key for label, choice in shown},
        }
    return Export("\n".join(lines), dict.fromkeys(ids), mapping)


def practice_sheet(*, slug: str, title: str, pool: Sequence[Item]) -> str:
    """The practice pool with its keys, the feedback on each choice and the explanations:
    what a reader who did the practice has seen."""
    lines = [f"# Practice: {title}", "", f"Module `{slug}`: the {len(pool)} practice questions,"]
    lines += ["each with its right answer, the feedback on each choice and the explanation.", ""]
    for number, item in enumerate(pool, start=1):
        kind = KIND_NAMES.get(item.kind, item.kind)
        lines += [
            f"## {number}.",
            "",
            f"*{kind}*" + (f" · you are: {item.role}" if item.role else ""),
        ]
        lines += ["", item.prompt.strip(), ""]
        if item.kind == ORDERING:
            steps = sorted(item.choices, key=lambda c: c.position or 0)
            lines += [f"{c.position}. {c.text}" + _feedback(c) for c in steps]
        else:
            for choice in item.choices:
                verdict = "right" if choice.is_correct else "wrong"
                lines.append(f"- {choice.text} (**{verdict}**)" + _feedback(choice))
        lines += ["", f"Explanation: {item.explanation.strip()}", ""]
    return "\n".join(lines)


def _feedback(choice: ChoiceItem) -> str:
    return f": {choice.feedback.strip()}" if choice.feedback.strip() else ""
