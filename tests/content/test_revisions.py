"""What changed between two versions of a module, without a database."""

from safetyquiz.content.revisions import (
    ADDED,
    CHANGED,
    REMOVED,
    Change,
    Part,
    changes,
    from_json,
    summary,
    to_json,
)

BEFORE = [
    Part("module", "", "The module", {"Title": "Cold", "Summary": "Who says cold"}),
    Part("slot", "who-checks", "Slot who-checks", {"Objective": "Who checks"}),
    Part("question", "q1", "Question q1", {"Prompt": "Who checks?", "Slot": "who-checks"}),
    Part("choice", "q1/a", "Choice q1/a", {"Text": "The armorer", "Is correct": "yes"}),
    Part("question", "q2", "Question q2", {"Prompt": "Old one", "Slot": "who-checks"}),
]


def test_an_unchanged_version_has_no_changes() -> None:
    assert changes(BEFORE, BEFORE) == []
    assert summary([]) == "no changes"


def test_changes_are_listed_field_by_field_and_part_by_part() -> None:
    after = [
        Part("module", "", "The module", {"Title": "Cold", "Summary": "Edited"}),
        BEFORE[1],
        BEFORE[2],
        Part("choice", "q1/a", "Choice q1/a", {"Text": "The armorer", "Is correct": "no"}),
        Part("question", "q3", "Question q3", {"Prompt": "New one", "Slot": "who-checks"}),
    ]
    assert changes(BEFORE, after) == [
        Change("module", "The module", CHANGED, "Summary", "Who says cold", "Edited"),
        Change("choice", "Choice q1/a", CHANGED, "Is correct", "yes", "no"),
        Change("question", "Question q3", ADDED),
        Change("question", "Question q2", REMOVED),
    ]
    assert summary(changes(BEFORE, after)) == (
        "the module: 1 field(s) changed; questions: 1 added, 1 removed; choices: 1 changed"
    )


def test_a_field_one_version_lacks_reads_as_blank() -> None:
    newer = [
        Part(
            "slot",
            "who-checks",
            "Slot who-checks",
            {"Objective": "Who checks", "Teaching point": "Only the armorer"},
        )
    ]
    assert changes(BEFORE[1:2], newer) == [
        Change("slot", "Slot who-checks", CHANGED, "Teaching point", "", "Only the armorer")
    ]


def test_a_version_comes_back_from_json_as_it_was() -> None:
    assert from_json(to_json(BEFORE)) == BEFORE
