from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

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
    assert client.get(f"/certificates/{certificate.code[:-1]}x/").status_code == 404


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
