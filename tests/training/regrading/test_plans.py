"""Regrading a question whose key was corrected: the dry run, applying it, certificates,
the learner's note, the admin log and the command."""

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import CommandError, call_command
from django.core.management.base import CommandError as BaseCommandError
from django.utils import timezone
from django.utils.formats import date_format

from safetyquiz.content.models import Choice, Module, Question
from safetyquiz.training import services
from safetyquiz.training.models import Answer, Attempt, Certificate
from safetyquiz.training.regrading import plans
from tests import factories
from tests.training.helpers import correct_to, state, taken

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(db: None) -> Module:
    """Three single-choice questions; "a" is right in each, as the factory keys them."""
    return factories.PublishedModuleFactory(slug="cold-is-a-claim")


@pytest.fixture
def first(module: Module) -> Question:
    question = module.questions.order_by("order").first()
    assert question is not None
    return question


@pytest.fixture
def attempts(module: Module) -> dict[str, Attempt]:
    """Before the correction: all right (passed), first wrong with "b" (failed), first wrong
    with "c" (failed either way), an unfinished attempt, and one at another module."""
    other = factories.PublishedModuleFactory()
    return {
        "all_right": taken(factories.UserFactory(username="ana"), module, ["a", "a", "a"]),
        "picked_b": taken(factories.UserFactory(username="ben"), module, ["b", "a", "a"]),
        "picked_c": taken(factories.UserFactory(username="cy"), module, ["c", "a", "a"]),
        "open": taken(factories.UserFactory(username="dee"), module, ["b"], finish=False),
        "elsewhere": taken(factories.UserFactory(username="eve"), other, ["a", "a", "a"]),
    }


def test_dry_run_lists_the_attempts_that_change_with_before_and_after(
    first: Question, attempts: dict[str, Attempt]
) -> None:
    correct_to(first, "b")
    before = state()
    plan = plans.regrade_plan(question=first)
    assert state() == before
    rows = {row.learner: row for row in plan.attempts}
    assert set(rows) == {"ana", "ben"}
    assert rows["ana"].percentage == (Decimal("100.00"), Decimal("66.67"))
    assert rows["ana"].passed == (True, False)
    assert rows["ana"].certificate == ("valid", "revoked")
    assert rows["ben"].points == (Decimal("2.00"), Decimal("3.00"))
    assert rows["ben"].certificate == ("none", "valid")
    assert rows["ben"].numbers == (1,)
    # cy's and dee's answers take the corrected key too, without changing a finished result.
    assert plan.answers == 4 and plan.open_answers == 1


def test_the_dry_run_command_prints_the_table_and_changes_nothing(
    first: Question, attempts: dict[str, Attempt], capsys: Any
) -> None:
    correct_to(first, "b")
    before = state()
    call_command("regrade", "cold-is-a-claim", first.slug, "--dry-run")
    assert state() == before
    out = capsys.readouterr().out
    assert out.startswith("Dry run: nothing is changed.")
    assert "attempt  learner" in out
    ana = next(line for line in out.splitlines() if " ana " in line)
    assert "100.00 -> 66.67" in ana and "yes -> no" in ana and "valid -> revoked" in ana
    assert " cy " not in out


def test_applying_changes_exactly_the_attempts_listed(
    first: Question, attempts: dict[str, Attempt], editor: Any
) -> None:
    correct_to(first, "b")
    listed = {row.attempt_id for row in plans.regrade_plan(question=first).attempts}
    before = state()
    plans.question_regrade(question=first, user=editor)
    after = state()
    changed = {pk for pk, row in after["attempts"].items() if before["attempts"][pk] != row}
    assert changed == listed == {attempts["all_right"].pk, attempts["picked_b"].pk}
    ben = Attempt.objects.get(pk=attempts["picked_b"].pk)
    assert (ben.points, ben.percentage, ben.passed) == (Decimal(3), Decimal(100), True)


