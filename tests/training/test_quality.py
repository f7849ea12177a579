"""The item-quality measures on small hand-made banks whose answers are known: no database."""

from itertools import count
from typing import Any

import pytest

from safetyquiz.training.quality import (
    Bank,
    ChoiceItem,
    Item,
    Thresholds,
    assess_course,
    assess_module,
    summary,
)
from safetyquiz.training.quality.measures import (
    AboveChoice,
    above_choices,
    case_facts,
    length_cue,
    near_duplicates,
    right_counts,
    similarity,
    true_false_balance,
)

ids = count(1)


def item(kind: str = "single", prompt: str = "What do you do?", **kw: Any) -> Item:
    pk = next(ids)
    return Item(id=pk, slug=kw.pop("slug", f"q{pk}"), kind=kind, prompt=prompt, **kw)


def choice_item(right: str, *wrong: str, kind: str = "single", **kw: Any) -> Item:
    """A question whose one right choice is ``right``, followed by the ``wrong`` ones."""
    choices = (ChoiceItem("a", right, True),) + tuple(
        ChoiceItem(chr(ord("b") + n), text) for n, text in enumerate(wrong)
    )
    return item(kind, choices=choices, **kw)


def true_false(keyed_true: bool, prompt: str = "True or false: the armorer checks.") -> Item:
    return item(
        "true_false",
        prompt,
        choices=(
            ChoiceItem("true", "True", keyed_true),
            ChoiceItem("false", "False", not keyed_true),
        ),
    )


def multiple(right: int, boxes: int = 5, prompt: str = "Who must see the check?") -> Item:
    return item(
        "multiple",
        prompt,
        choices=tuple(ChoiceItem(f"k{n}", f"Box {n}", n < right) for n in range(boxes)),
    )


def test_length_cue_counts_only_a_strictly_longest_right_choice() -> None:
    items = [
        choice_item("Stop and call the armorer now", "Carry on", "Ask"),  # longest: counted
        choice_item("Stop", "Go on", "Wait"),  # tied with "Wait": not counted
        choice_item("No", "Carry on filming", "Ask the actor"),  # shortest
        choice_item("Hold the scene right there", "Hand it over", kind="decision"),  # counted
        true_false(True),  # other kinds do not count
        multiple(2),
    ]
    cue = length_cue(items)
    assert cue.questions == 4
    assert len(cue.longest_right) == 2
    assert cue.share == pytest.approx(0.5)
    right = (29 + 4 + 2 + 26) / 4
    wrong = (8 + 3 + 5 + 4 + 16 + 13 + 12) / 7
    assert cue.ratio == pytest.approx(right / wrong)


def test_length_counts_characters_as_shown() -> None:
    cue = length_cue([choice_item("Stop  \n now", "Stop now!")])
    assert cue.longest_right == ()  # "Stop now" (8) is shorter than "Stop now!" (9)


def test_true_false_balance_and_double_negatives() -> None:
    items = [
        true_false(True),
        true_false(False, "True or false: a cold gun is never loaded."),
        true_false(False, "True or false: you don't need to check dummies."),
        true_false(False, "True or false: blanks cannot hurt anyone."),
        true_false(False, "True or false: the notice board lists the call sheet."),  # "notice"
        true_false(True, "True or false: nobody may skip the check."),  # negated but keyed True
    ]
    balance = true_false_balance(items)
    assert (balance.questions, balance.keyed_true) == (6, 2)
    assert balance.share_true == pytest.approx(2 / 6)
    assert balance.negated_false == tuple(i.slug for i in items[1:4])


def test_right_counts_lists_each_multiple_select_question() -> None:
    counts = right_counts([multiple(3), multiple(3), multiple(2), choice_item("a", "bb")])
    assert counts.counts == (3, 3, 2)
    assert counts.distinct == 2


def test_all_or_none_of_the_above_is_found_and_above_all_is_not() -> None:
    first = choice_item("All of the above", "Stop", "Go")
    second = choice_item("Stop", "None  of the above.", "Go")
    third = choice_item("Above all, stop", "Go")
    assert above_choices([first, second, third]) == (
        AboveChoice(first.slug, "All of the above"),
        AboveChoice(second.slug, "None  of the above."),
    )


def bank(slug: str, *items: Item, **kw: Any) -> Bank:
    return Bank(slug=slug, items=tuple(items), **kw)


