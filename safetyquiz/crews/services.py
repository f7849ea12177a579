"""Writes about productions and their people. Each change an instructor makes is logged
on the production (who, when, what)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from safetyquiz.content.models import Department, Module
from safetyquiz.names import display_name
from safetyquiz.training import services as training_services

from .clearance import day
from .models import (
    Assignment,
    DueDateExtension,
    Membership,
    Production,
    ProductionEvent,
    SignInLink,
    new_join_code,
)
from .standings import own_due

logger = logging.getLogger(__name__)


class Refused(Exception):
    """A change that would break a rule of the production; the message says which."""


def log(
    *,
    production: Production,
    actor: User,
    kind: ProductionEvent.Kind,
    summary: str,
    member: User | None = None,
) -> ProductionEvent:
    event = ProductionEvent.objects.create(
        production=production, actor=actor, kind=kind, summary=summary[:400], member=member
    )
    logger.info(
        "production %s: %s by user %s, member %s",
        production.pk,
        kind,
        actor.pk,
        member.pk if member else "-",
    )
    return event


def quoted(title: str) -> str:
    """A module title in quotes, unless it holds quotes of its own (“Cold” is a claim...)."""
    return title if any(q in title for q in '“”"') else f"“{title}”"


def due_said(due_on: date | None, due_days: int | None = None) -> str:
    """An assignment's due date for everyone, in words, as the log and messages say it."""
    after = None if due_days is None else f"{due_days} day{'' if due_days == 1 else 's'}"
    if due_on and after:
        return f"due {day(due_on)}, or {after} after joining if later"
    if after:
        return f"due {after} after joining"
    return f"due {day(due_on)}" if due_on else "no due date"


@transaction.atomic
def membership_join(
    *, user: User, production: Production, department: Department | None, job_title: str = ""
) -> tuple[Membership, bool]:
    """Make the user crew on the production; joining twice keeps the first membership.
    Someone removed from it comes back only when an instructor adds them back."""
    membership, created = Membership.objects.get_or_create(
        production=production,
        user=user,
        role=Membership.Role.CREW,
        defaults={"department": department, "job_title": job_title.strip()},
    )
    if membership.left_at is not None:
        raise Refused(
            f"You were removed from {production.name}: ask its safety officer to add you back."
        )
    return membership, created


def sign_in_links_end(*, user: User, now: datetime | None = None) -> int:
    """Every live sign-in link made for the user stops working."""
    now = now or timezone.now()
    return SignInLink.objects.filter(user=user, used_at=None, expires_at__gt=now).update(
        expires_at=now
    )


@transaction.atomic
def join_code_rotate(*, production: Production, actor: User) -> str:
    """A new join code for the production: the old one stops working at once."""
    code = new_join_code()
    while Production.objects.filter(join_code=code).exists():
        code = new_join_code()
    production.join_code = code
    production.save(update_fields=["join_code"])
    log(
        production=production,
        actor=actor,
        kind=ProductionEvent.Kind.CODE_CHANGED,
        summary="Changed the join code: the old one no longer works.",
    )
    return code


# Assignments ----------------------------------------------------------------------------


@transaction.atomic
def assignment_add(
    *,
    production: Production,
    module: Module,
    departments: Iterable[Department],
    due_on: date | None,
    due_days: int | None = None,
    actor: User,
) -> tuple[Assignment, ProductionEvent]:
    assignment = Assignment.objects.create(
        production=production, module=module, due_on=due_on, due_days=due_days
    )
    chosen = list(departments)
    assignment.departments.set(chosen)
    who = ", ".join(d.name for d in chosen) if chosen else "everyone"
    event = log(
        production=production,
        actor=actor,
        kind=ProductionEvent.Kind.ASSIGNED,
        summary=f"Assigned {quoted(module.title)} to {who}, {due_said(due_on, due_days)}.",
    )
    return assignment, event


@transaction.atomic
def assignment_set_due(
    *, assignment: Assignment, due_on: date | None, due_days: int | None = None, actor: User
) -> ProductionEvent:
    before = due_said(assignment.due_on, assignment.due_days)
    assignment.due_on, assignment.due_days = due_on, due_days
    assignment.save(update_fields=["due_on", "due_days"])
    after = due_said(due_on, due_days)
    return log(
        production=assignment.production,
        actor=actor,
        kind=ProductionEvent.Kind.DUE_CHANGED,
        summary=f"{quoted(assignment.module.title)} for everyone: {after} (was {before}).",
    )


@transaction.atomic
def production_set_grace(*, production: Production, days: int, actor: User) -> ProductionEvent:
    """How many days someone who joins gets for a module already due, or due sooner."""
    before = production.grace_days
    production.grace_days = days
    production.save(update_fields=["grace_days"])
    return log(
        production=production,
        actor=actor,
        kind=ProductionEvent.Kind.DUE_CHANGED,
        summary=f"New members get {days} day{'' if days == 1 else 's'} from joining for a "
        f"module already due (was {before}).",
    )


@transaction.atomic
def assignment_extend(
    *,
    assignment: Assignment,
    membership: Membership,
    due_on: date | None,
    actor: User,
) -> ProductionEvent:
    """Give one member a later due date, or (``due_on`` None) take their extension back."""
    title, member = quoted(assignment.module.title), membership.user
    if due_on is None:
        DueDateExtension.objects.filter(assignment=assignment, membership=membership).delete()
        back = due_said(own_due(assignment, membership))
        summary = f"{title} for {display_name(member)}: extension withdrawn, {back}."
    else:
        DueDateExtension.objects.update_or_create(
            assignment=assignment, membership=membership, defaults={"due_on": due_on}
        )
        summary = f"{title} for {display_name(member)}: extended to {day(due_on)}."
    return log(
        production=assignment.production,
        actor=actor,
        kind=ProductionEvent.Kind.EXTENDED,
        summary=summary,
        member=member,
    )


