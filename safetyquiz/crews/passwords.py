"""Password help for accounts without email: one-time sign-in links that an instructor makes
for a member of their production, and the throttle on resets by email where email is set up.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac

from safetyquiz.names import display_name

from . import outbox
from .models import Membership, PasswordResetRequest, Production, ProductionEvent, SignInLink
from .services import Refused, log, sign_in_links_end
from .throttle import forget_failures

LINK_LIFETIME = timedelta(days=1)
# Resets by email: at most this many an hour for one address, and from one client address.
RESETS_PER_EMAIL = 3
RESETS_PER_IP = 10

logger = logging.getLogger(__name__)


def token_hash(token: str) -> str:
    """The token's SHA-256: 256 random bits need no slow hash, and a stolen table holds no
    working link."""
    return hashlib.sha256(token.encode()).hexdigest()


def holder_state(user: User) -> str:
    """What a link is bound to besides its holder: their password, their last sign-in and
    their admin flags. A change to any (a new password however it was set, a sign-in, a
    promotion to the admin) ends the link for good."""
    value = (
        f"{user.pk}|{user.password}|{user.last_login}|{user.is_active}|{user.is_staff}"
        f"|{user.is_superuser}"
    )
    return salted_hmac(__name__, value, algorithm="sha256").hexdigest()


def may_hold_a_link(*, production: Production, user: User) -> str:
    """Why the user may not hold a sign-in link made through this production, or "" when
    they may. A link signs in as its holder, so only crew hold one: never an admin, never
    an instructor of any production, and only a member of the production that made it.
    Asked when a link is made and again when it is used."""
    if user.is_staff or user.is_superuser:
        return f"{display_name(user)} is an admin: an admin resets their password in the admin."
    memberships = Membership.objects.active().filter(user=user)
    if memberships.filter(role=Membership.Role.INSTRUCTOR).exists():
        return (
            f"{display_name(user)} is an instructor: an instructor's password is reset by "
            "email or by an admin."
        )
    if not memberships.filter(production=production, role=Membership.Role.CREW).exists():
        return f"{display_name(user)} is not on {production.name}'s crew."
    return ""


def may_get_a_link(*, production: Production, user: User, actor: User) -> str:
    """Why the actor may not make a sign-in link for the user, or "" when they may."""
    if user.pk == actor.pk:
        return "This is your own account: change your password from the sign-in page instead."
    return may_hold_a_link(production=production, user=user)


class LinkStillWorks(Refused):
    """The member already has a working link that the instructor did not say to replace: a
    form sent twice (a reload, a double tap), or a link made meanwhile by someone else."""

    def __init__(self, link: SignInLink) -> None:
        super().__init__("A sign-in link made earlier still works: nothing was changed.")
        self.link = link


def live_link(user: User) -> SignInLink | None:
    """The user's working link, if any: made, not used, within its day, for the holder as
    they still are (a link whose holder changed since works no more)."""
    link = (
        SignInLink.objects.filter(user=user, used_at=None, expires_at__gt=timezone.now())
        .select_related("created_by")
        .first()
    )
    return link if link is not None and link.holder_state == holder_state(user) else None


@transaction.atomic
def sign_in_link_create(
    *, production: Production, user: User, actor: User, replacing: int | None = None
) -> str:
    """A new link's token (shown once, never stored). A working link of the user is
    replaced (it stops working) only when ``replacing`` names it: making a link when one
    works, or replacing one that is no longer the working one, changes nothing. The user is
    told (on their next page, and by email where it is set up)."""
    if reason := may_get_a_link(production=production, user=user, actor=actor):
        raise Refused(reason)
    User.objects.select_for_update().filter(pk=user.pk).first()  # one change at a time
    now = timezone.now()
    working = live_link(user)
    if working is not None and working.pk != replacing:
        raise LinkStillWorks(working)
    sign_in_links_end(user=user, now=now)
    token = secrets.token_urlsafe(32)
    SignInLink.objects.create(
        user=user,
        production=production,
        created_by=actor,
        token_hash=token_hash(token),
        holder_state=holder_state(user),
        created_at=now,
        expires_at=now + LINK_LIFETIME,
    )
    said = "Replaced the sign-in link of" if working else "Made a one-time sign-in link for"
    log(
        production=production,
        actor=actor,
        kind=ProductionEvent.Kind.SIGN_IN_LINK,
        summary=f"{said} {display_name(user)} (valid for a day).",
        member=user,
    )
    if settings.SAFETYQUIZ_EMAIL_ENABLED and user.email:
        message = render_to_string(
            "registration/sign_in_link_made_email.txt",
            {"member": user, "actor": actor, "production": production, "at": now},
        )
        email = EmailMessage("A sign-in link was made for your account", message, to=[user.email])
        transaction.on_commit(lambda: outbox.send_later([email]))
    return token


def usable_link(token: str) -> SignInLink | None:
    """The link for the token if it can still be used: unused, within its day, made for the
    holder as they still are (same password, no sign-in since, no admin flag changed), and
    the holder still someone who may hold a link from that production."""
    if len(token) > 100:
        return None
    link = (
        SignInLink.objects.filter(
            token_hash=token_hash(token), used_at=None, expires_at__gt=timezone.now()
        )
        .select_related("user", "production")
        .first()
    )
    if link is None or link.holder_state != holder_state(link.user):
        return None
    return None if may_hold_a_link(production=link.production, user=link.user) else link


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
    forget_failures(link.user.get_username())
    logger.info("sign-in link %s used by user %s", link.pk, link.user.pk)
    return Redeemed(link.user)


@dataclass(frozen=True)
class LinkNotice:
    """A live sign-in link made for the signed-in user, for the line on their pages."""

    made_at: datetime
    made_by: str
    production: str


def link_notice(user: User, link_id: int | None) -> LinkNotice | None:
    """What to tell the user of the live link ``link_id`` made for them (one query), or None
    when it no longer works."""
    if link_id is None:
        return None
    link = SignInLink.objects.select_related("created_by", "production").filter(pk=link_id).first()
    if link is None or link.holder_state != holder_state(user):
        return None
    maker = display_name(link.created_by) if link.created_by else "Someone"
    return LinkNotice(link.created_at, maker, link.production.name)


def sign_in_links_ended_by_holder(*, user: User) -> int:
    """The holder ends every live link made for them (they did not ask for it)."""
    return sign_in_links_end(user=user, now=timezone.now())


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