def test_applying_rescores_the_answers_beside_their_snapshot(
    first: Question, attempts: dict[str, Attempt], editor: Any
) -> None:
    correct_to(first, "b")
    plans.question_regrade(question=first, user=editor)
    answers = Answer.objects.filter(question=first)
    assert answers.count() == 4 and not answers.filter(regraded_at=None).exists()
    opened = answers.get(attempt=attempts["open"])
    assert opened.correct and opened.points_awarded == 1
    assert {c["key"] for c in opened.snapshot["choices"] if c["is_correct"]} == {"a"}
    assert opened.regraded_key is not None
    assert {c["key"] for c in opened.regraded_key["choices"] if c["is_correct"]} == {"b"}
    # The unfinished attempt's result waits for it to finish.
    assert Attempt.objects.get(pk=attempts["open"].pk).finished_at is None


def test_certificates_are_issued_and_revoked_with_a_reason(
    first: Question, attempts: dict[str, Attempt], editor: Any
) -> None:
    correct_to(first, "b")
    plans.question_regrade(question=first, user=editor)
    revoked = Certificate.objects.get(attempt=attempts["all_right"])
    today = date_format(timezone.localdate(), "j F Y")
    assert revoked.state() == "revoked"
    assert revoked.revoked_reason == (
        f"Regraded on {today}: question 1's key was corrected. The attempt no longer passes."
    )
    issued = Certificate.objects.get(attempt=attempts["picked_b"])
    assert issued.state() == "valid"
    assert issued.issued_on == timezone.localdate(attempts["picked_b"].finished_at)
    assert not Certificate.objects.filter(attempt=attempts["picked_c"]).exists()


def test_correcting_back_reinstates_and_revokes_again(
    first: Question, attempts: dict[str, Attempt], editor: Any
) -> None:
    correct_to(first, "b")
    plans.question_regrade(question=first, user=editor)
    correct_to(first, "a")
    plan = plans.question_regrade(question=first, user=editor)
    assert {(r.learner, r.certificate) for r in plan.attempts} == {
        ("ana", ("revoked", "valid")),
        ("ben", ("valid", "revoked")),
    }
    assert Certificate.objects.get(attempt=attempts["all_right"]).state() == "valid"
    assert Certificate.objects.get(attempt=attempts["picked_b"]).state() == "revoked"


def test_a_certificate_revoked_by_hand_stays_revoked(
    first: Question, attempts: dict[str, Attempt], editor: Any
) -> None:
    Certificate.objects.filter(attempt=attempts["all_right"]).update(
        revoked_at=timezone.now(), revoked_reason="Left the production"
    )
    correct_to(first, "c")
    plans.question_regrade(question=first, user=editor)
    correct_to(first, "a")
    plans.question_regrade(question=first, user=editor)
    certificate = Certificate.objects.get(attempt=attempts["all_right"])
    assert certificate.revoked_reason == "Left the production"


def test_a_second_run_changes_nothing(
    first: Question, attempts: dict[str, Attempt], editor: Any, capsys: Any
) -> None:
    correct_to(first, "b")
    plans.question_regrade(question=first, user=editor)
    before = state()
    assert plans.regrade_plan(question=first).is_empty
    call_command("regrade", "cold-is-a-claim", first.slug)
    assert state() == before
    assert "Nothing to regrade" in capsys.readouterr().out


def test_the_admin_log_records_the_regrade_on_the_question(
    first: Question, attempts: dict[str, Attempt], editor: Any
) -> None:
    correct_to(first, "b")
    plans.question_regrade(question=first, user=editor)
    entry = LogEntry.objects.get()
    assert entry.object_id == str(first.pk) and entry.user == editor
    assert entry.content_type is not None and entry.content_type.model == "question"
    assert "4 answer(s) rescored" in entry.get_change_message()
    assert "certificates issued 1, revoked 1" in entry.get_change_message()


def test_the_learner_reads_the_note_and_the_corrected_key_on_the_result(
    client: Any, first: Question, attempts: dict[str, Attempt], editor: Any
) -> None:
    correct_to(first, "b")
    plans.question_regrade(question=first, user=editor)
    ben = attempts["picked_b"]
    client.force_login(ben.user)
    page = client.get(ben.get_absolute_url()).content.decode()
    today = date_format(timezone.localdate(), "j F Y")
    assert f"Regraded on {today}: question 1's key was corrected." in page
    assert "Your result: passed" in page
    assert client.get(ben.get_absolute_url()).context["reviews"] == []  # no keyed review
    first.module.review_after_pass = True
    first.module.save()
    review = client.get(ben.get_absolute_url()).context["reviews"][0]
    assert review.correct and [c.text for c in review.right] == ["Carry on if the AD says cold"]


