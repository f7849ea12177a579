"""Password help for accounts without email: one-time sign-in links that an instructor makes
for a member of their production, and the throttle on resets by email where email is set up.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from axes.utils import reset as axes_reset
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from safetyquiz.names import display_name

from .models import Membership, PasswordResetRequest, Production, ProductionEvent, SignInLink
from .services import Refused, log

LINK_LIFETIME = timedelta(days=1)
# Resets by email: at most this many an hour for one address, and from one client address.
RESETS_PER_EMAIL = 3
RESETS_PER_IP = 10

logger = logging.getLogger(__name__)


def token_hash(token: str) -> str:
    """The token's SHA-256: 256 random bits need no slow hash, and a stolen table holds no
    working link."""
    return hashlib.sha256(token.encode()).hexdigest()


def may_get_a_link(*, production: Production, user: User, actor: User) -> str:
    """Why the actor may not make a sign-in link for the user, or "" when they may.

    A link signs in as its holder, so it must never hand over more than the actor holds:
    never for an admin, never for oneself, never for someone who supervises a production
    the actor does not."""
    if user.pk == actor.pk:
        return "This is your own account: change your password from the sign-in page instead."
    if user.is_staff or user.is_superuser:
        return f"{display_name(user)} is an admin: an admin resets their password in the admin."
    if actor.is_staff:
        return ""
    theirs = set(
        Membership.objects.active()
        .filter(user=user, role=Membership.Role.INSTRUCTOR)
        .values_list("production_id", flat=True)
    )
    mine = set(
        Membership.objects.active()
        .filter(user=actor, role=Membership.Role.INSTRUCTOR)
        .values_list("production_id", flat=True)
    )
    if theirs - mine:
        return (
            f"{display_name(user)} supervises a production you do not: "
            "ask an admin to make their link."
        )
    return ""


@transaction.atomic
def sign_in_link_create(*, production: Production, user: User, actor: User) -> str:
    """A new link's token (shown once, never stored); any earlier unused link of the user
    stops working."""
    if reason := may_get_a_link(production=production, user=user, actor=actor):
        raise Refused(reason)
    now = timezone.now()
    SignInLink.objects.filter(user=user, used_at=None, expires_at__gt=now).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    SignInLink.objects.create(
        user=user,
        production=production,
        created_by=actor,
        token_hash=token_hash(token),
        created_at=now,
        expires_at=now + LINK_LIFETIME,
    )
    log(
        production=production,
        actor=actor,
        kind=ProductionEvent.Kind.SIGN_IN_LINK,
        summary=f"Made a one-time sign-in link for {display_name(user)} (valid for a day).",
        member=user,
    )
    return token


def usable_link(token: str) -> SignInLink | None:
    """The link for the token if it can still be used: unused, within its day, and its holder
    still a member of the production it was made for."""
    link = (
        SignInLink.objects.filter(
            token_hash=token_hash(token), used_at=None, expires_at__gt=timezone.now()
        )
        .select_related("user", "production")
        .first()
    )
    if link is None:
        return None
    still_member = (
        Membership.objects.active().filter(production=link.production, user=link.user).exists()
    )
    return link if still_member else None


@dataclass(frozen=True)
class Redeemed:
    user: User


@transaction.atomic
def sign_in_link_redeem(*, token: str, password: str) -> Redeemed | None:
    """Set the password through the link and use it up; clear the account's sign-in lockout.
    None when the link is no longer usable (used a moment ago in another tab, expired)."""
    link = usable_link(token)
    if link is None:
        return None
    claimed = SignInLink.objects.filter(pk=link.pk, used_at=None).update(used_at=timezone.now())
    if not claimed:
        return None
    link.user.set_password(password)
    link.user.save(update_fields=["password"])
    axes_reset(username=link.user.get_username())
    logger.info("sign-in link %s used by user %s", link.pk, link.user.pk)
    return Redeemed(link.user)


def reset_allowed(*, email: str, ip: str | None) -> bool:
    """Record a request for a reset by email; False when the address or the client has asked
    too often in the last hour."""
    hour_ago = timezone.now() - timedelta(hours=1)
    recent = PasswordResetRequest.objects.filter(requested_at__gte=hour_ago)
    email_hash = token_hash(email.strip().lower())
    if recent.filter(email_hash=email_hash).count() >= RESETS_PER_EMAIL:
        logger.warning("password reset refused: too many for one address within the hour")
        return False
    if ip and recent.filter(ip=ip).count() >= RESETS_PER_IP:
        logger.warning("password reset refused: too many from one client within the hour")
        return False
    PasswordResetRequest.objects.create(email_hash=email_hash, ip=ip)
    PasswordResetRequest.objects.filter(requested_at__lt=hour_ago).delete()
    return True
