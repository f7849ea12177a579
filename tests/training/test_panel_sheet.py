"""A blind panel's export and its picks read back: pure, no database."""

import random
import re
from typing import Any

import pytest

from safetyquiz.training.panel.picks import (
    CAUTIOUS,
    EXPERT,
    Changes,
    PickError,
    changes,
    panel_problems,
    pool_digests,
    read_picks,
    rescore,
    stale_notes,
)
from safetyquiz.training.panel.sheet import ID_ALPHABET, export, practice_sheet
from safetyquiz.training.quality import Bank, ChoiceItem, Item

SINGLE = Item(
    id=1,
    slug="q1-who-checks",
    kind="single",
    prompt="Who checks the gun?",
    slot=1,
    critical=True,
    explanation="EXPLANATION-ONE",
    choices=(
        ChoiceItem("a", "The armorer", True, feedback="FEEDBACK-A"),
        ChoiceItem("b", "The actor", feedback="FEEDBACK-B"),
        ChoiceItem("c", "The 1st AD", feedback="FEEDBACK-C"),
    ),
)
DECISION = Item(
    id=2,
    slug="q2-round-on-floor",
    kind="decision",
    role="Grip",
    prompt="A round lies on the floor. What do you do?",
    slot=2,
    choices=(
        ChoiceItem("a", "Leave it and call the armorer", True),
        ChoiceItem("b", "Pick it up and hand it in"),
    ),
)
TRUE_FALSE = Item(
    id=3,
    slug="q3-blanks",
    kind="true_false",
    prompt="Blanks can kill at close range.",
    slot=3,
    choices=(ChoiceItem("false", "False"), ChoiceItem("true", "True", True)),
)
MULTIPLE = Item(
    id=4,
    slug="q4-who-sees",
    kind="multiple",
    prompt="Who is shown the gun is safe?",
    slot=4,
    choices=(
        ChoiceItem("a", "The actor", True),
        ChoiceItem("b", "The 1st AD", True),
        ChoiceItem("c", "The caterer"),
    ),
)
ORDERING = Item(
    id=5,
    slug="q5-order",
    kind="ordering",
    prompt="Put the steps in order.",
    slot=5,
    choices=(
        ChoiceItem("m", "Safety meeting", position=1),
        ChoiceItem("c", "Check every round", position=2),
        ChoiceItem("h", "Hand over", position=3),
    ),
)
POOL = (SINGLE, DECISION, TRUE_FALSE, MULTIPLE, ORDERING)


def exported(**kw: Any) -> Any:
    return export(slug="m", title="Module", pool=POOL, rng=random.Random(3), **kw)


def test_the_sheet_holds_every_question_under_an_opaque_id_and_nothing_of_the_key() -> None:
    out = exported()
    ids = list(out.picks)
    assert len(ids) == 5 and all(re.fullmatch(f"[{ID_ALPHABET}]{{6}}", i) for i in ids)
    for qid in ids:
        assert f"### {qid}" in out.sheet
    for item in POOL:
        assert item.prompt in out.sheet
        assert item.slug not in out.sheet
        for choice in item.choices:
            assert choice.text in out.sheet
    for secret in ("FEEDBACK", "EXPLANATION", "critical", "slot", "is_correct"):
        assert secret.lower() not in out.sheet.lower()
    assert "you are: Grip" in out.sheet
    assert out.picks == dict.fromkeys(ids)


def test_the_mapping_is_apart_and_true_comes_before_false() -> None:
    out = exported()
    by_slug = {e["question"]: e for e in out.mapping["questions"].values()}
    assert by_slug["q3-blanks"]["labels"] == {"A": "true", "B": "false"}
    assert sorted(by_slug["q1-who-checks"]["labels"].values()) == ["a", "b", "c"]
    assert out.mapping["module"] == "m"
    assert out.mapping["pool"] == pool_digests(POOL)


def test_choices_and_questions_are_shuffled_from_one_export_to_another() -> None:
    orders = set()
    for seed in range(20):
        out = export(slug="m", title="Module", pool=POOL, rng=random.Random(seed))
        order = [e["question"] for e in out.mapping["questions"].values()]
        labels = next(e for e in out.mapping["questions"].values() if e["kind"] == "single")
        orders.add((tuple(order), tuple(labels["labels"].values())))
    assert len(orders) > 10


def test_the_briefing_goes_on_top_only_when_asked_for() -> None:
    assert "## Briefing" not in exported().sheet
    sheet = exported(briefing=["First paragraph.", "Second one."]).sheet
    assert sheet.index("## Briefing") < sheet.index("First paragraph.") < sheet.index("### ")


def test_the_practice_sheet_shows_keys_feedback_and_explanations() -> None:
    text = practice_sheet(slug="m", title="Module", pool=[SINGLE, ORDERING])
    assert "The armorer (**right**): FEEDBACK-A" in text
    assert "The actor (**wrong**): FEEDBACK-B" in text
    assert "Explanation: EXPLANATION-ONE" in text
    assert text.index("1. Safety meeting") < text.index("2. Check every round")


def picks_for(out: Any, wanted: dict[str, Any]) -> dict[str, Any]:
    """The labels that pick these keys (a key, a list of keys, or keys in order)."""
    picks: dict[str, Any] = {}
    for qid, entry in out.mapping["questions"].items():
        label = {key: lab for lab, key in entry["labels"].items()}
        want = wanted[entry["question"]]
        picks[qid] = label[want] if isinstance(want, str) else [label[k] for k in want]
    return picks


RIGHT = {
    "q1-who-checks": "a",
    "q2-round-on-floor": "a",
    "q3-blanks": "true",
    "q4-who-sees": ["b", "a"],
    "q5-order": ["m", "c", "h"],
}


