"""A language's name from its code, as the records that say the language taken show it."""

from django import template

from safetyquiz import languages

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """ "es" -> "Español": a language is named in itself, as the switch names it."""
    return languages.name(code)
