"""Checks on uploaded pictures: formats, bytes, pixels before decoding, metadata, orientation."""

from __future__ import annotations

import io
import struct
import zlib
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from yeongilman.core import images
from yeongilman.core.errors import ValidationFailed


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def picture(fmt: str = "PNG", size: tuple[int, int] = (200, 100), **save: object) -> bytes:
    """A small picture in a format, with a gradient so encoders have something to keep."""
    image = Image.new("RGB", size, (200, 40, 40))
    for x in range(0, size[0], 10):
        image.putpixel((x, 0), (0, 0, 255))
    out = io.BytesIO()
    image.save(out, format=fmt, **save)
    return out.getvalue()


def upload(data: bytes, name: str = "logo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def png_header_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims width×height but carries a few bytes of pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_accepted_in_their_own_format(fmt: str) -> None:
    prepared = images.prepare_image(upload(picture(fmt)), shape=images.LOGO, field_name="logo")
    assert prepared.extension == images.FORMATS[fmt][0]
    assert (prepared.width, prepared.height) == (200, 100)
    assert Image.open(io.BytesIO(prepared.data)).format == fmt


def test_thumbnails_fit_their_boxes_or_fill_them_when_cropped() -> None:
    data = picture("PNG", (1000, 500))
    logo = images.prepare_image(upload(data), shape=images.LOGO, field_name="logo")
    assert Image.open(io.BytesIO(logo.thumbnails[96])).size == (96, 48)  # fitted, aspect kept
    assert Image.open(io.BytesIO(logo.thumbnails[480])).size == (480, 240)
    photo = images.prepare_image(upload(data), shape=images.PHOTO, field_name="photo")
    assert Image.open(io.BytesIO(photo.thumbnails[96])).size == (96, 96)  # cropped square
    cover = images.prepare_image(upload(data), shape=images.COVER, field_name="cover")
    assert Image.open(io.BytesIO(cover.thumbnails[1440])).size == (1440, 480)


def test_the_kept_copy_is_scaled_down_to_the_largest_side() -> None:
    prepared = images.prepare_image(
        upload(picture("JPEG", (3000, 1500))), shape=images.LOGO, field_name="logo"
    )
    assert (prepared.width, prepared.height) == (1024, 512)


@pytest.mark.parametrize(
    "data",
    [
        picture("GIF"),
        picture("BMP"),
        picture("TIFF"),
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"%PDF-1.7 not a picture",
    ],
    ids=["gif", "bmp", "tiff", "svg", "pdf"],
)
def test_other_types_are_refused_with_the_field_named(data: bytes) -> None:
    with pytest.raises(ValidationFailed) as caught:
        images.prepare_image(upload(data, "logo.png"), shape=images.LOGO, field_name="logo")
    assert caught.value.field_errors == {"logo": ["Upload a JPEG, PNG or WebP picture."]}


def test_a_file_over_the_byte_limit_is_refused_before_it_is_opened(settings) -> None:
    settings.YV_IMAGE_MAX_BYTES = 1000
    data = picture("PNG", (400, 400), compress_level=0)
    assert len(data) > 1000
    with (
        mock.patch.object(images.Image, "open") as opened,
        pytest.raises(ValidationFailed) as caught,
    ):
        images.prepare_image(upload(data), shape=images.LOGO, field_name="logo")
    assert "larger than" in caught.value.field_errors["logo"][0]
    opened.assert_not_called()


def test_a_header_claiming_too_many_pixels_is_refused_without_decoding() -> None:
    bomb = png_header_claiming(30_000, 30_000)
    assert len(bomb) < 200
    with mock.patch.object(Image.Image, "load") as load, pytest.raises(ValidationFailed) as caught:
        images.prepare_image(upload(bomb), shape=images.LOGO, field_name="logo")
    assert "too many pixels" in caught.value.field_errors["logo"][0]
    load.assert_not_called()


def test_the_pixel_limit_is_a_setting(settings) -> None:
    settings.YV_IMAGE_MAX_PIXELS = 100 * 100
    with pytest.raises(ValidationFailed):
        images.prepare_image(upload(picture("PNG", (101, 100))), shape=images.LOGO, field_name="x")
    images.prepare_image(upload(picture("PNG", (100, 100))), shape=images.LOGO, field_name="x")


def test_pillows_own_bomb_warning_is_a_refusal(settings, monkeypatch) -> None:
    settings.YV_IMAGE_MAX_PIXELS = 10**9  # ours would let it through; Pillow's must not
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100 * 100)
    with pytest.raises(ValidationFailed) as caught:
        images.prepare_image(upload(picture("PNG", (150, 100))), shape=images.LOGO, field_name="x")
    assert "too many pixels" in caught.value.field_errors["x"][0]


