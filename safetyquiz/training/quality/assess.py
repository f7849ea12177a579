"""Every measure of a module, and of the whole course, held against the thresholds of
``settings.QUALITY``: what falls short is a finding (a warning, or with ``check_content
--strict`` an error). The case facts and the surface-cue readers read a module's
certifying pool, what forms are drawn from; the other measures read every question."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from safetyquiz.content.readability import Reading, module_readings, over_grade

from . import cues as surface
from .items import Bank
from .measures import (
    AboveChoice,
    CaseFacts,
    Duplicate,
    LengthCue,
    RightCounts,
    TrueFalseBalance,
    above_choices,
    case_facts,
    length_cue,
    near_duplicates,
    right_counts,
    true_false_balance,
)


@dataclass(frozen=True)
class Thresholds:
    """The limits of ``settings.QUALITY`` (upper-case keys there, same names)."""

    longest_right_share: float = 0.35
    length_ratio: float = 1.15
    true_share_min: float = 0.35
    true_share_max: float = 0.65
    true_false_min: int = 4
    negated_false: int = 0
    multiple_min: int = 3
    right_counts_min_distinct: int = 2
    above_choices: int = 0
    near_duplicate: float = 0.8
    case_fact_share: float = 0.2
    cue_pass: float = 0.01
    cue_margin: float = 0.15
    cue_p: float = 0.01
    cue_min_items: int = 8
    reading_grade: float = 8.0
    panel_cautious_pass: float = 0.01
    slot_facility_margin: float = 0.15
    slot_min_answers: int = 30

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> Thresholds:
        names = {f.name for f in fields(cls)}
        unknown = sorted(k for k in values if k.lower() not in names)
        if unknown:
            raise ValueError(f"QUALITY has unknown keys: {', '.join(unknown)}")
        return cls(**{k.lower(): v for k, v in values.items()})


@dataclass(frozen=True)
class Finding:
    measure: str
    module: str  # "" for the whole course
    what: str
    question: str = ""

    @property
    def where(self) -> str:
        if not self.module:
            return "course"
        return f"module {self.module}" + (f", question {self.question}" if self.question else "")

    @property
    def within_module(self) -> str:
        """As the module's own page says it."""
        return f"{self.question}: {self.what}" if self.question else self.what

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


# The measures of the content written for separate pools: warnings while
# settings.ASSESSMENT_RULES_ENFORCED is off, even under --strict (the panels add "panel").
DEFERRED = frozenset({"cues", "reading", "panel"})


@dataclass(frozen=True)
class ModuleQuality:
    bank: Bank  # every question of the module
    length: LengthCue
    true_false: TrueFalseBalance
    right_counts: RightCounts
    above: tuple[AboveChoice, ...]
    duplicates: tuple[Duplicate, ...]
    case_facts: CaseFacts
    cues: tuple[surface.Cue, ...]  # each surface-cue reader of the certifying pool
    reading: dict[str, Reading]
    findings: tuple[Finding, ...]

    @property
    def pool(self) -> Bank:
        return self.bank.certifying

    @property
    def worst_cue(self) -> surface.Cue | None:
        """The surface-cue reader (or the random one) who passes most often."""
        return max(self.cues, key=lambda c: c.pass_chance or 0, default=None)


def assess_module(
    bank: Bank, limits: Thresholds, *, course: Sequence[Bank] = (), graded: bool = True
) -> ModuleQuality:
    """Every measure of one module; ``course`` is every module, for near-duplicates.
    ``graded`` False leaves out the reading grade: it is the Flesch-Kincaid grade of English
    words, meaningless on another language's (Spanish is measured on its own scale)."""
    banks = [bank, *(b for b in course if b.slug != bank.slug)]
    duplicates = near_duplicates(banks, limits.near_duplicate, involving=bank.slug)
    pool = bank.certifying
    quality = ModuleQuality(
        bank=bank,
        length=length_cue(bank.items),
        true_false=true_false_balance(bank.items),
        right_counts=right_counts(bank.items),
        above=above_choices(bank.items),
        duplicates=duplicates,
        case_facts=case_facts(pool),
        cues=surface.module_cues(pool),
        reading=readings_of(bank) if graded else {},
        findings=(),
    )
    return replace(quality, findings=tuple(module_findings(quality, limits)))


def readings_of(bank: Bank) -> dict[str, Reading]:
    """The reading counts of the module's briefing, prompts and feedback (each choice's
    feedback and each question's explanation), of every question."""
    return module_readings(
        bank.briefing,
        (i.prompt for i in bank.items),
        [i.explanation for i in bank.items]
        + [c.feedback for i in bank.items for c in i.choices if c.feedback],
    )


