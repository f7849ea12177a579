"""The content's models, one module per part: ``sources`` (Source, Excerpt, Failure),
``modules`` (Department, Module) and ``questions`` (a module's bank: Slot,
Question, Choice). Import them from here."""

from .modules import Department, Module, ModuleManager, ModuleQuerySet
from .questions import Choice, Question, Slot
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
    "Slot",
    "SlugManager",
    "Source",
    "Translated",
]