def test_a_truncated_picture_is_refused_as_damaged() -> None:
    data = picture("JPEG", (400, 300))
    with pytest.raises(ValidationFailed) as caught:
        images.prepare_image(upload(data[: len(data) // 2]), shape=images.LOGO, field_name="logo")
    assert "could not be read" in caught.value.field_errors["logo"][0]


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationFailed) as caught:
        images.prepare_image(upload(b""), shape=images.LOGO, field_name="logo")
    assert caught.value.field_errors == {"logo": ["The file is empty."]}


def _exif_with_gps(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (36.0, 1.0, 10.0), 3: "E", 4: (129.0, 22.0, 5.0)}  # GPS IFD
    return exif


def test_exif_and_gps_are_stripped_and_orientation_applied() -> None:
    # 200×100 stored, orientation 6 ("turn 90° clockwise to view"): upright it is 100×200.
    data = picture("JPEG", (200, 100), exif=_exif_with_gps(6).tobytes())
    assert Image.open(io.BytesIO(data)).getexif().get(0x0112) == 6
    prepared = images.prepare_image(upload(data, "me.jpg"), shape=images.PHOTO, field_name="photo")
    assert (prepared.width, prepared.height) == (100, 200)
    for blob in [prepared.data, *prepared.thumbnails.values()]:
        kept = Image.open(io.BytesIO(blob))
        assert not kept.getexif()
        assert "exif" not in kept.info and "xmp" not in kept.info
        assert b"PhoneMaker" not in blob


def test_png_text_chunks_are_dropped() -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Hong Gildong, 010-1234-5678")
    data = picture("PNG", pnginfo=info)
    prepared = images.prepare_image(upload(data), shape=images.LOGO, field_name="logo")
    assert b"Hong Gildong" not in prepared.data
    assert Image.open(io.BytesIO(prepared.data)).info.get("Author") is None


def test_transparency_survives_in_png_and_palette_pictures_are_converted() -> None:
    image = Image.new("P", (50, 50), 0)
    image.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    out = io.BytesIO()
    image.save(out, format="PNG", transparency=0)
    prepared = images.prepare_image(upload(out.getvalue()), shape=images.LOGO, field_name="logo")
    kept = Image.open(io.BytesIO(prepared.data))
    corner = kept.getpixel((0, 0))
    assert kept.mode == "RGBA" and isinstance(corner, tuple) and corner[3] == 0


def test_a_cmyk_jpeg_is_kept_as_rgb() -> None:
    out = io.BytesIO()
    Image.new("CMYK", (40, 40), (0, 100, 100, 0)).save(out, format="JPEG")
    prepared = images.prepare_image(upload(out.getvalue()), shape=images.LOGO, field_name="logo")
    assert Image.open(io.BytesIO(prepared.data)).mode == "RGB"


def test_stored_pictures_have_thumbnails_beside_them_and_are_deleted_together() -> None:
    prepared = images.prepare_image(upload(picture("PNG")), shape=images.LOGO, field_name="logo")
    name = images.image_save(prepared, shape=images.LOGO)
    assert name.startswith("images/logos/") and name.endswith(".png")
    for width in (96, 480):
        assert default_storage.exists(images.thumbnail_name(name, width))
    assert images.thumbnail_url(name, 96) == "/media/" + name.replace(".png", "-96.png")
    images.image_delete(name, shape=images.LOGO)
    assert not default_storage.exists(name)
    assert not default_storage.exists(images.thumbnail_name(name, 96))


def test_thumbnail_names_sit_beside_the_original() -> None:
    assert images.thumbnail_name("images/logos/abc.png", 96) == "images/logos/abc-96.png"
    assert images.thumbnail_url("", 96) == ""
