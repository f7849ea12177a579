"""A module's measures as the editors' page shows them: one row per measure, with its limit,
and each question with what flagged it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from safetyquiz.content.rules import PRACTICE

from . import cues as surface
from .assess import ModuleQuality, Thresholds


@dataclass(frozen=True)
class Row:
    measure: str
    value: str
    limit: str
    ok: bool | None  # None: too few questions to judge, or shown for information

    @property
    def status(self) -> str:
        return {True: "ok", False: "warning", None: "info"}[self.ok]


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({part / whole:.0%})" if whole else "none asked"


def rows(q: ModuleQuality, limits: Thresholds) -> list[Row]:
    cue, tf, counts, cf = q.length, q.true_false, q.right_counts, q.case_facts
    judged_tf = tf.questions >= limits.true_false_min and tf.share_true is not None
    judged_counts = len(counts.counts) >= limits.multiple_min
    worst = q.worst_cue
    chance = None if worst is None or worst.pass_chance is None else float(worst.pass_chance)
    return [
        Row(
            "Single-answer and decision questions whose right answer is the longest choice",
            _share(len(cue.longest_right), cue.questions),
            f"at most {limits.longest_right_share:.0%}",
            None if cue.share is None else cue.share <= limits.longest_right_share,
        ),
        Row(
            "Mean length of right choices over wrong ones",
            "-" if cue.ratio is None else f"{cue.ratio:.2f}",
            f"at most {limits.length_ratio:.2f}",
            None if cue.ratio is None else cue.ratio <= limits.length_ratio,
        ),
        Row(
            "True/false questions keyed True",
            _share(tf.keyed_true, tf.questions),
            f"{limits.true_share_min:.0%} to {limits.true_share_max:.0%} "
            f"once there are {limits.true_false_min}",
            limits.true_share_min <= (tf.share_true or 0) <= limits.true_share_max
            if judged_tf
            else None,
        ),
        Row(
            "Negated true/false stems keyed False",
            str(len(tf.negated_false)),
            _at_most(limits.negated_false),
            len(tf.negated_false) <= limits.negated_false,
        ),
        Row(
            "Right boxes in each multiple-select question",
            ", ".join(str(n) for n in counts.counts) or "none asked",
            f"{limits.right_counts_min_distinct} different counts or more "
            f"once there are {limits.multiple_min}",
            counts.distinct >= limits.right_counts_min_distinct if judged_counts else None,
        ),
        Row(
            "“All / none of the above” choices",
            str(len(q.above)),
            _at_most(limits.above_choices),
            len(q.above) <= limits.above_choices,
        ),
        Row(
            "Near-duplicates in other modules or slots",
            str(len(q.duplicates)),
            f"none at {limits.near_duplicate:.2f} similarity or more",
            not q.duplicates,
        ),
        Row("Case-fact questions in the bank", _share(cf.case_facts, cf.questions), "-", None),
        Row(
            "Case-fact questions a form can ask",
            f"up to {_share(cf.most, cf.form_size)}",
            f"at most {limits.case_fact_share:.0%}, and the module's cap of {cf.cap}",
            not cf.over_cap and (cf.form_share or 0) <= limits.case_fact_share,
        ),
        Row(
            "Chance that a reader who follows a surface cue passes a first form",
            "-" if worst is None or chance is None else f"{chance:.2%} ({worst.feature.label})",
            f"below {limits.cue_pass:.0%}",
            None if chance is None else chance < limits.cue_pass,
        ),
        *(
            Row(
                f"Reading grade of the {part}",
                f"{r.grade} ({r.words} words, {r.words_per_sentence} a sentence)"
                if r.words
                else "-",
                f"at most {limits.reading_grade:g}",
                r.grade <= limits.reading_grade if r.words else None,
            )
            for part, r in q.reading.items()
        ),
    ]


def _at_most(count: int) -> str:
    return "none" if count == 0 else f"at most {count}"


@dataclass(frozen=True)
class QuestionRow:
    id: int
    slug: str
    kind: str
    purpose: str
    critical: bool
    flags: tuple[str, ...]
    practice: bool = False


def questions(q: ModuleQuality, labels: Mapping[str, str] | None = None) -> list[QuestionRow]:
    """Every question of the bank, each with the measures that flag it; ``labels`` names
    the kinds and purposes."""
    labels = labels or {}
    flags: dict[str, list[str]] = {}
    for slug in q.length.longest_right:
        flags.setdefault(slug, []).append("the right answer is the longest choice")
    for slug in q.true_false.negated_false:
        flags.setdefault(slug, []).append("negated stem keyed False")
    for choice in q.above:
        flags.setdefault(choice.slug, []).append(f"choice “{choice.text}”")
    for d in q.duplicates:
        for mine, other in ((d.a, d.b), (d.b, d.a)):
            if mine[0] == q.bank.slug:
                flags.setdefault(mine[1], []).append(
                    f"near-duplicate of {other[0]}: {other[1]} ({d.similarity:.2f})"
                )
    return [
        QuestionRow(
            i.id,
            i.slug,
            labels.get(i.kind, i.kind),
            labels.get(i.purpose, i.purpose),
            i.critical,
            tuple(flags.get(i.slug, ())),
            i.pool == PRACTICE,
        )
        for i in q.bank.items
    ]


@dataclass(frozen=True)
class CueRow:
    label: str
    hits: str  # on the questions with one right choice where the feature points somewhere
    chance: str  # what chance would give there
    passes: str  # the exact chance its reader passes a first form
    ok: bool


def cue_rows(q: ModuleQuality, limits: Thresholds) -> list[CueRow]:
    """Each surface-cue reader, the one that passes most often first."""
    found = []
    for cue in sorted(q.cues, key=lambda c: -(c.pass_chance or 0)):
        h = cue.hits
        problems = surface.problems(
            cue,
            pass_limit=limits.cue_pass,
            margin=limits.cue_margin,
            p_limit=limits.cue_p,
            min_items=limits.cue_min_items,
        )
        found.append(
            CueRow(
                cue.feature.label,
                f"{h.hits} of {h.items} ({h.rate:.0%})" if h.rate is not None else "-",
                f"{h.chance_rate:.0%}" if h.chance_rate is not None else "-",
                f"{float(cue.pass_chance or 0):.2%}",
                not problems,
            )
        )
    return found
