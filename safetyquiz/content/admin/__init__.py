"""The content admin: one module per kind of page, each registering its own models.

``extensions`` holds what the apps above content add to these pages."""

from . import modules, questions, releases, sources

__all__ = ["modules", "questions", "releases", "sources"]
