"""The certificate pages: the learner's list, and each certificate's public check page and
printed sheet. The printed sheet names the productions the holder belongs to, so crews
serves them."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from safetyquiz.http import AuthedHttpRequest, HtmxHttpRequest
from safetyquiz.training import selectors

from ..qr import qr_svg
from ..selectors import holder_productions


@never_cache
@require_GET
def certificate_check(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """Anyone with the code: the holder's name, the module, the dates and the state, and
    nothing more (not the productions they are on). Never kept by a cache, so a revocation
    shows at once."""
    certificate = selectors.certificate_by_code(code).first()
    if certificate is None:
        return render(request, "crews/certificate_missing.html", status=404)
    response = render(request, "crews/certificate_check.html", {"certificate": certificate})
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_GET
def certificate_print(request: AuthedHttpRequest, code: str) -> HttpResponse:
    certificate = get_object_or_404(selectors.certificate_by_code(code).filter(user=request.user))
    check_url = request.build_absolute_uri(certificate.get_absolute_url())
    context = {
        "certificate": certificate,
        "check_url": check_url,
        "qr": qr_svg(check_url, gettext("QR code of the certificate's check address")),
        "productions": holder_productions(certificate.user),
    }
    return render(request, "crews/certificate_print.html", context)


@login_required
@require_GET
def my_certificates(request: AuthedHttpRequest) -> HttpResponse:
    certificates = selectors.user_certificates(request.user)
    return render(request, "crews/my_certificates.html", {"certificates": certificates})