def test_near_duplicates_across_modules_and_slots_but_not_within_a_slot() -> None:
    stem = "The armorer is at the truck. Who may hand the gun to the actor?"
    original = choice_item("Only the armorer", "The first AD", slug="orig", prompt=stem)
    copy = choice_item("Only the armorer", "The prop master", slug="copy", prompt=stem + "  ")
    variant = choice_item("Only the armorer", "A driver", slug="variant", prompt=stem, slot=7)
    same_slot = choice_item("Only the armorer", "A driver", slug="twin", prompt=stem, slot=7)
    other = choice_item("Stop filming", "Carry on", slug="other", prompt="A gun misfires. Now?")
    first = bank("first", original, other)
    second = bank("second", copy, variant, same_slot)
    assert similarity(original, copy) == 1.0
    assert similarity(original, other) < 0.2
    found = {(d.a, d.b) for d in near_duplicates([first, second], 0.8)}
    assert found == {
        (("first", "orig"), ("second", "copy")),
        (("first", "orig"), ("second", "variant")),
        (("first", "orig"), ("second", "twin")),
        (("second", "copy"), ("second", "twin")),
        (("second", "copy"), ("second", "variant")),
    }  # variant and twin share slot 7: variants of each other, not duplicates
    only_first = near_duplicates([first, second], 0.8, involving="first")
    assert {d.b[1] for d in only_first} == {"copy", "variant", "twin"}


def test_a_different_key_lowers_the_similarity_below_the_threshold() -> None:
    stem = "Who checks the rounds?"
    a = choice_item("The armorer, every round, every time", "Nobody", prompt=stem)
    b = choice_item("The director of photography on set", "Nobody", prompt=stem)
    assert similarity(a, b) < 0.8


def case_fact(slot: int, **kw: Any) -> Item:
    return choice_item("x", "yy", purpose="case-fact", slot=slot, **kw)


def rule(slot: int, **kw: Any) -> Item:
    return choice_item("x", "yy", purpose="rule", slot=slot, **kw)


def test_case_facts_a_form_cannot_avoid_break_the_cap() -> None:
    # Slot 1 holds only case facts; slot 2 can swap its case fact for a rule question.
    items = [case_fact(1), case_fact(1), case_fact(2), rule(2), rule(3)]
    strict = case_facts(bank("m", *items, max_case_facts=0))
    assert (strict.questions, strict.case_facts, strict.share) == (5, 3, 0.6)
    assert (strict.forced, strict.form_size) == (1, 3)
    assert strict.over_cap
    capped = case_facts(bank("m", *items, max_case_facts=1))
    assert not capped.over_cap
    assert (capped.most, capped.form_share) == (1, pytest.approx(1 / 3))
    uncapped = case_facts(bank("m", *items, max_case_facts=None))
    assert uncapped.most == 2


def test_case_facts_follow_the_slots_a_form_asks() -> None:
    items = [case_fact(1, critical=True), rule(2), case_fact(3), rule(4), rule(5)]
    facts = case_facts(bank("m", *items, form_slots=2, max_case_facts=0))
    assert facts.form_size == 2
    assert facts.forced == 2  # the critical slot always, and slot 3 may be the other one
    assert facts.over_cap


def limits(**kw: Any) -> Thresholds:
    return Thresholds(**kw)


COLOURS = ["Red", "Green grass", "Yellow sunflower"]


def clean_bank(slug: str = "clean") -> Bank:
    """Ten questions keyed on a choice of each length in turn, with no absolute or action
    word: no measure should complain."""
    items = []
    for n in range(10):
        texts = [f"{colour} {n}" for colour in COLOURS]
        right = texts.pop(n % 3)
        items.append(choice_item(right, *texts, slug=f"s{n}", prompt=f"Which colour, case {n}?"))
    return bank(slug, *items, pass_mark=80)


def test_a_clean_bank_has_no_findings() -> None:
    quality = assess_module(clean_bank(), limits())
    assert quality.findings == ()
    assert quality.worst_cue is not None and quality.worst_cue.pass_chance is not None
    assert quality.worst_cue.pass_chance < 0.01


