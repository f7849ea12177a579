"""The three-way merge of a release with the content here, without a database."""

import pytest

from safetyquiz.content.merging import Fate, Outcome, changed, fate, field_outcome, merge_fields

BASE = {"title": "Cold", "summary": "As released", "order": 1}


@pytest.mark.parametrize(
    ("local", "theirs", "outcome"),
    [
        ("As released", "As released", Outcome.SAME),
        ("Edited here", "Edited here", Outcome.SAME),
        ("As released", "Newer", Outcome.RELEASE),
        ("Edited here", "As released", Outcome.LOCAL),
        ("Edited here", "Newer", Outcome.CONFLICT),
    ],
)
def test_a_field_takes_the_side_that_changed_it(local: str, theirs: str, outcome: Outcome) -> None:
    assert field_outcome(base=BASE, field="summary", local=local, theirs=theirs) is outcome


def test_without_a_base_any_difference_is_a_conflict() -> None:
    assert field_outcome(base=None, field="summary", local="a", theirs="b") is Outcome.CONFLICT
    assert field_outcome(base={}, field="summary", local="a", theirs="b") is Outcome.CONFLICT
    assert field_outcome(base=None, field="summary", local="a", theirs="a") is Outcome.SAME


def test_a_conflict_takes_the_release_only_when_the_release_wins() -> None:
    merged = merge_fields(
        base=BASE,
        local={"title": "Cold", "summary": "Edited here", "order": 2},
        theirs={"title": "Cold!", "summary": "Newer", "order": 1},
    )
    by_field = {m.field: m for m in merged}
    assert [by_field[f].outcome for f in ("title", "summary", "order")] == [
        Outcome.RELEASE,
        Outcome.CONFLICT,
        Outcome.LOCAL,
    ]
    assert by_field["title"].takes_release(theirs_wins=False)
    assert not by_field["summary"].takes_release(theirs_wins=False)
    assert by_field["summary"].takes_release(theirs_wins=True)
    assert not by_field["order"].takes_release(theirs_wins=True)  # not a conflict: it stays


def test_the_fate_of_an_object_the_release_holds() -> None:
    assert fate(base=None, local=None, theirs=BASE) is Fate.ADD
    assert fate(base=BASE, local=BASE, theirs=BASE) is Fate.MERGE
    assert fate(base=None, local=BASE, theirs=BASE) is Fate.MERGE
    assert fate(base=BASE, local=None, theirs=BASE) is Fate.DELETED_HERE
    newer = BASE | {"summary": "Newer"}
    assert fate(base=BASE, local=None, theirs=newer) is Fate.DELETED_HERE_CONFLICT


def test_the_fate_of_an_object_the_release_dropped() -> None:
    assert fate(base=None, local=BASE, theirs=None) is Fate.KEEP  # made here
    assert fate(base=BASE, local=None, theirs=None) is Fate.KEEP  # already gone
    assert fate(base=BASE, local=BASE, theirs=None) is Fate.REMOVE
    edited = BASE | {"order": 4}
    assert fate(base=BASE, local=edited, theirs=None) is Fate.DROPPED_CONFLICT


def test_a_field_the_base_does_not_know_is_not_a_change() -> None:
    assert changed(BASE, BASE | {"pool": "practice"}) == []
    assert changed(BASE, {"title": "Cold", "summary": "Other"}) == ["summary"]
