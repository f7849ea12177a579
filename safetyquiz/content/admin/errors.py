"""Every error of an admin page listed at its top, each linked to the field or row it is
about: a rule broken far down the page (a slot with no question, 3,000 px below the
"Please correct the error below" Django shows) is read first and reached in one step."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS


@dataclass(frozen=True)
class Error:
    text: str
    anchor: str  # "#id_title", "#slots-1", or a page's address with its anchor


def mentioned(text: str, slugs: Sequence[str]) -> int | None:
    """The place of the first of ``slugs`` that ``text`` names as a whole word."""
    for place, slug in enumerate(slugs):
        if slug and re.search(rf"(?<![\w-]){re.escape(slug)}(?![\w-])", text):
            return place
    return None


def slot_anchor(text: str, slots: Sequence[str], fallback: str) -> str:
    """The row of the slot a bank rule names ("slot who-checks has no question"), or
    ``fallback`` when it names none."""
    place = mentioned(text, slots) if "slot" in text else None
    return fallback if place is None else f"#slots-{place}"


def summary(adminform: Any, inline_formsets: Iterable[Any]) -> list[Error]:
    """The errors of a change form and its inlines, in the order of the page."""
    form = adminform.form
    whole = f"#{form._meta.model._meta.model_name}_form"
    found = [Error(str(e), whole) for e in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            continue
        label = form.fields[name].label if name in form.fields else name
        found += [Error(f"{label}: {e}", f"#id_{name}") for e in errors]
    formsets = [inline.formset for inline in inline_formsets]
    slots = next((slot_slugs(f) for f in formsets if f.prefix == "slots"), [])
    for formset in formsets:
        if not formset.is_bound:
            continue
        heading = str(formset.model._meta.verbose_name_plural).capitalize()
        group = f"#{formset.prefix}-group"
        found += [
            Error(f"{heading}: {e}", slot_anchor(str(e), slots, group))
            for e in formset.non_form_errors()
        ]
        for place, inline_form in enumerate(formset.forms):
            row = f"{heading}, row {place + 1}"
            for name, errors in inline_form.errors.items():
                if name == NON_FIELD_ERRORS:
                    found += [Error(f"{row}: {e}", f"#{formset.prefix}-{place}") for e in errors]
                    continue
                label = inline_form.fields[name].label if name in inline_form.fields else name
                anchor = f"#id_{inline_form.prefix}-{name}"
                found += [Error(f"{row}, {label}: {e}", anchor) for e in errors]
    return found


def slot_slugs(formset: Any) -> list[str]:
    """Each row's slot slug, as posted (a row just added has no saved slug)."""
    return [str(form["slug"].value() or "") for form in formset.forms]
