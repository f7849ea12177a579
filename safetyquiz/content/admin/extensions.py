"""What the apps above content add to its admin pages.

Content imports none of them, so each adds here, from its own admin module, what belongs
to it: training the regrade action on the question list, the note on a question that has
answers (and the warning when its choices are reworded and keyed again in one edit), and
links to its editors' pages (a question's preview, a module's item quality).
The question and module admins stay registered once, by content, and read these lists on
each request, so the order the apps load in does not matter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponseBase


@dataclass(frozen=True)
class Action:
    """An action on a changelist, offered only where ``allowed`` says for the request."""

    name: str
    description: str
    run: Callable[[admin.ModelAdmin, HttpRequest, QuerySet[Any]], HttpResponseBase | None]
    allowed: Callable[[HttpRequest], bool]


@dataclass(frozen=True)
class Link:
    """A link from an object's admin page to a page of another app about it."""

    label: str
    text: str
    url: Callable[[Any], str]
    unsaved: str = "Save it first."  # said instead while the object has no row


# A note for an editor opening a question: a warning to show, or None.
Note = Callable[[Model], str | None]
# A note for an editor who just saved a question whose choices (by key) were reworded and
# keyed again in the same edit: a warning to show, or None.
RekeyedNote = Callable[[Model, list[str]], str | None]

question_actions: list[Action] = []
question_notes: list[Note] = []
rekeyed_notes: list[RekeyedNote] = []
question_links: list[Link] = []
module_links: list[Link] = []
