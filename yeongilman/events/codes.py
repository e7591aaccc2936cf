"""Signed registration codes: what a badge's QR code and the check-in desk's text field carry.

A code is ``YV1.<registration id>.<signature>``: the HMAC (Django's signer, keyed by
SECRET_KEY with this module's salt) makes it unguessable, and it needs no stored token, so a
badge printed offline stays valid. Whether the registration may still be admitted (cancelled,
declined) is decided by the caller from the registration's status, not by the code.

Beside the QR, a badge and the confirmation mail carry a short code to type at the desk
(``K7M-4PQ2``: seven characters of an alphabet without 0/O, 1/I/L, unique within the event),
stored on the registration when first needed (`short_code_for`).
"""

from __future__ import annotations

import re
import secrets

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from yeongilman.core.errors import ValidationFailed
from yeongilman.events.models import Registration

PREFIX = "YV1"
_SALT = "yeongilman.onsite.registration-code"
# No 0/O, 1/I/L: nothing a reader can take for another character.
SHORT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SHORT_LENGTH = 7
_SHORT_SHAPE = re.compile(f"[{SHORT_ALPHABET}]{{{SHORT_LENGTH}}}")


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
        # Almost always a typing slip or a code cut short, rarely anything worse.
        message = _(
            "This code does not read correctly: a character is probably mistyped or missing. "
            "Scan or type it again, or look the person up by name."
        )
        raise ValidationFailed(message, field_errors={"code": [message]}) from None
    return int(value)


def short_code_for(registration: Registration) -> str:
    """The registration's short desk code, issued (unique within its event) on first use."""
    if registration.short_code:
        return registration.short_code
    for _attempt in range(20):
        candidate = "".join(secrets.choice(SHORT_ALPHABET) for _i in range(SHORT_LENGTH))
        try:
            with transaction.atomic():
                Registration.objects.filter(pk=registration.pk, short_code="").update(
                    short_code=candidate
                )
        except IntegrityError:  # another registration of the event has it: draw again
            continue
        registration.short_code = Registration.objects.values_list("short_code", flat=True).get(
            pk=registration.pk
        )
        return registration.short_code
    raise RuntimeError("no free short code after 20 draws")  # 31**7 codes: never in practice


def short_code_shown(code: str) -> str:
    """A short code as printed, in two groups: ``K7M-4PQ2``."""
    return f"{code[:3]}-{code[3:]}" if len(code) == SHORT_LENGTH else code


def short_code_typed(text: str) -> str:
    """The short code someone typed (any case, with spaces or a dash), or "" when the text
    is not shaped like one."""
    compact = re.sub(r"[\s\-]", "", text or "").upper()
    return compact if _SHORT_SHAPE.fullmatch(compact) else ""


def is_signed_code(text: str) -> bool:
    """True when the text is meant as a signed code (it starts with the prefix)."""
    return (text or "").strip().startswith(PREFIX + ".")
