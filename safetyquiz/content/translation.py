"""The content's texts in English and Spanish, registered with django-modeltranslation: each
field below gets ``<field>_en`` and ``<field>_es`` beside it in the same row, and the field
itself reads the active language's text, or the English where there is no Spanish.

A quote is not translated here: it stays verbatim in English, and its Spanish translation
(``Excerpt.quote_es``) is shown beside it, marked as a translation. Which texts are ready in
Spanish, and whether a module is offered in Spanish: ``translations.py``."""

from modeltranslation.translator import TranslationOptions, register

from .models import Choice, Department, Failure, Module, Question, Slot

# The fields each content model translates, in the order check_content reports them.
TRANSLATED: dict[type, tuple[str, ...]] = {
    Module: ("title", "summary", "briefing", "objectives"),
    Slot: ("objective", "teaching_point"),
    Question: ("prompt", "role", "explanation"),
    Choice: ("text", "feedback"),
    Failure: ("title", "description"),
    Department: ("name",),
}


@register(Module)
class ModuleTexts(TranslationOptions):
    fields = TRANSLATED[Module]


@register(Slot)
class SlotTexts(TranslationOptions):
    fields = TRANSLATED[Slot]


@register(Question)
class QuestionTexts(TranslationOptions):
    fields = TRANSLATED[Question]


@register(Choice)
class ChoiceTexts(TranslationOptions):
    fields = TRANSLATED[Choice]


@register(Failure)
class FailureTexts(TranslationOptions):
    fields = TRANSLATED[Failure]


@register(Department)
class DepartmentTexts(TranslationOptions):
    fields = TRANSLATED[Department]
