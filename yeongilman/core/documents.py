"""The one check of an uploaded document (application files, appeals, signed agreements, stand
brochures, pipeline documents): its type by name *and* first bytes, its size, not empty.
Pictures have their own, stricter path (core.images: decoded, cleaned, thumbnails)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from django.utils.translation import gettext as _

from yeongilman.core.errors import ValidationFailed

_OLE = b"\xd0\xcf\x11\xe0"  # Office 97-2003 and HWP 5 files
_ZIP = b"PK\x03\x04"  # Office Open XML, HWPX, ZIP
# The bytes each type's files begin with.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "hwp": (_OLE,),
    "hwpx": (_ZIP,),
    "doc": (_OLE,),
    "xls": (_OLE,),
    "ppt": (_OLE,),
    "docx": (_ZIP,),
    "xlsx": (_ZIP,),
    "pptx": (_ZIP,),
    "zip": (_ZIP,),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG",),
    "gif": (b"GIF87a", b"GIF89a"),
}
# Plain text types: their first bytes must read as UTF-8 (a binary file renamed .txt does not).
TEXT_TYPES = frozenset({"txt", "csv", "md"})
# The only types a document may have: those whose content is checked (first bytes or text).
# A type outside them would be believed by its name alone, so none is accepted, whatever a
# call's form or a caller allows.
CHECKED_TYPES = frozenset(SIGNATURES) | TEXT_TYPES
OFFICE_TYPES = ("pdf", "hwp", "hwpx", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "jpg", "png")


@dataclass(frozen=True)
class Document:
    """An upload that passed the check: its file name (no folders), type and size in bytes."""

    name: str
    kind: str
    size: int


def _size(upload: IO[bytes]) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(0)
    return int(size or 0)


def _head(upload: IO[bytes], length: int = 4096) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def _reads_as_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:  # a character cut at the end of the sample is fine
        return error.start >= len(head) - 3
    return b"\x00" not in head


def check_document(
    upload: IO[bytes], *, field: str, allowed: Iterable[str], max_mb: int
) -> Document:
    """The upload as a `Document`, or ValidationFailed naming `field` with the reason in the
    reader's terms: a type not allowed (and which are), larger than `max_mb`, empty, or content
    that is not what its name says (a renamed file). Types whose content cannot be checked
    (outside CHECKED_TYPES) are never accepted, even where `allowed` names them."""
    allowed = [t for t in (kind.lower().lstrip(".") for kind in allowed) if t in CHECKED_TYPES]
    name = PurePosixPath(str(getattr(upload, "name", "") or "")).name[:200]
    kind = PurePosixPath(name).suffix.lower().lstrip(".")
    if kind not in allowed:
        raise ValidationFailed(
            _("Files of type %(type)s are not accepted here; allowed: %(allowed)s.")
            % {"type": kind or "?", "allowed": ", ".join(allowed) or "-"},
            field_errors={field: [_("Not an allowed file type.")]},
        )
    size = _size(upload)
    if size > max_mb * 1024 * 1024:
        raise ValidationFailed(
            _("The file is larger than %(mb)s MB.") % {"mb": max_mb},
            field_errors={field: [_("The file is too large.")]},
        )
    if not size:
        raise ValidationFailed(_("The file is empty."), field_errors={field: [_("Empty file.")]})
    head = _head(upload)
    signatures = SIGNATURES.get(kind)
    mismatched = (signatures is not None and not head.startswith(signatures)) or (
        kind in TEXT_TYPES and not _reads_as_text(head)
    )
    if mismatched:
        raise ValidationFailed(
            _("%(name)s is not a %(type)s file.") % {"name": name, "type": kind.upper()},
            field_errors={field: [_("The file's content does not match its type.")]},
        )
    return Document(name=name, kind=kind, size=size)