def test_an_attempt_not_regraded_shows_no_note(
    client: Any, first: Question, attempts: dict[str, Attempt]
) -> None:
    ana = attempts["all_right"]
    client.force_login(ana.user)
    assert "Regraded on" not in client.get(ana.get_absolute_url()).content.decode()


def test_a_deleted_choice_that_was_picked_counts_wrong_and_the_dry_run_says_so(
    first: Question, attempts: dict[str, Attempt], capsys: Any
) -> None:
    Choice.objects.filter(question=first, key="b").delete()
    call_command("regrade", "cold-is-a-claim", first.slug, "--dry-run")
    out = capsys.readouterr().out
    ben, dee = attempts["picked_b"].pk, attempts["open"].pk
    assert (
        f"Note: picked choice b, which no longer exists: counted as wrong (attempt {ben}, {dee})"
        in out
    )


def test_corrected_points_change_every_finished_attempt(
    first: Question, attempts: dict[str, Attempt]
) -> None:
    Question.objects.filter(pk=first.pk).update(points=2)
    first.refresh_from_db()
    rows = {r.learner: r for r in plans.regrade_plan(question=first).attempts}
    assert set(rows) == {"ana", "ben", "cy"}
    assert rows["ana"].max_points == (Decimal(3), Decimal(4))
    assert rows["cy"].percentage == (Decimal("66.67"), Decimal("50.00"))


def test_the_plan_reads_a_fixed_number_of_queries(
    module: Module, first: Question, django_assert_num_queries: Any
) -> None:
    for n in range(6):
        taken(factories.UserFactory(), module, ["a" if n % 2 else "b", "a", "a"])
    correct_to(first, "b")
    fresh = Question.objects.prefetch_related("choices").get(pk=first.pk)
    with django_assert_num_queries(3):
        plans.regrade_plan(question=fresh)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-module", "q1"], "No module with the slug 'no-such-module'."),
        (["cold-is-a-claim", "no-such-question"], "has no question with the slug"),
    ],
)
def test_the_command_refuses_an_unknown_module_or_question(
    module: Module, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("regrade", *args, "--dry-run")


def test_the_command_exits_non_zero_without_a_traceback(module: Module, capsys: Any) -> None:
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["manage.py", "regrade", "no-such-module", "q1"]).execute()
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "CommandError: No module with the slug 'no-such-module'." in err
    assert "Traceback" not in err


def test_applying_needs_an_editor_for_the_log_when_there_is_no_single_superuser(
    first: Question, attempts: dict[str, Attempt]
) -> None:
    correct_to(first, "b")
    with pytest.raises(BaseCommandError, match="--user"):
        call_command("regrade", "cold-is-a-claim", first.slug)
    factories.UserFactory(username="ed", is_staff=True)
    call_command("regrade", "cold-is-a-claim", first.slug, "--user", "ed")
    assert LogEntry.objects.get().user.username == "ed"


def test_an_open_attempt_answers_the_corrected_question_on_the_corrected_key(
    module: Module, first: Question
) -> None:
    user = factories.UserFactory(username="fay")
    attempt = services.attempt_start(user=user, module=module)
    index = attempt.question_ids.index(first.pk)
    shown = [c["text"] for c in attempt.form[index]["choices"]]
    correct_to(first, "b")
    plans.question_regrade(question=first, user=factories.UserFactory(is_superuser=True))
    attempt.refresh_from_db()
    assert [c["text"] for c in attempt.form[index]["choices"]] == shown  # as shown, still
    number = next(n for n, c in enumerate(attempt.form[index]["choices"]) if c["key"] == "b")
    for place in range(index + 1):
        if place == index:
            values = [str(number)]
        else:
            values = [
                str(
                    next(n for n, c in enumerate(attempt.form[place]["choices"]) if c["is_correct"])
                )
            ]
        services.answer_submit(attempt_id=attempt.pk, index=place, values=values)
    assert Answer.objects.get(attempt=attempt, index=index).correct


