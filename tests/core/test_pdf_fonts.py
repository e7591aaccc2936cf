"""Single badges and agendas are quick: the Korean font is cut once per installation to
Hangul, Latin and punctuation, and a document whose text the cut covers uses it."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import translation
from pypdf import PdfReader

from yeongilman.core import pdf as core_pdf
from yeongilman.core.warm import FIRST_PAGES, warm_pages, warm_process
from yeongilman.events.models import Event
from yeongilman.onsite.printing import pdf as printing_pdf
from yeongilman.onsite.printing.data import Badge

# A small cut keeps the test quick; the real one holds every Hangul syllable.
SMALL = ((0x20, 0x7E), (0xB7, 0xB7), (0x2013, 0x2013), (0xAC00, 0xAC00), (0xAE40, 0xAE40),
         (0xBBFC, 0xBBFC), (0xC900, 0xC900), (0xC2A4, 0xC2A4), (0xD018, 0xD018),
         (0xC5B4, 0xC5B4), (0xD3EC, 0xD3EC), (0xD56D, 0xD56D), (0xAD00, 0xAD00),
         (0xC0C1, 0xC0C1), (0xB2F4, 0xB2F4), (0xD68C, 0xD68C), (0xCC38, 0xCC38),
         (0xC790, 0xC790), (0xADF8, 0xADF8), (0xB798, 0xB798), (0xD540, 0xD540),
         (0xB300, 0xB300), (0xD45C, 0xD45C), (0xC0AC, 0xC0AC))  # fmt: skip


@pytest.fixture
def cut(settings, tmp_path, monkeypatch):
    settings.DATA_DIR = str(tmp_path)
    monkeypatch.setattr(core_pdf, "PREPARED_RANGES", SMALL)
    core_pdf._characters.cache_clear()
    yield core_pdf.prepared_font_path()
    core_pdf._characters.cache_clear()


def _badge_pdf(name_ko: str) -> bytes:
    start = datetime(2027, 1, 6, 17, tzinfo=UTC)
    event = Event(slug="x", title_en="CES 2027", time_zone="America/Los_Angeles",
                  starts_at=start, ends_at=start + timedelta(hours=8))  # fmt: skip
    badge = Badge(name_ko, "Kim Min-jun", "", "participant", "YV1.1.code", "ko")
    with translation.override("ko"):
        return printing_pdf.badges_pdf(event, [badge], "a6")


def _text(data: bytes) -> str:
    return PdfReader(io.BytesIO(data)).pages[0].extract_text().replace("\x00", "")


def test_the_server_start_has_the_cut_made_beside_it_once(cut, monkeypatch):
    started: list[list[str]] = []

    class Recorder:
        def __init__(self, args: list[str], **_kwargs: object) -> None:
            started.append(args)

    monkeypatch.setattr(core_pdf.subprocess, "Popen", Recorder)
    warm_process()
    assert [args[-2:] for args in started] == [[str(core_pdf.settings.BASE_DIR / "manage.py"),
                                                "prepare_pdf_font"]]  # fmt: skip
    call_command("prepare_pdf_font", stdout=io.StringIO())  # what that process does
    assert cut.is_file() and cut.parent.name == "fonts"
    made = cut.stat().st_mtime_ns
    warm_process()  # a later start reads the cut, never makes it again
    call_command("prepare_pdf_font", stdout=io.StringIO())
    assert len(started) == 1 and cut.stat().st_mtime_ns == made


def test_a_deployment_that_prepares_the_font_itself_starts_nothing(cut, monkeypatch, settings):
    settings.YV_PDF_FONT_PREPARE = False
    started: list[object] = []
    monkeypatch.setattr(core_pdf.subprocess, "Popen", lambda *a, **k: started.append(a))
    warm_process()
    assert started == [] and not cut.is_file()


def test_a_badge_uses_the_cut(cut):
    core_pdf.prepare_korean_font()
    data = _badge_pdf("김민준")
    assert core_pdf.font_for(["김민준 Kim Min-jun"]) == (cut, 0)
    assert "김민준" in _text(data)
    assert cut.stat().st_size < core_pdf.korean_font().stat().st_size / 10


def test_a_name_the_cut_lacks_is_printed_with_the_whole_font(cut):
    core_pdf.prepare_korean_font()
    whole = core_pdf.korean_font()
    assert core_pdf.font_for(["金敏俊"]) == (whole, core_pdf.face_number(whole))
    assert core_pdf.font_for(["김민준", "Ångström"]) == (whole, core_pdf.face_number(whole))
    data = _badge_pdf("金敏俊")
    assert "金敏俊" in _text(data)


def test_without_the_cut_badges_still_print_with_the_whole_font(cut):
    whole = core_pdf.korean_font()
    assert core_pdf.font_for(["김민준"]) == (whole, core_pdf.face_number(whole))
    assert "김민준" in _text(_badge_pdf("김민준"))


def test_a_new_worker_serves_the_first_pages_once_before_people_come(db):
    assert warm_pages() == dict.fromkeys(FIRST_PAGES, 200)
