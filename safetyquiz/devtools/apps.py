from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Development and benchmark tooling: demo and bulk data, the crowd simulator, the
    bench view. Installed only with DEBUG on or for the bench (see settings.py)."""

    name = "safetyquiz.devtools"
    label = "devtools"
