"""Logos, covers and photos through the directory's services and pages: who may upload,
replacing and removing (old files gone after the commit), consent for photos, the data copy."""

from __future__ import annotations

import base64
import io
import json

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from tests.conftest import login
from yeongilman.core import images
from yeongilman.core.errors import PermissionDenied, ValidationFailed
from yeongilman.directory import services
from yeongilman.privacy import services as privacy


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def png(colour: str = "red", size: tuple[int, int] = (120, 120), name: str = "p.png"):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def stored(name: str) -> bool:
    return bool(name) and default_storage.exists(name)


def test_member_uploads_a_logo_with_its_thumbnails(member, battery_startup):
    services.organisation_update(
        actor=member, organisation=battery_startup, values={}, pictures={"logo": png()}
    )
    battery_startup.refresh_from_db()
    name = battery_startup.logo.name
    assert name.startswith("images/logos/") and stored(name)
    assert stored(images.thumbnail_name(name, 96)) and stored(images.thumbnail_name(name, 480))


def _files() -> int:
    return len(default_storage.listdir("images/logos")[1]) if stored("images/logos") else 0


def test_non_member_cannot_upload_and_nothing_changes(other_member, battery_startup):
    version, files = battery_startup.version, _files()
    with pytest.raises(PermissionDenied):
        services.organisation_update(
            actor=other_member, organisation=battery_startup, values={}, pictures={"logo": png()}
        )
    battery_startup.refresh_from_db()
    assert battery_startup.logo.name == "" and battery_startup.version == version
    assert _files() == files  # nothing written


