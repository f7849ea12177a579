"""The language switch on every page, signed in or not."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from safetyquiz import languages

from ..languages import language_choose


@require_POST
def switch(request: HttpRequest) -> HttpResponse:
    """Django's ``set_language`` (the cookie, then back to ``next`` when it is this site's),
    with the choice saved on the account of someone signed in."""
    language = languages.offered(request.POST.get("language"))
    if language is None:
        return HttpResponseBadRequest(_("That language is not offered: choose English or Español."))
    language_choose(request, language)
    return set_language(request)
