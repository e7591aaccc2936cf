"""Every upload of a document goes through one check: type by name and first bytes, size, not
empty; the refusal names the field and says why in the reader's terms."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yeongilman.core.documents import check_document
from yeongilman.core.errors import ValidationFailed

PDF = b"%PDF-1.7\n..."


def _refusal(name: str, content: bytes, allowed=("pdf",), max_mb: int = 1) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as caught:
        check_document(
            SimpleUploadedFile(name, content), field="file", allowed=allowed, max_mb=max_mb
        )
    return caught.value


def test_a_pdf_passes_with_its_name_type_and_size(english):
    document = check_document(
        SimpleUploadedFile("folder/../신청서.pdf", PDF), field="file", allowed=["pdf"], max_mb=1
    )
    assert (document.name, document.kind, document.size) == ("신청서.pdf", "pdf", len(PDF))


def test_a_type_not_allowed_says_which_are(english):
    refused = _refusal("notes.docx", b"PK\x03\x04", allowed=("pdf", "hwp"))
    assert refused.message == "Files of type docx are not accepted here; allowed: pdf, hwp."
    assert refused.field_errors == {"file": ["Not an allowed file type."]}


def test_a_renamed_file_is_refused_by_its_first_bytes(english):
    refused = _refusal("contract.pdf", b"\x89PNG\r\n\x1a\nimage")
    assert refused.message == "contract.pdf is not a PDF file."


def test_a_binary_file_renamed_as_text_is_refused(english):
    refused = _refusal("list.csv", b"\x00\x01\x02binary", allowed=("csv",))
    assert refused.message == "list.csv is not a CSV file."
    assert check_document(
        SimpleUploadedFile("list.csv", "이름,도시\n포항,KR\n".encode()),
        field="file", allowed=["csv"], max_mb=1,
    ).kind == "csv"  # fmt: skip


def test_empty_and_too_large_files_are_refused(english):
    assert _refusal("empty.pdf", b"").message == "The file is empty."
    big = PDF + b"0" * (1024 * 1024)
    assert _refusal("big.pdf", big).message == "The file is larger than 1 MB."


def test_office_and_hwp_files_are_known_by_their_containers(english):
    for name, head in [("a.hwp", b"\xd0\xcf\x11\xe0"), ("a.hwpx", b"PK\x03\x04"),
                       ("a.xlsx", b"PK\x03\x04"), ("a.jpg", b"\xff\xd8\xff\xe0")]:  # fmt: skip
        kind = name.rsplit(".", 1)[1]
        assert (
            check_document(
                SimpleUploadedFile(name, head + b"rest"), field="f", allowed=[kind], max_mb=1
            ).kind
            == kind
        )
    assert (
        _refusal("a.hwp", b"PK\x03\x04rest", allowed=("hwp",)).message == "a.hwp is not a HWP file."
    )
