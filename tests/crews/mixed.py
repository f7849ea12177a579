"""A production's crew in every state its roster tells apart, drawn from a seed: members
in departments or none, some gone, some also in another production; assignments for
everyone or for some departments, due in the past, the future or never; certificates
valid, expiring today, expired or revoked; open attempts, critical misses; extensions
later and earlier than the due date; members who joined long ago, lately or today, and an
assignment due some days after joining."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from safetyquiz.content.models import Department, Module
from safetyquiz.crews.models import DueDateExtension, Membership, Production
from tests import factories

FIRST = ["Ana", "ana", "Ben", "Zoë"]
LAST = ["Diaz", "diaz", "Ito", "Ñu"]  # ties, so the usernames decide part of the order
STATES = ["none", "valid", "today", "expired", "revoked", "revoked-then-valid", "open", "missed"]


@dataclass
class MixedCrew:
    production: Production
    departments: list[Department]
    today: date


def mixed_crew(seed: int, size: int) -> MixedCrew:
    rng = random.Random(seed)
    today = timezone.localdate()
    production, other = factories.ProductionFactory(), factories.ProductionFactory()
    departments = [factories.DepartmentFactory() for _ in range(3)]
    modules = [factories.PublishedModuleFactory(questions=1) for _ in range(3)]
    assignments = [
        factories.AssignmentFactory(
            production=production, module=modules[0], due_on=today - timedelta(days=5)
        ),
        factories.AssignmentFactory(
            production=production,
            module=modules[1],
            due_on=today + timedelta(days=10),
            departments=departments[1:],
        ),
        factories.AssignmentFactory(
            production=production,
            module=modules[2],
            due_on=None,
            due_days=rng.choice([None, 0, 3]),
            assigned_on=today - timedelta(days=rng.choice([0, 4])),
        ),
    ]
    factories.AssignmentFactory(production=other, module=modules[1], due_on=today)
    factories.InstructorMembershipFactory(production=production)
    for n in range(size):
        user = factories.UserFactory(
            username=f"mixed{seed}-{n:03d}",
            first_name=rng.choice(FIRST),
            last_name=rng.choice(LAST),
        )
        membership = factories.MembershipFactory(
            production=production,
            user=user,
            department=rng.choice([*departments, None]),
            joined_at=timezone.now() - timedelta(days=rng.choice([0, 0, 2, 6, 90])),
        )
        if rng.random() < 0.1:
            Membership.objects.filter(pk=membership.pk).update(left_at=timezone.now())
        if rng.random() < 0.15:
            factories.MembershipFactory(production=other, user=user, department=departments[0])
        for module in modules:
            record(user, module, rng.choice(STATES), today)
        for assignment in assignments:
            if rng.random() < 0.25:
                DueDateExtension.objects.create(
                    assignment=assignment,
                    membership=membership,
                    due_on=today + timedelta(days=rng.randint(-8, 8)),
                )
    return MixedCrew(production, departments, today)


def record(user: User, module: Module, state: str, today: date) -> None:
    """One member's certifying record on one module."""
    attempt = {"attempt__user": user, "attempt__module": module}
    if state in ("valid", "revoked-then-valid"):
        factories.CertificateFactory(**attempt, expires_on=today + timedelta(days=90))
    if state == "today":
        factories.CertificateFactory(**attempt, expires_on=today)
    if state == "expired":
        factories.CertificateFactory(**attempt, expires_on=today - timedelta(days=1))
    if state in ("revoked", "revoked-then-valid"):
        factories.CertificateFactory(
            **attempt, expires_on=today + timedelta(days=30), revoked_at=timezone.now()
        )
    if state == "open":
        factories.AttemptFactory(user=user, module=module)
    if state == "missed":
        factories.FinishedAttemptFactory(
            user=user, module=module, passed=False, percentage=40, critical_misses=1
        )
