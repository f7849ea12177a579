"""What changed between two versions of a module: its own fields, and each slot, question
and choice, added, removed or changed field by field. Pure: a version is a list of parts
with their fields as text (``content/drafts.py`` reads them from the database), and it is
stored as JSON with a draft, so the published module can be compared with what it was
when the draft was made."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"


@dataclass(frozen=True)
class Part:
    """One part of a module: the module itself, a slot, a question or a choice."""

    kind: str  # "module", "slot", "question", "choice"
    key: str  # unique among the module's parts of its kind: "", a slug, "question slug/key"
    label: str  # how an editor reads it: 'Question "Who checks the firearm?"'
    fields: dict[str, str] = field(default_factory=dict)  # label of the field -> value

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Part:
        return cls(data["kind"], data["key"], data["label"], dict(data["fields"]))


Version = Sequence[Part]


def to_json(version: Version) -> list[dict[str, Any]]:
    return [asdict(part) for part in version]


def from_json(data: Iterable[dict[str, Any]]) -> list[Part]:
    return [Part.from_json(part) for part in data]


@dataclass(frozen=True)
class Change:
    kind: str  # the part's kind
    label: str
    what: str  # ADDED, REMOVED, CHANGED
    field: str = ""
    before: str = ""
    after: str = ""


def changes(before: Version, after: Version) -> list[Change]:
    """Every difference from ``before`` to ``after``, in the order of ``after`` (then what
    it removed): a part added or removed as a whole, a changed part field by field."""
    old = {(p.kind, p.key): p for p in before}
    new = {(p.kind, p.key): p for p in after}
    found: list[Change] = []
    for place, part in new.items():
        was = old.get(place)
        if was is None:
            found.append(Change(part.kind, part.label, ADDED))
            continue
        for name in dict.fromkeys([*was.fields, *part.fields]):
            then, now = was.fields.get(name, ""), part.fields.get(name, "")
            if then != now:
                found.append(Change(part.kind, part.label, CHANGED, name, then, now))
    found += [Change(p.kind, p.label, REMOVED) for place, p in old.items() if place not in new]
    return found


PLURALS = {"slot": "slots", "question": "questions", "choice": "choices"}


def summary(found: Sequence[Change]) -> str:
    """One line: what changed, counted by kind of part ("questions: 2 changed, 1 added")."""
    if not found:
        return "no changes"
    said = []
    own = [c for c in found if c.kind == "module"]
    if own:
        said.append(f"the module: {len(own)} field(s) changed")
    counts: dict[tuple[str, str], set[str]] = {}
    for change in found:
        counts.setdefault((change.kind, change.what), set()).add(change.label)
    for kind, plural in PLURALS.items():
        done = [
            f"{len(counts[kind, w])} {w}" for w in (CHANGED, ADDED, REMOVED) if (kind, w) in counts
        ]
        if done:
            said.append(f"{plural}: {', '.join(done)}")
    return "; ".join(said)
