"""The content's models, one module per part: ``sources`` (Source, Excerpt, Failure),
``modules`` (Department, Module), ``questions`` (a module's bank: Slot, Question, Choice)
and ``releases`` (the record of content releases). Import them from here."""

from .modules import Department, Module, ModuleManager, ModuleQuerySet
from .questions import Choice, Question, Slot
from .releases import Release, ReleaseConflict, ReleasedObject
from .sources import Excerpt, Failure, SlugManager, Source, Translated

__all__ = [
    "Choice",
    "Department",
    "Excerpt",
    "Failure",
    "Module",
    "ModuleManager",
    "ModuleQuerySet",
    "Question",
    "Release",
    "ReleaseConflict",
    "ReleasedObject",
    "Slot",
    "SlugManager",
    "Source",
    "Translated",
]
