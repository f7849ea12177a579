"""The certificate pages: the public check, the printed sheet with its QR code, the
learner's list."""

from datetime import timedelta
from typing import Any

import pytest
import segno
from django.utils import timezone

from safetyquiz.crews.qr import qr_svg
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(db: None) -> Any:
    user = factories.UserFactory(first_name="Casey", last_name="Rivera", email="casey@example.com")
    return factories.CertificateFactory(
        attempt__user=user, attempt__module__title="Cold is a claim"
    )


def test_public_check_says_valid_with_name_module_and_dates_only(
    client: Any, certificate: Any
) -> None:
    response = client.get(f"/certificates/{certificate.code}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Certificate: valid" in body
    assert "Casey Rivera" in body and "Cold is a claim" in body
    assert certificate.expires_on.strftime("%Y") in body
    assert "casey@example.com" not in body and "100" not in body  # no contact details, no score


def test_public_check_says_expired(client: Any, certificate: Any) -> None:
    certificate.expires_on = timezone.localdate() - timedelta(days=1)
    certificate.save()
    assert (
        "Certificate: expired" in client.get(f"/certificates/{certificate.code}/").content.decode()
    )


def test_public_check_says_revoked(client: Any, certificate: Any) -> None:
    certificate.revoked_at = timezone.now()
    certificate.save()
    assert (
        "Certificate: revoked" in client.get(f"/certificates/{certificate.code}/").content.decode()
    )


def test_unknown_code_is_404(client: Any, certificate: Any) -> None:
    other = "y" if certificate.code.endswith("x") else "x"  # never the code itself
    response = client.get(f"/certificates/{certificate.code[:-1]}{other}/")
    assert response.status_code == 404
    assert "No certificate with this code" in response.content.decode()
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_the_check_page_explains_what_it_confirms_and_is_not_indexed(
    client: Any, certificate: Any
) -> None:
    factories.MembershipFactory(user=certificate.user, production__name="Dust Devil")
    left = factories.MembershipFactory(user=certificate.user, production__name="Old Show")
    left.left_at = timezone.now()
    left.save()
    response = client.get(f"/certificates/{certificate.code}/")
    body = response.content.decode()
    assert (
        '<meta name="robots" content="noindex">' in body and response["X-Robots-Tag"] == "noindex"
    )
    assert "What this page confirms" in body and "does not confirm anyone" in body


def test_the_check_page_names_no_production_and_is_never_cached(
    client: Any, certificate: Any
) -> None:
    factories.MembershipFactory(user=certificate.user, production__name="Unannounced Show")
    response = client.get(f"/certificates/{certificate.code}/")
    body = response.content.decode()
    assert "Unannounced Show" not in body and "Production" not in body
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= control


def test_the_print_view_has_a_qr_code_of_the_check_address_and_a_print_button(
    client: Any, certificate: Any
) -> None:
    client.force_login(certificate.user)
    body = client.get(f"/certificates/{certificate.code}/print/").content.decode()
    check_url = f"http://testserver/certificates/{certificate.code}/"
    assert '<svg viewBox="0 0 ' in body and 'class="qr"' in body and check_url in body
    assert "<title>QR code of the certificate" in body
    assert "data-print hidden" in body  # shown by app.js; no inline script
    assert "<script>" not in body and " style=" not in body


def test_the_qr_code_encodes_the_address() -> None:
    svg = qr_svg("https://quiz.example.com/certificates/abc/", "QR")
    expected = segno.make("https://quiz.example.com/certificates/abc/", error="m")
    assert svg == expected.svg_inline(scale=1, border=4, omitsize=True, title="QR", svgclass="qr")
    assert svg != qr_svg("https://quiz.example.com/certificates/abd/", "QR")


def test_my_certificates_lists_only_my_own(client: Any, certificate: Any) -> None:
    other = factories.CertificateFactory(attempt__module__title="Someone else's module")
    client.force_login(certificate.user)
    body = client.get("/certificates/").content.decode()
    assert "Cold is a claim" in body and other.module.title not in body


def test_print_view_is_for_the_holder_only(client: Any, certificate: Any) -> None:
    client.force_login(certificate.user)
    assert (
        "This certifies that"
        in client.get(f"/certificates/{certificate.code}/print/").content.decode()
    )
    client.force_login(factories.UserFactory())
    assert client.get(f"/certificates/{certificate.code}/print/").status_code == 404


def test_module_status_is_passed_then_expired(client: Any, certificate: Any) -> None:
    client.force_login(certificate.user)
    assert "certificate valid until" in client.get("/modules/").content.decode()
    certificate.expires_on = timezone.localdate() - timedelta(days=1)
    certificate.save()
    assert "Expired" in client.get("/modules/").content.decode()
