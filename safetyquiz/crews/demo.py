"""The demo production behind `manage.py seed_demo`."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.utils import timezone

from safetyquiz.content.models import Department, Module

from .models import Assignment, Membership, Production

DEMO_PRODUCTION = "Dust Devil (demo western)"
DEMO_JOIN_CODE = "DUSTDEVIL"


def demo_user(username: str, password: str, first: str, last: str, **flags: bool) -> User:
    user, _ = get_user_model().objects.update_or_create(
        username=username, defaults={"first_name": first, "last_name": last, **flags}
    )
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def department(slug: str, name: str) -> Department:
    dept, _ = Department.objects.get_or_create(slug=slug, defaults={"name": name})
    return dept


def seed_demo(today: date | None = None) -> str:
    today = today or timezone.localdate()
    production, _ = Production.objects.update_or_create(
        join_code=DEMO_JOIN_CODE,
        defaults={
            "name": DEMO_PRODUCTION,
            "starts_on": today - timedelta(days=14),
            "ends_on": today + timedelta(days=60),
        },
    )
    crew = demo_user("crew", "crew-demo", "Casey", "Rivera")
    instructor = demo_user("instructor", "instructor-demo", "Jordan", "Hale")
    demo_user("admin", "admin-demo", "Avery", "Stone", is_staff=True, is_superuser=True)
    Membership.objects.update_or_create(
        production=production,
        user=crew,
        role=Membership.Role.CREW,
        defaults={"department": department("camera", "Camera"), "job_title": "1st AC"},
    )
    Membership.objects.update_or_create(
        production=production,
        user=instructor,
        role=Membership.Role.INSTRUCTOR,
        defaults={
            "department": department("props-armory", "Props and armory"),
            "job_title": "Key armorer",
        },
    )
    modules = list(Module.objects.published().order_by("order")[:4])
    for offset, module in enumerate(modules):
        Assignment.objects.update_or_create(
            production=production,
            module=module,
            defaults={"due_on": today + timedelta(days=3 + offset * 4)},
        )
    return (
        f"production “{production.name}” (join code {DEMO_JOIN_CODE}), "
        f"3 accounts, {len(modules)} assignments"
    )
