"""seed_scale: made-up crews at scale, answered through the quiz's own snapshot and scoring,
idempotent per seed."""

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from safetyquiz.content.models import Module
from safetyquiz.crews.models import Membership, Production
from safetyquiz.training import scoring
from safetyquiz.training.models import Answer, Attempt, Certificate
from safetyquiz.training.services import key_of, question_snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curriculum")]

SIZES = {"crew": 60, "answers": 400, "big": 25, "seed": 3}


@pytest.fixture
def bench(settings: Any) -> None:
    settings.SAFETYQUIZ_BENCH = True


def seed(**options: Any) -> str:
    out = StringIO()
    call_command("seed_scale", stdout=out, stderr=StringIO(), **{**SIZES, **options})
    return out.getvalue()


def test_seeding_makes_productions_crews_and_exactly_the_answers_asked_for(bench: None) -> None:
    seed()
    assert Answer.objects.count() == 400
    crew = Membership.objects.filter(role=Membership.Role.CREW)
    assert crew.values("user").distinct().count() == 60
    crew_of = Count("memberships", filter=Q(memberships__role=Membership.Role.CREW))
    sizes = list(Production.objects.annotate(n=crew_of).values_list("n", flat=True))
    assert 25 in sizes
    assert Production.objects.count() > 1
    assert Membership.objects.filter(role=Membership.Role.INSTRUCTOR).count() == len(sizes)
    assert not User.objects.filter(username__startswith="scale3-")[0].has_usable_password()


def test_answers_carry_the_snapshot_and_score_the_services_would_record(bench: None) -> None:
    seed()
    for answer in Answer.objects.select_related("attempt", "question").order_by("?")[:40]:
        assert answer.question is not None
        assert answer.snapshot == question_snapshot(answer.question, answer.attempt.seed)
        response = answer.response
        given = frozenset(response) if isinstance(response, list) else response
        outcome = scoring.score(key_of(answer.snapshot), given)
        assert (outcome.points, outcome.correct) == (answer.points_awarded, answer.correct)


def test_attempts_record_their_form_as_certifying_attempts_do(bench: None) -> None:
    seed()
    for attempt in Attempt.objects.prefetch_related("answers").order_by("?")[:40]:
        assert attempt.mode == Attempt.Mode.CERTIFYING
        assert [shown["question_id"] for shown in attempt.form] == attempt.question_ids
        for answer in attempt.answers.all():
            assert answer.snapshot == attempt.form[answer.index]


def test_lean_data_scores_the_same_answers_without_their_snapshots(bench: None) -> None:
    seed()
    full = list(Answer.objects.order_by("pk").values_list("question", "response", "points_awarded"))
    seed(lean=True, replace=True)
    assert (
        list(Answer.objects.order_by("pk").values_list("question", "response", "points_awarded"))
        == full
    )
    assert not Answer.objects.exclude(snapshot={}).exists()
    assert not Attempt.objects.exclude(form=[]).exists()


def test_lean_data_past_its_simulated_share_is_copies_of_finished_attempts(
    bench: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from safetyquiz.devtools.management.commands import seed_scale

    monkeypatch.setattr(seed_scale, "LEAN_SIMULATED", 150)
    seed(lean=True, answers=1000)
    longest = max(len(ids) for ids in Attempt.objects.values_list("question_ids", flat=True))
    assert 1000 <= Answer.objects.count() < 1000 + longest
    sittings: dict[tuple[Any, ...], list[list[tuple[Any, ...]]]] = {}
    for attempt in Attempt.objects.prefetch_related("answers"):
        key = (attempt.user_id, attempt.module_id, attempt.started_at, attempt.points)
        rows = [
            (a.index, a.question_id, a.response, a.points_awarded) for a in attempt.answers.all()
        ]
        sittings.setdefault(key, []).append(sorted(rows))
    copied = [same for same in sittings.values() if len(same) > 1]
    assert copied and all(rows == same[0] for same in copied for rows in same)
    assert Certificate.objects.count() < Attempt.objects.filter(passed=True).count()
    assert "already there" in seed(lean=True, answers=1000)


def test_finished_attempts_are_totted_up_and_passes_certified(bench: None) -> None:
    seed()
    for attempt in Attempt.objects.filter(finished_at__isnull=False).prefetch_related("answers"):
        assert len(attempt.answers.all()) == len(attempt.question_ids)
        assert attempt.points == sum(a.points_awarded for a in attempt.answers.all())
        assert Certificate.objects.filter(attempt=attempt).exists() == bool(attempt.passed)
    assert Attempt.objects.filter(finished_at__isnull=True).count() > 0  # some left in progress


def test_the_same_seed_twice_changes_nothing(bench: None) -> None:
    seed()
    before = (User.objects.count(), Attempt.objects.count(), Answer.objects.count())
    assert "already there" in seed()
    assert (User.objects.count(), Attempt.objects.count(), Answer.objects.count()) == before


def test_other_sizes_for_a_seeded_seed_need_replace(bench: None) -> None:
    seed()
    with pytest.raises(CommandError, match="--replace"):
        seed(answers=200)
    seed(answers=200, replace=True)
    assert Answer.objects.count() == 200


def test_dry_run_writes_nothing(bench: None) -> None:
    assert "Would make" in seed(dry_run=True)
    assert not User.objects.exists()


@pytest.mark.parametrize("bad", [{"big": 61}, {"crew": 0}, {"answers": -1}, {"seed": -2}])
def test_bad_sizes_are_refused(bench: None, bad: dict[str, int]) -> None:
    with pytest.raises(CommandError, match="Need"):
        seed(**bad)


def test_refused_without_debug_or_the_bench_flag() -> None:
    with pytest.raises(CommandError, match="SAFETYQUIZ_BENCH"):
        seed()


def test_refused_without_a_published_module(settings: Any) -> None:
    settings.SAFETYQUIZ_BENCH = True
    Module.objects.update(status=Module.Status.DRAFT)
    with pytest.raises(CommandError, match="curriculum"):
        seed()
