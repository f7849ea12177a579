"""Every line logged while answering a request carries the request's id, as the settings
configure the console: the proxy's X-Request-ID when it is a UUID, a new id otherwise, sent
back in the response."""

import io
import logging
import logging.config
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """The console handler as the settings build it, writing to a buffer, on the app's
    loggers and Django's."""
    stream = io.StringIO()
    config: dict[str, Any] = settings.LOGGING
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(config["formatters"]["line"]["format"]))
    for name, spec in config["filters"].items():
        factory = logging.config.DictConfigurator({}).resolve(spec["()"])
        handler.addFilter(factory())
        assert name in config["handlers"]["console"]["filters"]
    loggers = [logging.getLogger("safetyquiz"), logging.getLogger("django.request")]
    for logger in loggers:
        logger.addHandler(handler)
    yield stream
    for logger in loggers:
        logger.removeHandler(handler)


def start(client: Any, **headers: str) -> Any:
    module = factories.PublishedModuleFactory()
    return client.post(f"/modules/{module.slug}/", {"mode": "certifying"}, headers=headers)


def test_the_proxys_request_id_is_on_every_line_and_sent_back(
    crew_client: Any, console: io.StringIO
) -> None:
    given = uuid.uuid4().hex
    response = start(crew_client, **{"X-Request-ID": given})
    assert response.status_code == 302 and response["X-Request-ID"] == given
    lines = console.getvalue().splitlines()
    assert lines and all(f"[{given}] " in line for line in lines)
    assert any("safetyquiz.training.services: attempt" in line for line in lines)


def test_a_request_without_a_usable_id_gets_a_new_one(
    crew_client: Any, console: io.StringIO
) -> None:
    response = start(crew_client, **{"X-Request-ID": "not-a-uuid\u2028forged line"})
    made = response["X-Request-ID"]
    assert uuid.UUID(made) and "forged" not in console.getvalue()
    assert all(f"[{made}] " in line for line in console.getvalue().splitlines())
    assert start(crew_client)["X-Request-ID"] not in (made, "")


def test_each_app_module_that_logs_has_a_logger_of_its_own() -> None:
    from safetyquiz import middleware
    from safetyquiz.crews import passwords, services, throttle
    from safetyquiz.training import services as training_services
    from safetyquiz.training.regrading import plans

    for module in (middleware, passwords, services, throttle, training_services, plans):
        assert module.logger.name == module.__name__
