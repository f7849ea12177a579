"""What a device may keep to work offline, and for whom: the installable app's shell, its
service worker (static/js/sw.js) and the two headers that worker reads.

A page that may work offline says so with ``KEEP``: the learner's modules, a briefing, the
question of an open attempt; never a result, a review or feedback, so no answer key,
feedback or explanation is ever kept. Every page sent to someone signed in names them with
``LEARNER`` (``middleware.LearnerHeaderMiddleware``), so the worker keeps one learner's
pages at a time and drops them as soon as a page names someone else, or no one: after a
sign-out, another person's sign-in, or a session that ended. Answers given offline are
kept by the page itself (static/js/offline.js) and sent to ``training:queued-answers``.
"""

from __future__ import annotations

import functools
import hashlib
import json
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse

KEEP = "Offline-Keep"
LEARNER = "Offline-Learner"

# The shell: what every page needs, fetched when the worker is installed.
SHELL_FILES = [
    "css/app.css",
    "js/app.js",
    "js/offline.js",
    "django_htmx/htmx-2.min.js",
    "favicon.svg",
    "icons/icon-192.png",
    "icons/icon-512.png",
    "icons/icon-maskable-512.png",
]
WORKER_FILE = "js/sw.js"
OFFLINE_TEMPLATE = "offline.html"


def keep(response: HttpResponse) -> HttpResponse:
    """Let a device keep this page (for the learner it names) to show it offline."""
    response[KEEP] = "1"
    return response


def worker_script() -> str:
    """The service worker: its settings, then static/js/sw.js. Built once per process, or
    on every request in development, where the static files change under it."""
    return build_worker_script() if settings.DEBUG else _built_worker_script()


def build_worker_script() -> str:
    source = _read(WORKER_FILE)
    shell = [static(name) for name in SHELL_FILES] + [reverse("offline")]
    # The version changes whenever the worker, a shell file or the offline page does, so a
    # device fetches the new shell and drops the old one.
    digest = hashlib.sha256(source.encode())
    for name in SHELL_FILES:
        digest.update(_read_bytes(name))
    digest.update(get_template(OFFLINE_TEMPLATE).template.source.encode())  # type: ignore[attr-defined]
    config = {
        "version": digest.hexdigest()[:16],
        "shell": shell,
        "offline": reverse("offline"),
        "signOut": reverse("logout"),
        "keepHeader": KEEP,
        "learnerHeader": LEARNER,
    }
    return f"self.CONFIG = {json.dumps(config)};\n{source}"


_built_worker_script = functools.cache(build_worker_script)


def _read_bytes(name: str) -> bytes:
    path = finders.find(name)
    if not path or isinstance(path, list):
        raise FileNotFoundError(f"static file {name} is missing")
    with open(path, "rb") as file:
        return file.read()


def _read(name: str) -> str:
    return _read_bytes(name).decode()


def manifest() -> dict[str, Any]:
    """The web app manifest: what a phone needs to install the app on its home screen."""
    return {
        "id": "/",
        "name": "safetyquiz: set safety training",
        "short_name": "safetyquiz",
        "description": "Set-safety training for film and television crews.",
        "start_url": reverse("crews:modules"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5394",
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
