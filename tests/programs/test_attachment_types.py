"""A call's file questions accept only types whose content the one document check reads:
an attachment is never believed by its file name alone."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yeongilman.core.documents import check_document
from yeongilman.core.errors import ValidationFailed
from yeongilman.programs.models import ApplicationFile, FormField
from yeongilman.programs.services import applications as app_services
from yeongilman.programs.services import calls as call_services

SCRIPT = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"


def test_a_file_question_refuses_types_whose_content_cannot_be_checked(operator, ces_call, english):
    before = FormField.objects.filter(call=ces_call).count()
    with pytest.raises(ValidationFailed) as caught:
        call_services.field_add(
            actor=operator, call=ces_call, key="logo", kind="file", label_en="Logo",
            allowed_types=["png", "svg", ".EXE"], max_size_mb=1,
        )  # fmt: skip
    (message,) = caught.value.field_errors["allowed_types"]
    assert message.startswith("Files of type exe, svg cannot be checked by their content;")
    assert FormField.objects.filter(call=ces_call).count() == before


def test_an_unchecked_type_kept_on_an_old_question_still_takes_no_file(
    member, ces_call, battery_startup, english
):
    FormField.objects.filter(call=ces_call, key="deck").update(allowed_types=["pdf", "svg"])
    application = app_services.application_start(
        actor=member, call=ces_call, organisation=battery_startup
    )
    with pytest.raises(ValidationFailed) as caught:
        app_services.application_upload(
            actor=member, application=application, field_key="deck",
            upload=SimpleUploadedFile("deck.svg", SCRIPT, content_type="image/svg+xml"),
        )  # fmt: skip
    assert caught.value.message == "Files of type svg are not accepted here; allowed: pdf."
    assert not ApplicationFile.objects.filter(application=application).exists()


def test_the_document_check_accepts_no_type_by_name_alone(english):
    with pytest.raises(ValidationFailed) as caught:
        check_document(
            SimpleUploadedFile("run.exe", b"MZ\x90\x00"), field="file", allowed=["exe"], max_mb=1
        )
    assert caught.value.message == "Files of type exe are not accepted here; allowed: -."