def module_findings(q: ModuleQuality, limits: Thresholds) -> list[Finding]:
    here = q.bank.slug
    found = shared_findings(here, q.length, q.true_false, q.right_counts, limits)
    if len(q.above) > limits.above_choices:
        found += [Finding("above", here, f"a choice reads “{c.text}”", c.slug) for c in q.above]
    found += duplicate_findings(q.duplicates, q.bank.slug)
    cf = q.case_facts
    if cf.over_cap:
        found.append(
            Finding(
                "case-facts",
                here,
                f"a form can ask {cf.forced} case-fact questions, "
                f"over the module's cap of {cf.cap}",
            )
        )
    if cf.form_share is not None and cf.form_share > limits.case_fact_share:
        found.append(
            Finding(
                "case-facts",
                here,
                f"up to {cf.most} of {cf.form_size} questions on a form "
                f"({cf.form_share:.0%}) are case facts (limit {limits.case_fact_share:.0%})",
            )
        )
    found += cue_findings(q.cues, here, limits)
    found += [
        Finding("reading", here, said) for said in over_grade(q.reading, limits.reading_grade)
    ]
    return found


def cue_findings(cues: Sequence[surface.Cue], module: str, limits: Thresholds) -> list[Finding]:
    return [
        Finding("cues", module, said)
        for cue in cues
        for said in surface.problems(
            cue,
            pass_limit=limits.cue_pass,
            margin=limits.cue_margin,
            p_limit=limits.cue_p,
            min_items=limits.cue_min_items,
        )
    ]


def shared_findings(
    module: str, cue: LengthCue, tf: TrueFalseBalance, counts: RightCounts, limits: Thresholds
) -> list[Finding]:
    """The measures that hold for a module and for the whole course alike."""
    found = []
    if cue.share is not None and cue.share > limits.longest_right_share:
        found.append(
            Finding(
                "length",
                module,
                f"the right answer is the longest choice in "
                f"{len(cue.longest_right)} of {cue.questions} single-answer and decision "
                f"questions ({cue.share:.0%}; limit {limits.longest_right_share:.0%})",
            )
        )
    if cue.ratio is not None and cue.ratio > limits.length_ratio:
        found.append(
            Finding(
                "length",
                module,
                f"right choices are {cue.ratio:.2f} times as long as wrong "
                f"ones on average (limit {limits.length_ratio:.2f})",
            )
        )
    share = tf.share_true
    if (
        share is not None
        and tf.questions >= limits.true_false_min
        and not (limits.true_share_min <= share <= limits.true_share_max)
    ):
        found.append(
            Finding(
                "true-false",
                module,
                f"{tf.keyed_true} of {tf.questions} true/false questions "
                f"are keyed True ({share:.0%}; keep between {limits.true_share_min:.0%} "
                f"and {limits.true_share_max:.0%})",
            )
        )
    if len(tf.negated_false) > limits.negated_false:
        found += [
            Finding(
                "true-false",
                module,
                "a negated stem keyed False (a double negative): state it positively",
                slug,
            )
            for slug in tf.negated_false
        ]
    if len(counts.counts) >= limits.multiple_min and counts.distinct < (
        limits.right_counts_min_distinct
    ):
        listed = ", ".join(str(n) for n in counts.counts)
        found.append(
            Finding(
                "right-counts",
                module,
                f"every multiple-select question has the same number of right boxes ({listed})",
            )
        )
    return found


def duplicate_findings(duplicates: Iterable[Duplicate], module: str = "") -> list[Finding]:
    """One finding per pair, told from ``module``'s side when it is in the pair."""
    found = []
    for d in duplicates:
        mine, other = (d.b, d.a) if d.b[0] == module and d.a[0] != module else (d.a, d.b)
        found.append(
            Finding(
                "duplicates",
                mine[0],
                f"near-duplicate of module {other[0]}, question {other[1]} "
                f"(similarity {d.similarity:.2f})",
                mine[1],
            )
        )
    return found


@dataclass(frozen=True)
class CourseQuality:
    modules: tuple[ModuleQuality, ...]
    length: LengthCue
    true_false: TrueFalseBalance
    right_counts: RightCounts
    cues: tuple[surface.Cue, ...]  # hit rates over every module's certifying pool
    findings: tuple[Finding, ...]  # course-wide, and each module's, each once


def assess_course(
    banks: Sequence[Bank], limits: Thresholds, *, graded: bool = True
) -> CourseQuality:
    """Every module's measures and the whole course's; ``graded`` as in ``assess_module``."""
    modules = tuple(assess_module(b, limits, course=banks, graded=graded) for b in banks)
    pools = [b.certifying for b in banks]
    items = [item for bank in banks for item in bank.items]
    cue, tf, counts = length_cue(items), true_false_balance(items), right_counts(items)
    course = shared_findings("", cue, TrueFalseBalance(tf.questions, tf.keyed_true), counts, limits)
    hit_rates = surface.course_cues(pools)
    course += cue_findings(hit_rates, "", limits)
    # Each pair of near-duplicates once, not once from each module's side.
    found = [f for m in modules for f in m.findings if f.measure != "duplicates"]
    pairs = dict.fromkeys(d for m in modules for d in m.duplicates)
    return CourseQuality(
        modules=modules,
        length=cue,
        true_false=tf,
        right_counts=counts,
        cues=hit_rates,
        findings=(*found, *duplicate_findings(pairs), *course),
    )