def test_each_threshold_turns_its_measure_into_a_finding() -> None:
    items = [
        choice_item("Stop and call the armorer", "Go", "Wait", slug="long-right"),
        choice_item("All of the above", "A", "B", slug="all-above"),
        true_false(False, "True or false: you never check blanks."),
        true_false(False, "True or false: a cold gun is empty."),
        true_false(False, "True or false: the actor may load it."),
        true_false(False, "True or false: dummies rattle, so they are safe."),
        multiple(2, prompt="Who attends the safety meeting?"),
        multiple(2, prompt="Which rounds must the armorer check?"),
        multiple(2, prompt="What stops a shoot at once?"),
    ]
    quality = assess_module(bank("m", *items), limits())
    measures = [f.measure for f in quality.findings]
    assert sorted(set(measures)) == ["above", "length", "right-counts", "true-false"]
    assert measures.count("true-false") == 2  # the balance, and the one negated stem
    texts = [str(f) for f in quality.findings]
    assert "module m: 0 of 4 true/false questions are keyed True" in " ".join(texts)
    assert "module m, question all-above: a choice reads “All of the above”" in texts
    relaxed = Thresholds(
        longest_right_share=1,
        length_ratio=20,
        true_false_min=5,
        negated_false=4,
        multiple_min=4,
        above_choices=1,
        cue_pass=1.01,
        cue_margin=1,
    )
    assert assess_module(bank("m", *items), relaxed).findings == ()


def test_the_course_reports_each_duplicate_pair_once_and_its_own_balance() -> None:
    stem = "Who may hand the gun to the actor?"
    # Stem and key alike; the wrong choices play no part.
    first = bank("first", choice_item("Only the armorer", "The AD", "The actor", prompt=stem))
    second = bank("second", choice_item("Only the armorer", "The AD", "Anyone", prompt=stem))
    tfs = bank("tfs", *(true_false(False, f"True or false: rule {n}.") for n in range(4)))
    course = assess_course([first, second, tfs], limits(cue_pass=1.01))
    duplicates = [f for f in course.findings if f.measure == "duplicates"]
    assert [str(f) for f in duplicates] == [
        "module first, question "
        f"{first.items[0].slug}: near-duplicate of module second, question "
        f"{second.items[0].slug} (similarity 1.00)"
    ]
    # Each module tells the pair from its own side.
    own = assess_module(second, limits(cue_pass=1.01), course=[first, second, tfs])
    told = [f for f in own.findings if f.measure == "duplicates"]
    assert [(f.module, f.question) for f in told] == [("second", second.items[0].slug)]
    assert told[0].within_module.endswith(
        f"near-duplicate of module first, question {first.items[0].slug} (similarity 1.00)"
    )
    assert any(
        str(f).startswith("course: 0 of 4 true/false questions are keyed True (0%")
        for f in course.findings
    )


def test_thresholds_come_from_the_settings_block() -> None:
    from django.conf import settings

    assert Thresholds.from_settings(settings.QUALITY) == Thresholds()
    assert Thresholds.from_settings({"CUE_PASS": 0.05}).cue_pass == 0.05
    with pytest.raises(ValueError, match="unknown keys: LONGEST"):
        Thresholds.from_settings({"LONGEST": 1})


def test_summary_rows_show_each_measure_with_its_status() -> None:
    items = [choice_item("Stop and call the armorer", "Go", "Wait", slug="long-right")]
    quality = assess_module(bank("m", *items), limits())
    rows = {row.measure: row for row in summary.rows(quality, limits())}
    longest = rows["Single-answer and decision questions whose right answer is the longest choice"]
    assert (longest.value, longest.limit, longest.status) == (
        "1 of 1 (100%)",
        "at most 35%",
        "warning",
    )
    assert rows["True/false questions keyed True"].status == "info"  # none asked
    assert rows["“All / none of the above” choices"].status == "ok"
    cue = rows["Chance that a reader who follows a surface cue passes a first form"]
    assert cue.value == "100.00% (always the longest choice)" and cue.status == "warning"
    assert rows["Reading grade of the prompts"].status == "ok"
    flagged = summary.questions(quality, {"single": "Single choice"})
    assert flagged[0].kind == "Single choice"
    assert flagged[0].flags == ("the right answer is the longest choice",)
    readers = summary.cue_rows(quality, limits())
    assert readers[0].passes == "100.00%" and not readers[0].ok
    assert readers[0].label == "always the longest choice"
