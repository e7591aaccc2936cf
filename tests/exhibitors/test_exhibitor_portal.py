"""The exhibitor portal: a stand's members manage its booth, text, products, team and
brochures; operators see what each stand lacks, remind it, and upload the floor plan."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.conftest import login
from tests.factories import make_organisation, make_user
from yeongilman.core.errors import PermissionDenied, ValidationFailed
from yeongilman.events.models import Exhibitor
from yeongilman.exhibitors import services as xs
from yeongilman.exhibitors.models import ExhibitorDocument, ExhibitorProduct
from yeongilman.exhibitors.selectors import completeness, completeness_table
from yeongilman.outbox.models import Mail


def png(size: tuple[int, int] = (200, 150)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, "green").save(out, format="PNG")
    return SimpleUploadedFile("product.png", out.getvalue())


def png_header_claiming(width: int, height: int) -> SimpleUploadedFile:
    """A tiny PNG whose header claims width×height pixels (a decompression bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
    return SimpleUploadedFile("bomb.png", data + chunk(b"IEND", b""))


def pdf(name: str = "brochure.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def test_member_sets_booth_hall_zone_and_text_in_both_languages(member, stand):
    xs.exhibitor_profile_update(
        actor=member, exhibitor=stand,
        values={"booth": " A-12 ", "hall": "North Hall", "zone": "Eureka Park",
                "description_ko": "이차전지 재활용", "description_en": "Battery recycling"},
    )  # fmt: skip
    stand.refresh_from_db()
    assert (stand.booth, stand.hall, stand.zone) == ("A-12", "North Hall", "Eureka Park")
    assert (stand.description_ko, stand.description_en) == ("이차전지 재활용", "Battery recycling")


def test_other_organisation_cannot_change_the_stand(other_member, stand):
    with pytest.raises(PermissionDenied):
        xs.exhibitor_profile_update(actor=other_member, exhibitor=stand, values={"booth": "Z-1"})
    stand.refresh_from_db()
    assert stand.booth == ""


def test_product_with_a_picture_keeps_thumbnails_and_its_name(member, stand):
    product = xs.product_create(
        actor=member, exhibitor=stand, values={"name_ko": "양극재", "name_en": "Cathode"},
        image=png(),
    )  # fmt: skip
    assert default_storage.exists(product.image.name)
    assert default_storage.exists(product.image.name.replace(".png", "-96.png"))
    assert list(stand.items.values_list("name_en", flat=True)) == ["Cathode"]


def test_product_needs_a_name_in_one_language(member, stand):
    with pytest.raises(ValidationFailed) as caught:
        xs.product_create(actor=member, exhibitor=stand, values={"description_en": "x"})
    assert "name_ko" in caught.value.field_errors
    assert not ExhibitorProduct.objects.exists()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("product.png", b"<svg onload=alert(1)></svg>"),
        png_header_claiming(30_000, 30_000),
    ],
    ids=["not-an-image", "decompression-bomb"],
)
def test_product_picture_that_is_not_a_safe_image_is_refused(member, stand, upload):
    with pytest.raises(ValidationFailed) as caught:
        xs.product_create(actor=member, exhibitor=stand, values={"name_en": "Cells"}, image=upload)
    assert "image" in caught.value.field_errors
    assert not ExhibitorProduct.objects.exists()


def test_product_picture_above_the_byte_limit_is_refused(member, stand, settings):
    settings.YV_IMAGE_MAX_BYTES = 1000
    with pytest.raises(ValidationFailed):
        xs.product_create(
            actor=member, exhibitor=stand, values={"name_en": "Cells"}, image=png((600, 600))
        )
    assert not ExhibitorProduct.objects.exists()


def test_replacing_a_product_picture_deletes_the_old_files_after_commit(
    member, stand, django_capture_on_commit_callbacks
):
    product = xs.product_create(
        actor=member, exhibitor=stand, values={"name_en": "Cells"}, image=png()
    )
    old = product.image.name
    with django_capture_on_commit_callbacks(execute=True):
        xs.product_update(actor=member, product=product, values={}, image=png((300, 300)))
    assert not default_storage.exists(old) and default_storage.exists(product.image.name)


def test_team_is_made_of_the_organisations_members_only(member, other_member, stand):
    xs.team_set(actor=member, exhibitor=stand, user_ids={member.pk})
    assert list(stand.team.all()) == [member]
    with pytest.raises(ValidationFailed):
        xs.team_set(actor=member, exhibitor=stand, user_ids={member.pk, other_member.pk})
    assert list(stand.team.all()) == [member]


def test_brochure_must_be_a_pdf_by_its_content(member, stand):
    document = xs.document_add(actor=member, exhibitor=stand, title="Catalogue", upload=pdf())
    assert document.size > 0 and default_storage.exists(document.file.name)
    with pytest.raises(ValidationFailed) as caught:
        xs.document_add(
            actor=member, exhibitor=stand, title="Fake",
            upload=SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf"),
        )  # fmt: skip
    assert "file" in caught.value.field_errors
    assert ExhibitorDocument.objects.count() == 1


def test_brochure_above_ten_megabytes_is_refused(member, stand):
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationFailed):
        xs.document_add(actor=member, exhibitor=stand, title="Big", upload=big)
    assert not ExhibitorDocument.objects.exists()


