"""QR pictures of registration codes, drawn locally with segno (no service, no network)."""

from __future__ import annotations

import io

import segno

from yeongilman.events.codes import code_for
from yeongilman.events.models import Registration
from yeongilman.outbox.services import Attachment


def qr_svg(code: str, *, scale: int = 4, title: str = "") -> str:
    """An inline <svg> element of the code (no XML declaration), for pages."""
    qr = segno.make(code, error="m")
    return str(qr.svg_inline(scale=scale, title=title or None, border=2, omitsize=True))


def qr_png(code: str, *, scale: int = 6) -> bytes:
    """A PNG of the code, for mail and downloads."""
    out = io.BytesIO()
    segno.make(code, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


def check_in_qr_attachment(registration: Registration) -> Attachment:
    """The registration's QR code as a PNG to attach to its confirmation mail."""
    return Attachment("check-in-code.png", qr_png(code_for(registration)), "image/png")