def reword_and_key_right(question: Question, key: str, text: str) -> None:
    """The edit of the report: a wrong choice rewritten and keyed right in one go."""
    question.choices.update(is_correct=False)
    question.choices.filter(key=key).update(is_correct=True, text=text)


def test_a_regrade_after_a_choice_was_reworded_and_keyed_right_certifies_nobody_who_read_the_old(
    first: Question, attempts: dict[str, Attempt], editor: Any
) -> None:
    first.critical = True
    first.save()
    ben = attempts["picked_b"]  # picked b when it said "Carry on if the AD says cold"
    reword_and_key_right(first, "b", "Nobody: the armorer checks it and shows it")
    plan = plans.regrade_plan(question=first)
    assert {h.learner for h in plan.held} == {"ben", "dee"}  # dee's attempt is still open
    held = next(h for h in plan.held if h.learner == "ben")
    assert held.number == 1
    assert held.then == ("Carry on if the AD says cold",)
    assert held.now == ("Nobody: the armorer checks it and shows it",)
    assert held.after.correct and not held.before.correct
    assert "2 answer(s) whose choice was reworded since stay as graded" in plan.summary
    plans.question_regrade(question=first, user=editor)
    ben.refresh_from_db()
    answer = ben.answers.get(index=0)
    assert not answer.correct and answer.regraded_key is None
    assert not ben.passed and not Certificate.objects.filter(attempt=ben).exists()
    # ana picked a, whose text is unchanged: her answer follows the corrected key.
    ana = attempts["all_right"]
    assert not ana.answers.get(index=0).correct
    assert Certificate.objects.get(attempt=ana).state() == "revoked"


def test_a_reworded_answer_is_regraded_once_confirmed_by_its_id(
    first: Question, attempts: dict[str, Attempt], editor: Any
) -> None:
    ben = attempts["picked_b"]
    reword_and_key_right(first, "b", "Same meaning, new words")
    held = next(h for h in plans.regrade_plan(question=first).held if h.learner == "ben")
    plans.question_regrade(question=first, user=editor, confirm={held.answer_id})
    ben.refresh_from_db()
    assert ben.answers.get(index=0).correct and ben.passed
    assert Certificate.objects.filter(attempt=ben).exists()
    left = plans.regrade_plan(question=first).held  # ben's is done; dee's is still held
    assert [h.learner for h in left] == ["dee"]


def test_an_open_form_is_asked_the_reworded_choice_with_its_new_key(
    module: Module, first: Question, attempts: dict[str, Attempt], editor: Any
) -> None:
    fresh = taken(factories.UserFactory(username="fay"), module, [], finish=False)
    reword_and_key_right(first, "b", "Nobody: the armorer checks it")
    plans.question_regrade(question=first, user=editor)
    fresh.refresh_from_db()
    asked = next(c for c in fresh.form[0]["choices"] if c["key"] == "b")
    assert asked["text"] == "Nobody: the armorer checks it" and asked["is_correct"]


def test_the_command_lists_reworded_answers_apart_and_confirms_them_one_by_one(
    first: Question, attempts: dict[str, Attempt], editor: Any, capsys: Any
) -> None:
    reword_and_key_right(first, "b", "Nobody: the armorer checks it")
    call_command("regrade", "cold-is-a-claim", first.slug, "--dry-run")
    out = capsys.readouterr().out
    assert "stay as graded unless confirmed one by one with --confirm <answer>" in out
    held = Answer.objects.get(attempt=attempts["picked_b"], index=0)
    row = next(line for line in out.splitlines() if line.startswith(f"{held.pk} "))
    assert "ben" in row and "Carry on if the AD says cold" in row and "Nobody" in row
    with pytest.raises(CommandError, match="not an answer to this question whose choice"):
        call_command("regrade", "cold-is-a-claim", first.slug, "--confirm", "999999")
    call_command("regrade", "cold-is-a-claim", first.slug, "--confirm", str(held.pk))
    held.refresh_from_db()
    assert held.correct