def test_anyone_downloads_a_brochure_of_a_published_event(client, member, stand):
    document = xs.document_add(actor=member, exhibitor=stand, title="Catalogue", upload=pdf())
    url = f"/en/events/{stand.event.slug}/stands/{stand.pk}/documents/{document.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_completeness_names_what_each_stand_lacks(member, stand, exhibition, pittsburgh_lab):
    assert completeness(stand) == ["booth", "products", "korean", "english"]
    xs.exhibitor_profile_update(
        actor=member, exhibitor=stand,
        values={"booth": "A-1", "description_ko": "배터리", "description_en": "Batteries"},
    )  # fmt: skip
    xs.product_create(actor=member, exhibitor=stand, values={"name_ko": "셀"})
    stand = Exhibitor.objects.prefetch_related("items").get(pk=stand.pk)
    assert completeness(stand) == ["english"]  # the product has no English name
    other = Exhibitor.objects.create(
        event=exhibition, organisation=pittsburgh_lab, booth="B-2", products="Robots",
        description_ko="로봇", description_en="Robots",
    )  # fmt: skip
    rows = completeness_table(exhibition)
    assert [(r.exhibitor.pk, r.missing) for r in rows] == [(stand.pk, ["english"]), (other.pk, [])]


def test_operator_reminds_incomplete_stands_in_each_members_language(
    operator, member, stand, exhibition, pittsburgh_lab, django_capture_on_commit_callbacks
):
    done = Exhibitor.objects.create(
        event=exhibition, organisation=pittsburgh_lab, booth="B-2", products="Robots",
        description_ko="로봇", description_en="Robots",
    )  # fmt: skip
    count = xs.exhibitors_remind(
        actor=operator, event=exhibition, exhibitor_ids=None, site="https://yv.example"
    )
    assert count == 1
    mail = Mail.objects.get()
    assert mail.user == member and mail.language == "ko"  # 김회원 reads Korean
    assert f"https://yv.example/ko/events/{exhibition.slug}/stands/{stand.pk}/" in mail.body
    stand.refresh_from_db()
    done.refresh_from_db()
    assert stand.reminded_at is not None and done.reminded_at is None


def test_members_cannot_send_reminders(member, exhibition, stand):
    with pytest.raises(PermissionDenied):
        xs.exhibitors_remind(actor=member, event=exhibition, exhibitor_ids=None)
    assert not Mail.objects.exists()


def test_floor_plan_needs_a_description_and_is_shown_with_it(client, operator, exhibition):
    with pytest.raises(ValidationFailed):
        xs.floor_plan_set(actor=operator, event=exhibition, image=png((800, 500)))
    xs.floor_plan_set(
        actor=operator, event=exhibition, image=png((800, 500)), alt_en="Hall map: A-1 to A-30"
    )
    html = client.get(f"/en/events/{exhibition.slug}/").content.decode()
    assert 'alt="Hall map: A-1 to A-30"' in html and "-1440.png" in html


def test_members_cannot_upload_the_floor_plan(member, exhibition):
    with pytest.raises(PermissionDenied):
        xs.floor_plan_set(actor=member, event=exhibition, image=png(), alt_en="Map")
    exhibition.refresh_from_db()
    assert not exhibition.floor_plan


def test_public_page_lists_stands_with_booth_products_and_pictures(
    client, member, stand, django_assert_max_num_queries
):
    xs.exhibitor_profile_update(actor=member, exhibitor=stand, values={"booth": "A-12"})
    xs.product_create(actor=member, exhibitor=stand, values={"name_en": "Cathode"}, image=png())
    with django_assert_max_num_queries(20):
        html = client.get(f"/en/events/{stand.event.slug}/").content.decode()
    assert "Booth A-12" in html and 'alt="Cathode"' in html
    assert "Manage your stand" not in html  # visitors get no portal link
    html = login(client, member).get(f"/en/events/{stand.event.slug}/").content.decode()
    assert f"/en/events/{stand.event.slug}/stands/{stand.pk}/" in html


def test_portal_page_saves_the_profile_form(client, member, stand):
    url = f"/en/events/{stand.event.slug}/stands/{stand.pk}/"
    response = login(client, member).post(
        url,
        {"booth": "C-3", "hall": "West", "zone": "", "description_ko": "", "description_en": "EV"},
    )
    assert response.status_code == 302
    stand.refresh_from_db()
    assert (stand.booth, stand.hall, stand.description_en) == ("C-3", "West", "EV")


def test_portal_page_refuses_another_organisation(client, other_member, stand):
    url = f"/en/events/{stand.event.slug}/stands/{stand.pk}/"
    assert login(client, other_member).post(url, {"booth": "X"}).status_code == 403
    stand.refresh_from_db()
    assert stand.booth == ""


def test_product_page_uploads_a_picture(client, member, stand):
    url = f"/en/events/{stand.event.slug}/stands/{stand.pk}/products/new/"
    response = login(client, member).post(url, {"name_en": "Cells", "image": png()})
    assert response.status_code == 302
    assert stand.items.get().image.name.startswith("images/products/")


def test_an_editor_who_is_not_a_member_sees_no_portal(client, stand):
    stranger = make_user("stranger@example.org")
    url = f"/en/events/{stand.event.slug}/stands/{stand.pk}/"
    assert login(client, stranger).get(url).status_code == 403


def test_operator_table_reads_every_stand_in_a_fixed_number_of_queries(
    client, operator, exhibition, django_assert_max_num_queries
):
    for n in range(8):
        organisation = make_organisation(operator, name_en=f"Stand Co {n}")
        stand = Exhibitor.objects.create(event=exhibition, organisation=organisation)
        xs.product_create(actor=operator, exhibitor=stand, values={"name_en": f"Thing {n}"})
    c = login(client, operator)
    with django_assert_max_num_queries(16):
        response = c.get(f"/en/events/{exhibition.slug}/exhibitors/")
    assert response.status_code == 200
    assert response.content.decode().count('class="incomplete"') == 8
