"""Pictures that members upload (logos, covers, photos, product images): checked, cleaned and
stored with their thumbnails in the public media folder.

An upload is refused unless it is a JPEG, PNG or WebP within the byte limit whose header
claims no more pixels than the pixel limit; the header is read before anything is decoded,
so a small file that would unpack into gigabytes (a decompression bomb) never is. What is
kept is re-encoded from the pixels alone: EXIF (camera, GPS position, time), XMP and text
chunks are gone, and the EXIF orientation is applied first so the picture stands upright.
"""

from __future__ import annotations

import io
import re
import secrets
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from yeongilman.core.errors import ValidationFailed

# Pillow format name → (file extension, content type). Anything else is refused: GIF
# (animations, palette bombs), SVG (scripts), TIFF, BMP, HEIC, PSD and the rest.
FORMATS: dict[str, tuple[str, str]] = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
ACCEPT = "image/jpeg,image/png,image/webp"  # the file inputs' accept attribute


@dataclass(frozen=True)
class Shape:
    """How one kind of picture is kept: the kept copy fits in `largest`×`largest`; each
    thumbnail is made for a box (width, height), filled and cropped (`crop`) or fitted inside."""

    folder: str
    largest: int
    boxes: tuple[tuple[int, int], ...]
    crop: bool

    def box(self, width: int) -> tuple[int, int]:
        """The thumbnail box of this width."""
        for box in self.boxes:
            if box[0] == width:
                return box
        raise KeyError(width)


LOGO = Shape(folder="logos", largest=1024, boxes=((96, 96), (480, 480)), crop=False)
COVER = Shape(folder="covers", largest=2400, boxes=((480, 160), (1440, 480)), crop=True)
PHOTO = Shape(folder="photos", largest=1024, boxes=((96, 96), (480, 480)), crop=True)
PRODUCT = Shape(folder="products", largest=1600, boxes=((96, 96), (480, 480)), crop=False)
SHAPES = {s.folder: s for s in (LOGO, COVER, PHOTO, PRODUCT)}


@dataclass
class PreparedImage:
    """A checked picture re-encoded without metadata, with its thumbnails, ready to store."""

    extension: str
    content_type: str
    width: int
    height: int
    data: bytes
    thumbnails: dict[int, bytes] = field(default_factory=dict)


def _refuse(field_name: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={field_name: [message]})


def _open_checked(upload: IO[bytes], field_name: str) -> tuple[Image.Image, str]:
    """Open the upload, reading only its header, and refuse formats and pixel counts."""
    with warnings.catch_warnings():
        # Pillow warns above its own limit and raises above twice it: both are refusals.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload, formats=list(FORMATS))
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise _refuse(field_name, _too_many_pixels()) from exc
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise _refuse(field_name, _wrong_type()) from exc
    if image.format not in FORMATS:
        raise _refuse(field_name, _wrong_type())
    width, height = image.size
    if width < 1 or height < 1:
        raise _refuse(field_name, _damaged())
    if width * height > settings.YV_IMAGE_MAX_PIXELS:
        raise _refuse(field_name, _too_many_pixels())
    return image, image.format


def _wrong_type() -> str:
    return _("Upload a JPEG, PNG or WebP picture.")


def _damaged() -> str:
    return _("This picture could not be read; it may be damaged. Save it again and upload it.")


def _too_many_pixels() -> str:
    return _(
        "This picture has too many pixels (at most %(megapixels)s million). Make it smaller."
    ) % {"megapixels": f"{settings.YV_IMAGE_MAX_PIXELS / 1_000_000:g}"}


def _normalised_mode(image: Image.Image, file_format: str) -> Image.Image:
    """Modes the encoders write as-is: RGB or L for JPEG, RGB(A)/L(A) for PNG and WebP."""
    if file_format == "JPEG":
        return image if image.mode in ("RGB", "L") else image.convert("RGB")
    if image.mode in ("RGB", "RGBA", "L", "LA"):
        return image
    has_alpha = "transparency" in image.info or image.mode in ("PA", "RGBa", "La")
    return image.convert("RGBA" if has_alpha else "RGB")


def _encode(image: Image.Image, file_format: str, icc: bytes | None) -> bytes:
    out = io.BytesIO()
    options: dict[str, Any] = {}
    if icc:
        options["icc_profile"] = icc  # colours, not personal data: kept so they stay true
    if file_format == "JPEG":
        options.update(quality=85, optimize=True, progressive=True)
    elif file_format == "PNG":
        options.update(optimize=True)
    else:
        options.update(quality=85, method=4)
    image.save(out, format=file_format, **options)
    return out.getvalue()