@transaction.atomic
def attempt_grant(*, assignment: Assignment, membership: Membership, actor: User) -> None:
    """One more certifying attempt today at the assignment's module for a crew member of its
    production, past the module's daily limit; logged on the production."""
    member = membership.user
    training_services.attempt_grant(user=member, module=assignment.module, granted_by=actor)
    log(
        production=assignment.production,
        actor=actor,
        kind=ProductionEvent.Kind.ATTEMPT_GRANTED,
        summary=f"{quoted(assignment.module.title)} for {display_name(member)}: one more "
        f"certifying attempt today.",
        member=member,
    )


@transaction.atomic
def assignment_remove(*, assignment: Assignment, actor: User) -> ProductionEvent:
    """The module is no longer required; attempts and certificates stay."""
    production, title = assignment.production, quoted(assignment.module.title)
    assignment.delete()
    return log(
        production=production,
        actor=actor,
        kind=ProductionEvent.Kind.UNASSIGNED,
        summary=f"Removed the assignment of {title}; attempts and certificates stay.",
    )


# People ---------------------------------------------------------------------------------


def _memberships(production: Production, user: User) -> list[Membership]:
    """The user's current memberships of the production, locked until the change is done.

    The production's row is locked first. Every change to a production's people takes that
    lock before any membership's, so two instructors changing each other at once take
    turns: without it, each locked their target and then waited for the other's (a
    deadlock on PostgreSQL)."""
    list(Production.objects.select_for_update().filter(pk=production.pk).values_list("pk"))
    return list(
        Membership.objects.select_for_update()
        .filter(production=production, user=user, left_at=None)
        .order_by("role")
    )


def _keep_an_instructor(production: Production, user: User) -> None:
    others = (
        Membership.objects.active()
        .filter(production=production, role=Membership.Role.INSTRUCTOR)
        .exclude(user=user)
    )
    if not others.select_for_update().exists():
        raise Refused(
            f"{display_name(user)} is the only instructor of {production.name}: "
            "make someone else an instructor first."
        )


@transaction.atomic
def membership_update(
    *,
    production: Production,
    user: User,
    department: Department | None,
    job_title: str,
    actor: User,
) -> None:
    memberships = _memberships(production, user)
    job_title = job_title.strip()
    before = memberships[0] if memberships else None
    for membership in memberships:
        membership.department, membership.job_title = department, job_title
        membership.save(update_fields=["department", "job_title"])
    if before is None:
        return
    log(
        production=production,
        actor=actor,
        kind=ProductionEvent.Kind.MEMBER_CHANGED,
        summary=(
            f"{display_name(user)}: department {department or 'none'}, "
            f"job title {job_title or 'none'}."
        ),
        member=user,
    )


@transaction.atomic
def membership_remove(*, production: Production, user: User, actor: User) -> None:
    """Take the user off the production (crew and instructor alike); their attempts,
    certificates and membership rows stay, marked as left."""
    memberships = _memberships(production, user)
    if any(m.role == Membership.Role.INSTRUCTOR for m in memberships):
        _keep_an_instructor(production, user)
    now = timezone.now()
    for membership in memberships:
        membership.left_at = now
        membership.save(update_fields=["left_at"])
    sign_in_links_end(user=user, now=now)
    log(
        production=production,
        actor=actor,
        kind=ProductionEvent.Kind.MEMBER_REMOVED,
        summary=f"Removed {display_name(user)} from the production (their records stay).",
        member=user,
    )


@transaction.atomic
def instructor_set(*, production: Production, user: User, instructor: bool, actor: User) -> None:
    """Make the member an instructor of this production, or stop that. The production always
    keeps at least one instructor."""
    memberships = _memberships(production, user)
    current = next((m for m in memberships if m.role == Membership.Role.INSTRUCTOR), None)
    if instructor and current is None:
        like = memberships[0] if memberships else None
        Membership.objects.update_or_create(
            production=production,
            user=user,
            role=Membership.Role.INSTRUCTOR,
            defaults={
                "left_at": None,
                "department": like.department if like else None,
                "job_title": like.job_title if like else "",
            },
        )
        kind, summary = ProductionEvent.Kind.INSTRUCTOR_ADDED, "made an instructor"
    elif not instructor and current is not None:
        _keep_an_instructor(production, user)
        current.left_at = timezone.now()
        current.save(update_fields=["left_at"])
        kind, summary = ProductionEvent.Kind.INSTRUCTOR_REMOVED, "no longer an instructor"
    else:
        return
    sign_in_links_end(user=user)
    log(
        production=production,
        actor=actor,
        kind=kind,
        summary=f"{display_name(user)}: {summary}.",
        member=user,
    )


@transaction.atomic
def membership_restore(*, production: Production, user: User, actor: User) -> None:
    """Add a removed crew member back (their own code no longer brings them back); their due
    dates count from today again."""
    _memberships(production, user)
    restored = Membership.objects.filter(
        production=production, user=user, role=Membership.Role.CREW, left_at__isnull=False
    ).update(left_at=None, joined_at=timezone.now())
    if not restored:
        return
    log(
        production=production,
        actor=actor,
        kind=ProductionEvent.Kind.MEMBER_RESTORED,
        summary=f"Added {display_name(user)} back to the production.",
        member=user,
    )
