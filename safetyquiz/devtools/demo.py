"""The demo production behind `manage.py seed_demo`: three accounts to sign in with and a
crew of about twenty whose attempts are taken through the real quiz services."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.utils import timezone

from safetyquiz.content.models import Department, Module
from safetyquiz.crews import services
from safetyquiz.crews.models import Assignment, Membership, Production
from safetyquiz.training.models import Attempt, Certificate

from .simulate import take

DEMO_PRODUCTION = "Dust Devil (demo western)"
DEMO_JOIN_CODE = "DUSTDEVIL"
MUZZLE_DEPARTMENTS = ("camera", "cast", "props-armory", "stunts")

# username, first, last, department, job title, how they have done
CREW = [
    ("maria.lopez", "Maria", "Lopez", "camera", "Camera operator", "cleared"),
    ("sam.okafor", "Sam", "Okafor", "camera", "2nd AC", "in-progress"),
    ("lee.chen", "Lee", "Chen", "camera", "DIT", "failed"),
    ("ana.petrov", "Ana", "Petrov", "props-armory", "Assistant armorer", "cleared"),
    ("tom.baker", "Tom", "Baker", "props-armory", "Prop master", "expired"),
    ("jess.nguyen", "Jess", "Nguyen", "assistant-directors", "1st AD", "cleared"),
    ("omar.haddad", "Omar", "Haddad", "assistant-directors", "2nd AD", "in-progress"),
    ("kate.murphy", "Kate", "Murphy", "assistant-directors", "Set PA", "not-started"),
    ("diego.santos", "Diego", "Santos", "cast", "Lead actor", "cleared"),
    ("ruth.adler", "Ruth", "Adler", "cast", "Supporting actor", "failed"),
    ("ben.walker", "Ben", "Walker", "cast", "Day player", "not-started"),
    ("nina.kowalski", "Nina", "Kowalski", "production", "Unit production manager", "cleared"),
    ("paul.mensah", "Paul", "Mensah", "production", "Production coordinator", "expired"),
    ("ivy.tran", "Ivy", "Tran", "grip-electric", "Key grip", "in-progress"),
    ("raj.patel", "Raj", "Patel", "grip-electric", "Gaffer", "cleared"),
    ("zoe.martin", "Zoe", "Martin", "grip-electric", "Best boy electric", "failed"),
    ("carl.jensen", "Carl", "Jensen", "stunts", "Stunt coordinator", "cleared"),
    ("mia.rossi", "Mia", "Rossi", "stunts", "Stunt performer", "in-progress"),
    ("eli.cohen", "Eli", "Cohen", "sound", "Boom operator", "not-started"),
    ("fay.dubois", "Fay", "Dubois", "hair-makeup-wardrobe", "Costume supervisor", "cleared"),
]


def demo_user(username: str, password: str, first: str, last: str, **flags: bool) -> User:
    user, _ = get_user_model().objects.update_or_create(
        username=username, defaults={"first_name": first, "last_name": last, **flags}
    )
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def department(slug: str) -> Department:
    name = slug.replace("-", " ").capitalize()
    return Department.objects.get_or_create(slug=slug, defaults={"name": name})[0]


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
        defaults={"department": department("camera"), "job_title": "1st AC"},
    )
    Membership.objects.update_or_create(
        production=production,
        user=instructor,
        role=Membership.Role.INSTRUCTOR,
        defaults={"department": department("props-armory"), "job_title": "Key armorer"},
    )
    modules, muzzle = assign(production, today)
    simulated = 0
    for n, (username, first, last, dept, job, profile) in enumerate(CREW):
        user = demo_user(username, f"{username}-demo", first, last)
        Membership.objects.update_or_create(
            production=production,
            user=user,
            role=Membership.Role.CREW,
            defaults={"department": department(dept), "job_title": job},
        )
        if profile != "not-started" and not Attempt.objects.filter(user=user).exists():
            theirs = [*modules, *(m for m in muzzle if dept in MUZZLE_DEPARTMENTS)]
            simulate(user, theirs, profile, random.Random(n), today)  # once: seeding again
            # changes nothing
            simulated += 1
    # The crew has been on the production since it started, so the first module is
    # overdue for them; someone who joins the demo today has their own days.
    seeded = ["crew", "instructor", *(row[0] for row in CREW)]
    started = timezone.make_aware(datetime.combine(today - timedelta(days=14), time(9)))
    Membership.objects.filter(production=production, user__username__in=seeded).update(
        joined_at=started
    )
    instructor_changes(production, instructor, today)
    return (
        f"production “{production.name}” (join code {DEMO_JOIN_CODE}), 3 accounts, "
        f"{len(CREW)} crew ({simulated} newly simulated), "
        f"{production.assignments.count()} assignments"
    )


def assign(production: Production, today: date) -> tuple[list[Module], list[Module]]:
    """The first four modules for everyone (the first due two days ago), and the muzzle
    module for the departments nearest the gun: those for everyone, and the muzzle one."""
    published = list(Module.objects.published().order_by("order"))
    everyone = published[:4]
    for offset, module in enumerate(everyone):
        due = today + timedelta(days=-2 if offset == 0 else 3 + offset * 4)
        Assignment.objects.update_or_create(
            production=production, module=module, defaults={"due_on": due}
        )
    muzzle = next((m for m in published if m.slug == "where-the-muzzle-points"), None)
    if muzzle:
        assignment, _ = Assignment.objects.update_or_create(
            production=production, module=muzzle, defaults={"due_on": today + timedelta(days=10)}
        )
        assignment.departments.set([department(s) for s in MUZZLE_DEPARTMENTS])
    return everyone, [muzzle] if muzzle else []


def simulate(
    user: User, modules: list[Module], profile: str, rng: random.Random, today: date
) -> None:
    for index, module in enumerate(modules):
        if profile == "in-progress" and index >= 2:
            take(user=user, module=module, skill=0.8, rng=rng, stop_after=3)
            return
        if profile == "failed" and index == 1:
            take(user=user, module=module, skill=0.3, rng=rng)
            continue
        # Retake until passed, as a real learner would, learning a little each time: a
        # "cleared" profile ends cleared, whatever the draw.
        for skill in (0.9, 0.9, 0.95, 1.0):
            if take(user=user, module=module, skill=skill, rng=rng).passed:
                break
    if profile == "expired":
        long_ago = today - timedelta(days=400)
        Certificate.objects.filter(user=user).update(
            issued_on=long_ago, expires_on=long_ago + timedelta(days=365)
        )


def instructor_changes(production: Production, instructor: User, today: date) -> None:
    """Once: an extension and a removal made through the instructor's services, so the
    roster shows an extended due date and the production's log has entries."""
    if production.events.exists():
        return
    first = production.assignments.order_by("module__order").first()
    kate = Membership.objects.filter(production=production, user__username="kate.murphy").first()
    if first and kate:
        services.assignment_extend(
            assignment=first, membership=kate, due_on=today + timedelta(days=5), actor=instructor
        )
    ben = get_user_model().objects.filter(username="ben.walker").first()
    if ben:
        services.membership_remove(production=production, user=ben, actor=instructor)