def test_replacing_a_logo_deletes_the_old_files_after_the_commit(
    member, battery_startup, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_update(
            actor=member, organisation=battery_startup, values={}, pictures={"logo": png()}
        )
    old = battery_startup.logo.name
    with django_capture_on_commit_callbacks(execute=False) as pending:
        services.organisation_update(
            actor=member, organisation=battery_startup, values={}, pictures={"logo": png("blue")}
        )
    assert stored(old)  # not before the commit
    for callback in pending:
        callback()
    new = battery_startup.logo.name
    assert new != old and stored(new)
    assert not stored(old) and not stored(images.thumbnail_name(old, 96))


def test_removing_the_cover_deletes_it(member, battery_startup, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_update(
            actor=member,
            organisation=battery_startup,
            values={},
            pictures={"cover": png(size=(900, 300))},
        )
    old = battery_startup.cover.name
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_update(
            actor=member, organisation=battery_startup, values={}, pictures={"cover": None}
        )
    battery_startup.refresh_from_db()
    assert battery_startup.cover.name == "" and not stored(old)


def test_a_bad_picture_is_named_with_the_other_errors_and_nothing_is_saved(member, battery_startup):
    bad = SimpleUploadedFile("logo.gif", b"GIF89a not really", content_type="image/gif")
    with pytest.raises(ValidationFailed) as caught:
        services.organisation_update(
            actor=member,
            organisation=battery_startup,
            values={"name_ko": "", "name_en": ""},
            pictures={"logo": bad},
        )
    assert caught.value.field_errors["logo"] == ["Upload a JPEG, PNG or WebP picture."]
    assert "name_ko" in caught.value.field_errors
    battery_startup.refresh_from_db()
    assert battery_startup.logo.name == "" and battery_startup.name_ko


def test_edit_page_keeps_what_was_typed_when_the_picture_is_refused(
    client, member, battery_startup
):
    login(client, member)
    url = f"/en/directory/o/{battery_startup.slug}/edit/"
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "industries"}
    data.update(description_en="Typed before the bad picture", tags="", version=1)
    data["logo"] = SimpleUploadedFile("x.svg", b"<svg/>", content_type="image/svg+xml")
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Typed before the bad picture" in body
    assert "Upload a JPEG, PNG or WebP picture." in body
    battery_startup.refresh_from_db()
    assert battery_startup.description_en != "Typed before the bad picture"


def test_directory_card_and_profile_show_the_logo_with_alt_text(client, member, battery_startup):
    services.organisation_update(
        actor=member, organisation=battery_startup, values={}, pictures={"logo": png()}
    )
    thumb = images.thumbnail_url(battery_startup.logo.name, 96)
    listing = client.get("/en/directory/").content.decode()
    assert f'src="{thumb}"' in listing
    assert f'alt="Logo of {battery_startup.name.primary}"' in listing
    assert 'loading="lazy"' in listing and 'width="56" height="56"' in listing
    profile = client.get(f"/en/directory/o/{battery_startup.slug}/").content.decode()
    assert images.thumbnail_url(battery_startup.logo.name, 480) in profile


def test_without_a_logo_the_card_shows_initials_hidden_from_screen_readers(client, battery_startup):
    html = client.get("/en/directory/").content.decode()
    assert 'class="pic pic-initials pic-56' in html and 'aria-hidden="true"' in html


def test_a_photo_needs_the_persons_consent(member, consenting_person):
    with pytest.raises(ValidationFailed) as caught:
        services.person_update(actor=member, person=consenting_person, values={}, photo=png())
    assert "photo_consent" in caught.value.field_errors
    consenting_person.refresh_from_db()
    assert consenting_person.photo.name == ""


def test_consent_is_recorded_and_withdrawing_it_deletes_the_photo(
    member, consenting_person, django_capture_on_commit_callbacks
):
    services.person_update(
        actor=member, person=consenting_person, values={"photo_consent": True}, photo=png()
    )
    consenting_person.refresh_from_db()
    name = consenting_person.photo.name
    assert stored(name) and consenting_person.photo_consent_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        services.person_update(
            actor=member, person=consenting_person, values={"photo_consent": False}
        )
    consenting_person.refresh_from_db()
    assert consenting_person.photo.name == "" and consenting_person.photo_consent_at is None
    assert not stored(name)


def test_non_member_cannot_set_a_persons_photo(other_member, consenting_person):
    with pytest.raises(PermissionDenied):
        services.person_update(
            actor=other_member,
            person=consenting_person,
            values={"photo_consent": True},
            photo=png(),
        )
    consenting_person.refresh_from_db()
    assert consenting_person.photo.name == "" and not consenting_person.photo_consent


def test_the_photo_is_shown_beside_the_name_on_the_profile(
    client, member, consenting_person, battery_startup
):
    services.person_update(
        actor=member, person=consenting_person, values={"photo_consent": True}, photo=png()
    )
    html = client.get(f"/en/directory/o/{battery_startup.slug}/").content.decode()
    assert images.thumbnail_url(consenting_person.photo.name, 96) in html


def test_a_persons_photo_is_in_their_data_copy_and_deleted_with_their_account(
    member, consenting_person, django_capture_on_commit_callbacks
):
    consenting_person.user = member
    consenting_person.save(update_fields=["user"])
    services.person_update(
        actor=member, person=consenting_person, values={"photo_consent": True}, photo=png()
    )
    consenting_person.refresh_from_db()
    name = consenting_person.photo.name
    content, _type, _name = privacy.personal_data_export(user=member, file_format="json")
    copy = json.loads(content)
    assert [p["file"] for p in copy["photos"]] == [name]
    photo = copy["photos"][0]
    assert photo["content_type"] == "image/png"
    assert Image.open(io.BytesIO(base64.b64decode(photo["base64"]))).size == (120, 120)
    with django_capture_on_commit_callbacks(execute=True):
        privacy.account_delete(user=member, confirm_email=member.email)
    # Their directory entry goes with the account (it identifies them), and its photo file.
    assert not type(consenting_person).objects.filter(pk=consenting_person.pk).exists()
    assert not stored(name)


def test_the_api_gives_the_logos_addresses_and_null_without_one(client, member, battery_startup):
    assert client.get(f"/api/v1/organisations/{battery_startup.pk}").json()["logo"] is None
    services.organisation_update(
        actor=member, organisation=battery_startup, values={}, pictures={"logo": png()}
    )
    logo = client.get(f"/api/v1/organisations/{battery_startup.pk}").json()["logo"]
    assert set(logo["thumbnails"]) == {"96", "480"}
    for address in (logo["url"], *logo["thumbnails"].values()):
        name = address.removeprefix(settings.MEDIA_URL)
        assert name.startswith("images/logos/") and stored(name)
