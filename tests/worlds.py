"""Shared worlds of test data, bigger than one factory call."""

import random
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User

from safetyquiz.content.models import Module
from safetyquiz.crews.models import Production
from safetyquiz.devtools.simulate import take
from tests import factories


@dataclass
class World:
    module: Module
    p1: Production
    p2: Production
    crew_a: User
    crew_b: User
    crew_c: User
    instructor_1: User
    instructor_2: User
    admin: User


def build_world() -> World:
    """Two productions, each with its instructor and crew, one shared module, real attempts."""
    module = factories.PublishedModuleFactory(
        slug="cold-is-a-claim", title="Cold is a claim", questions=0
    )
    factories.QuestionFactory(module=module, order=1, kind="single")
    factories.CriticalQuestionFactory(module=module, order=2, kind="true_false")
    factories.QuestionFactory(module=module, order=3, kind="multiple")
    camera = factories.DepartmentFactory(slug="camera", name="Camera")
    props = factories.DepartmentFactory(slug="props-armory", name="Props and armory")
    p1, p2 = (
        factories.ProductionFactory(name="Dust Devil"),
        factories.ProductionFactory(name="Night Rider"),
    )
    users = {
        name: factories.UserFactory(username=name, first_name=name.title(), last_name="Test")
        for name in ("crew_a", "crew_b", "crew_c", "instructor_1", "instructor_2")
    }
    factories.MembershipFactory(
        production=p1, user=users["crew_a"], department=camera, job_title="1st AC"
    )
    factories.MembershipFactory(
        production=p1, user=users["crew_b"], department=props, job_title="Armorer"
    )
    factories.MembershipFactory(production=p2, user=users["crew_c"], department=camera)
    factories.InstructorMembershipFactory(production=p1, user=users["instructor_1"])
    factories.InstructorMembershipFactory(production=p2, user=users["instructor_2"])
    factories.AssignmentFactory(production=p1, module=module)
    factories.AssignmentFactory(production=p2, module=module)
    take(user=users["crew_a"], module=module, skill=1.0, rng=random.Random(1))
    take(user=users["crew_b"], module=module, skill=0.0, rng=random.Random(2))
    take(user=users["crew_c"], module=module, skill=1.0, rng=random.Random(3))
    admin = factories.UserFactory(username="admin", is_staff=True, is_superuser=True)
    return World(module=module, p1=p1, p2=p2, admin=admin, **users)


def login(client: Any, user: User | None) -> Any:
    if user is not None:
        client.force_login(user)
    return client
