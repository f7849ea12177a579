from django import template
from django.contrib.auth.models import User

register = template.Library()


@register.filter
def display_name(user: User) -> str:
    """How a person is named on a page: their full name, or their username without one."""
    return user.get_full_name() or user.get_username()
