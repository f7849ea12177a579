"""Email sent after the response, on a thread of its own: how long a mail server takes never
shows in the time a page takes (a reset for an address with an account answers as fast as
one without), and a server that fails loses the email, not the page."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from django.core.mail import EmailMessage, get_connection
from django.db import connections

logger = logging.getLogger(__name__)
THREAD_NAME = "safetyquiz-outbox"


def later(job: Callable[[], object]) -> None:
    """Run ``job`` (building and sending email) on a thread; a failure is logged."""

    def run() -> None:
        try:
            job()
        except Exception:
            logger.exception("Email could not be sent")
        finally:
            connections.close_all()  # this thread's own, if the job opened one

    threading.Thread(target=run, name=THREAD_NAME, daemon=True).start()


def send_later(messages: Sequence[EmailMessage]) -> None:
    later(lambda: get_connection().send_messages(list(messages)))


def wait_for_sending(timeout: float = 10) -> None:
    """Until every email started so far is sent (for tests and management commands)."""
    for thread in threading.enumerate():
        if thread.name == THREAD_NAME:
            thread.join(timeout)
