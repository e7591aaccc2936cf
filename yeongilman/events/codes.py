"""Signed registration codes: what a badge's QR code and the check-in desk's text field carry.

A code is ``YV1.<registration id>.<signature>``: the HMAC (Django's signer, keyed by
SECRET_KEY with this module's salt) makes it unguessable, and it needs no stored token, so a
badge printed offline stays valid. Whether the registration may still be admitted (cancelled,
declined) is decided by the caller from the registration's status, not by the code.
"""

from __future__ import annotations

from django.core import signing
from django.utils.translation import gettext as _

from yeongilman.core.errors import ValidationFailed
from yeongilman.events.models import Registration

PREFIX = "YV1"
_SALT = "yeongilman.onsite.registration-code"


def code_for(registration: Registration) -> str:
    """The signed code for this registration (stable: the same registration, the same code)."""
    signer = signing.Signer(salt=_SALT, sep=".")
    return f"{PREFIX}.{signer.sign(str(registration.pk))}"


def registration_id_from_code(code: str) -> int:
    """The registration id a code was signed for; ValidationFailed if tampered or foreign."""
    text = (code or "").strip()
    prefix, _sep, signed = text.partition(".")
    if prefix != PREFIX or not signed:
        raise ValidationFailed(
            _("This is not a Yeongilman Valley registration code."),
            field_errors={"code": [_("This is not a Yeongilman Valley registration code.")]},
        )
    try:
        value = signing.Signer(salt=_SALT, sep=".").unsign(signed)
    except signing.BadSignature:
        raise ValidationFailed(
            _("This code has been altered or was not issued by this platform."),
            field_errors={
                "code": [_("This code has been altered or was not issued by this platform.")]
            },
        ) from None
    return int(value)
