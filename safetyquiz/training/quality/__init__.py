"""Item quality: can a question be answered without the knowledge it tests?

Pure functions over plain values, no ORM (``training.banks`` reads the database into
a ``Bank``). ``measures`` holds each measure, ``readers`` scores a reader of a certifying
pool (the exact chance they pass), ``cues`` plays each surface feature of the choices as
such a reader, and ``assess`` holds them all against the thresholds of
``settings.QUALITY``. fixtures/FORMAT.md ("Item-quality checks") describes every check.
"""

from .assess import (
    CourseQuality,
    Finding,
    ModuleQuality,
    Thresholds,
    assess_course,
    assess_module,
)
from .items import Bank, ChoiceItem, Item

__all__ = [
    "Bank",
    "ChoiceItem",
    "CourseQuality",
    "Finding",
    "Item",
    "ModuleQuality",
    "Thresholds",
    "assess_course",
    "assess_module",
]
