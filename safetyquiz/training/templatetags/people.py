from django import template
from django.contrib.auth.models import User

from safetyquiz.names import display_name

register = template.Library()


@register.filter(name="display_name")
def display_name_filter(user: User) -> str:
    """How a person is named on a page: their full name, or their username without one."""
    return display_name(user)