def prepare_image(upload: IO[bytes], *, shape: Shape, field_name: str) -> PreparedImage:
    """Check an upload and re-encode it with its thumbnails; raise ValidationFailed naming
    `field_name` with a message a person can act on."""
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if not size:
        raise _refuse(field_name, _("The file is empty."))
    if size > settings.YV_IMAGE_MAX_BYTES:
        raise _refuse(
            field_name,
            _("This picture is larger than %(megabytes)s MB. Make it smaller and upload it again.")
            % {"megabytes": f"{settings.YV_IMAGE_MAX_BYTES / 1024 / 1024:g}"},
        )
    upload.seek(0)
    image, file_format = _open_checked(upload, field_name)
    try:
        image.verify()  # structure and checksums, without decoding the pixels
        upload.seek(0)
        image, file_format = _open_checked(upload, field_name)  # verify() spends the image
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
    except ValidationFailed:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise _refuse(field_name, _too_many_pixels()) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:  # truncated or corrupt
        raise _refuse(field_name, _damaged()) from exc
    icc = image.info.get("icc_profile")
    upright = ImageOps.exif_transpose(image)  # turn by the EXIF orientation, then drop it
    upright = _normalised_mode(upright, file_format)
    upright.info = {}  # no EXIF, XMP, comments or text chunks in anything written
    upright.thumbnail((shape.largest, shape.largest), Image.Resampling.LANCZOS)
    extension, content_type = FORMATS[file_format]
    prepared = PreparedImage(
        extension=extension,
        content_type=content_type,
        width=upright.width,
        height=upright.height,
        data=_encode(upright, file_format, icc),
    )
    for box in shape.boxes:
        if shape.crop:
            thumb = ImageOps.fit(upright, box, Image.Resampling.LANCZOS)
        else:
            thumb = upright.copy()
            thumb.thumbnail(box, Image.Resampling.LANCZOS)
        prepared.thumbnails[box[0]] = _encode(thumb, file_format, icc)
    return prepared


def thumbnail_name(name: str, width: int) -> str:
    """Where the thumbnail of this width lives beside the original ('a/b.png' → 'a/b-96.png')."""
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{width}{path.suffix}"))


def image_save(prepared: PreparedImage, *, shape: Shape) -> str:
    """Write the picture and its thumbnails under a fresh unguessable name; return the name.
    A new name per upload, so a replaced picture is never served from a cache."""
    stem = f"images/{shape.folder}/{secrets.token_hex(10)}"
    name = default_storage.save(f"{stem}.{prepared.extension}", ContentFile(prepared.data))
    for width, data in prepared.thumbnails.items():
        default_storage.save(thumbnail_name(name, width), ContentFile(data))
    return name


def image_delete(name: str, *, shape: Shape) -> None:
    """Delete a stored picture and its thumbnails (missing files are no error)."""
    if not name:
        return
    for path in [name, *(thumbnail_name(name, box[0]) for box in shape.boxes)]:
        default_storage.delete(path)


def delete_on_commit(names: Iterable[str], *, shape: Shape) -> None:
    """Delete replaced or removed pictures once the change is committed (a rolled-back change
    keeps them, since the row still names them)."""
    kept = [n for n in names if n]

    def delete() -> None:
        for name in kept:
            image_delete(name, shape=shape)

    if kept:
        transaction.on_commit(delete)


def image_bytes(file: FieldFile) -> bytes | None:
    """The stored original's bytes (a person's data copy includes their photo)."""
    if not file.name:
        return None
    try:
        with default_storage.open(file.name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def thumbnail_url(file: FieldFile | str, width: int) -> str:
    """The address of a stored picture's thumbnail of this width ('' without a picture)."""
    name = file if isinstance(file, str) else file.name
    if not name:
        return ""
    return default_storage.url(thumbnail_name(name, width))


def initials(name: str) -> str:
    """Up to two letters for a name: 'Graphene Square' → 'GS', 'Midbar' → 'M', '포스텍' → '포스'."""
    words = [w for w in re.split(r"[\s\-·()（）,.&]+", name or "") if w]
    if not words:
        return "?"
    if not words[0][0].isascii():
        return words[0][:2]  # two Hangul syllables read as a short name
    if len(words) > 1 and words[1][0].isascii():
        return (words[0][0] + words[1][0]).upper()
    return words[0][0].upper()
