"""Writes about productions and their people."""

from django.contrib.auth.models import User
from django.db import transaction

from safetyquiz.content.models import Department

from .models import Membership, Production


@transaction.atomic
def membership_join(
    *, user: User, production: Production, department: Department | None, job_title: str
) -> tuple[Membership, bool]:
    """Make the user crew on the production; joining twice keeps the first membership."""
    return Membership.objects.get_or_create(
        production=production,
        user=user,
        role=Membership.Role.CREW,
        defaults={"department": department, "job_title": job_title.strip()},
    )