def test_picks_read_through_the_mapping_as_keys_by_slug() -> None:
    out = exported()
    read = read_picks(picks_for(out, RIGHT), out.mapping)
    assert read == {
        "q1-who-checks": ["a"],
        "q2-round-on-floor": ["a"],
        "q3-blanks": ["true"],
        "q4-who-sees": ["a", "b"],
        "q5-order": ["m", "c", "h"],
    }


def test_labels_are_read_whatever_their_case() -> None:
    out = exported()
    picks = picks_for(out, RIGHT)
    qid = next(q for q, e in out.mapping["questions"].items() if e["kind"] == "single")
    picks[qid] = f" {picks[qid].lower()} "
    assert read_picks(picks, out.mapping)["q1-who-checks"] == ["a"]


@pytest.mark.parametrize(
    ("slug", "pick", "message"),
    [
        ("q1-who-checks", None, 'no pick (write "B")'),
        ("q1-who-checks", "Z", "Z is not a label of this question (A, B, C)"),
        ("q1-who-checks", ["A"], 'one answer: write one label, such as "B"'),
        ("q4-who-sees", "A", "multiple select: write a list of labels"),
        ("q4-who-sees", [], "tick at least one box"),
        ("q4-who-sees", ["A", "A"], "a label is given twice"),
        ("q4-who-sees", [1], 'labels are strings, such as "A"'),
        ("q5-order", ["A", "B"], "put every label in order (A, B, C)"),
    ],
)
def test_a_bad_pick_is_named_by_its_id(slug: str, pick: Any, message: str) -> None:
    out = exported()
    picks = picks_for(out, RIGHT)
    qid = next(q for q, e in out.mapping["questions"].items() if e["question"] == slug)
    picks[qid] = pick
    with pytest.raises(PickError) as raised:
        read_picks(picks, out.mapping)
    (problem,) = raised.value.problems
    assert problem.startswith(f"{qid}: {message}")


def test_unknown_ids_and_bad_files_are_refused() -> None:
    out = exported()
    picks = {**picks_for(out, RIGHT), "NOSUCH": "A"}
    with pytest.raises(PickError, match="NOSUCH: not an id of this export"):
        read_picks(picks, out.mapping)
    with pytest.raises(PickError, match="not a JSON object"):
        read_picks(["A"], out.mapping)
    with pytest.raises(PickError, match="not one written by `panel export`"):
        read_picks({}, {"questions": {"X": {"question": 1}}})


def test_changes_name_the_questions_added_removed_and_changed() -> None:
    before = {"q1": "aaa", "q2": "bbb", "q3": "ccc"}
    now = {"q1": "aaa", "q2": "xxx", "q4": "ddd"}
    found = changes(before, now)
    assert found == Changes(added=("q4",), removed=("q3",), changed=("q2",))
    assert str(found) == "changed: q2; added: q4; removed: q3"
    assert not changes(before, before)


def test_a_new_key_rescores_but_a_new_text_makes_the_reading_stale() -> None:
    pool = Bank("m", POOL, pass_mark=80)
    picks = {**{s: [k] if isinstance(k, str) else list(k) for s, k in RIGHT.items()}}
    picks["q4-who-sees"] = sorted(picks["q4-who-sees"])
    answered = pool_digests(POOL)
    scored = rescore("ann", EXPERT, answered, picks, pool)
    assert scored.score is not None and scored.score.all_right and scored.score.pass_chance == 1
    rekeyed = Item(
        **{
            **vars(SINGLE),
            "choices": tuple(ChoiceItem(c.key, c.text, c.key == "b") for c in SINGLE.choices),
        }
    )
    again = rescore("ann", EXPERT, answered, picks, Bank("m", (rekeyed, *POOL[1:])))
    assert again.current and again.score and again.score.right == 4
    assert again.score.pass_chance == 0  # the critical question is now missed
    reworded = Item(**{**vars(SINGLE), "prompt": "Who checks it?"})
    stale = rescore("ann", EXPERT, answered, picks, Bank("m", (reworded, *POOL[1:])))
    assert not stale.current and stale.changes.changed == ("q1-who-checks",)
    assert stale_notes([stale]) == [
        "reading by ann is stale: the certifying pool changed since (changed: q1-who-checks)"
    ]


def test_a_published_module_needs_a_failing_cautious_reader_and_a_perfect_expert() -> None:
    pool = Bank("m", POOL, pass_mark=80)
    answered = pool_digests(POOL)
    right = {s: [k] if isinstance(k, str) else sorted(k) for s, k in RIGHT.items()}
    right["q5-order"] = ["m", "c", "h"]
    careful = {**right, "q2-round-on-floor": ["b"], "q1-who-checks": ["c"]}
    expert = rescore("ann", EXPERT, answered, right, pool)
    cautious = rescore("bob", CAUTIOUS, answered, careful, pool)
    assert cautious.score and cautious.score.pass_chance == 0
    assert panel_problems([expert, cautious], cautious_pass=0.01) == []
    lucky = rescore("cy", CAUTIOUS, answered, right, pool)
    problems = panel_problems([lucky], cautious_pass=0.01)
    assert problems == [
        "needs a current reading by a cautious non-expert who passes under 1% of first "
        "forms (cy passes 100.0%)",
        "needs a current reading by an expert with every item right (none recorded)",
    ]
    stale = rescore("ann", EXPERT, {**answered, "q1-who-checks": "old"}, right, pool)
    assert (
        "an expert with every item right (none recorded)"
        in panel_problems([stale, cautious], cautious_pass=0.01)[0]
    )
