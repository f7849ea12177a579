"""The address a production's crew join with, for the instructor pages that hand it out."""

from typing import Any

from django import template

from safetyquiz.crews.models import Production
from safetyquiz.crews.views.join import join_link

register = template.Library()


@register.simple_tag(takes_context=True)
def join_url(context: dict[str, Any], production: Production) -> str:
    return join_link(context["request"], production.join_code)
