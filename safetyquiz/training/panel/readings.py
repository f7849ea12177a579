"""Blind panel readings in the database: a module's pools as plain banks, a reading recorded
(and written as a fixture), and every stored reading scored again on the content now."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core import serializers
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from safetyquiz.content.models import Module, Question

from ..banks import quality_bank
from ..models import PanelReading
from ..quality.items import Bank
from .picks import Picks, Rescored, fingerprint, pool_digests, rescore


def with_pool(
    only: Collection[int] | None = None, pool: str = Question.Pool.CERTIFYING
) -> QuerySet[Module]:
    """Modules (all, or those with these ids) with the questions of one pool and their
    choices: 3 queries."""
    questions = Question.objects.filter(pool=pool).select_related("slot").order_by("order", "pk")
    chosen = Module.objects.all()
    if only is not None:
        chosen = chosen.filter(pk__in=list(only))
    return chosen.prefetch_related(
        Prefetch("questions", queryset=questions.prefetch_related("choices"))
    ).order_by("order", "pk")


def pool_of(module: Module, pool: str = Question.Pool.CERTIFYING) -> Bank:
    """One module's questions of one pool as a plain bank."""
    return quality_bank(with_pool([module.pk], pool).get())


@transaction.atomic
def reading_record(
    *,
    module: Module,
    reader: str,
    picks: Picks,
    persona: str,
    language: str,
    reader_kind: str,
    description: str,
    on: date | None = None,
) -> tuple[PanelReading, Rescored]:
    """Score the picks on the module's certifying pool now, and keep them (a reader recorded
    again replaces their earlier reading)."""
    pool = pool_of(module)
    digests = pool_digests(pool.items)
    scored = rescore(reader, persona, digests, picks, pool)
    score = scored.score
    reading, _ = PanelReading.objects.update_or_create(
        module=module,
        reader=reader,
        defaults={
            "persona": persona,
            "language": language,
            "reader_kind": reader_kind,
            "description": description,
            "recorded_on": on or timezone.localdate(),
            "fingerprint": fingerprint(digests),
            "pool": digests,
            "picks": picks,
            "items": score.items if score else len(pool.items),
            "items_right": score.right if score else 0,
            "pass_chance": float(score.pass_chance) if score else 0.0,
        },
    )
    return reading, scored


def fixture_path(folder: Path, module: Module, reader: str) -> Path:
    """Where a reading's fixture lives: beside its module's, by the module's order."""
    return folder / f"{module.order:02d}_{module.slug}" / f"{reader}.json"


def fixture_of(reading: PanelReading) -> str:
    """The reading as a fixture with natural keys, as ``loaddata`` reads it."""
    text = serializers.serialize(
        "json", [reading], use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
    return json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class ModuleReadings:
    module: Module
    pool: Bank
    readings: list[tuple[PanelReading, Rescored]]


def readings_now(only: Collection[int] | None = None) -> list[ModuleReadings]:
    """Every module (or those with these ids) with its stored readings, each scored again
    on the module's certifying pool now: 4 queries, whatever the number of modules or
    readings."""
    found = []
    stored = PanelReading.objects.order_by("persona", "reader")
    for module in with_pool(only).prefetch_related(Prefetch("panel_readings", queryset=stored)):
        pool = quality_bank(module)
        found.append(
            ModuleReadings(
                module,
                pool,
                [
                    (r, rescore(r.reader, r.persona, r.pool, r.picks, pool))
                    for r in module.panel_readings.all()
                ],
            )
        )
    return found
