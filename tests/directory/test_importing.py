"""CSV/XLSX import: bad rows reported by line and reason while good rows land; upserts; dry run."""

import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from yeongilman.core.errors import PermissionDenied, ValidationFailed
from yeongilman.directory.importing import import_organisations
from yeongilman.directory.models import Organisation

HEADER = (
    "kind,name_ko,name_en,industries,city,country,website,business_number,published,founded_year\n"
)


def _csv(*rows: str) -> bytes:
    return (HEADER + "".join(r + "\n" for r in rows)).encode("utf-8")


def test_bad_row_is_reported_with_line_and_reason_and_good_rows_land(operator):
    data = _csv(
        "startup,포항배터리,Pohang Battery,battery,Pohang,KR,https://pb.example.kr,,yes,2020",
        "spaceship,나쁜행,Bad Row,battery,Pohang,KR,,,yes,2020",
        "university,,Steel Institute,materials;이차전지,Pohang,KR,https://si.example.kr,,yes,1990",
    )
    report = import_organisations(actor=operator, filename="orgs.csv", data=data, dry_run=False)
    assert report.created == 2
    assert [(e.line, e.column) for e in report.errors] == [(3, "kind")]
    assert "spaceship" in report.errors[0].message
    assert set(Organisation.objects.values_list("name_en", flat=True)) == {
        "Pohang Battery",
        "Steel Institute",
    }
    institute = Organisation.objects.get(name_en="Steel Institute")
    assert sorted(i.code for i in institute.industries.all()) == ["battery", "materials"]


def test_every_problem_of_a_row_is_listed(operator):
    data = _csv("startup,,,unknown-industry,Pohang,KOR,not a url,12,maybe,twenty")
    report = import_organisations(actor=operator, filename="x.csv", data=data, dry_run=False)
    columns = {e.column for e in report.errors}
    assert {"name_ko", "industries", "published", "founded_year"} <= columns
    assert {e.line for e in report.errors} == {2}
    assert not Organisation.objects.exists()


def test_dry_run_reports_changes_without_saving(operator):
    data = _csv(
        "startup,포항배터리,Pohang Battery,battery,Pohang,KR,https://pb.example.kr,,yes,2020"
    )
    report = import_organisations(actor=operator, filename="x.csv", data=data, dry_run=True)
    assert report.created == 1 and report.dry_run
    assert not Organisation.objects.exists()


def test_rows_upsert_by_website_domain_then_business_number(operator):
    first = _csv(
        "startup,포항배터리,Pohang Battery,battery,Pohang,KR,https://pb.example.kr,,yes,2020",
        "startup,수소랩,Hydrogen Lab,hydrogen,Pohang,KR,,123-45-67890,yes,2021",
    )
    import_organisations(actor=operator, filename="x.csv", data=first, dry_run=False)
    second = _csv(
        "startup,포항배터리,Pohang Battery Co.,battery,Pohang,KR,http://www.pb.example.kr/,,yes,2020",
        "startup,수소랩,Hydrogen Lab,hydrogen,Pohang,KR,,1234567890,yes,2021",
    )
    report = import_organisations(actor=operator, filename="x.csv", data=second, dry_run=False)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert report.changes[0].fields == ["name_en", "website"]
    assert Organisation.objects.count() == 2
    assert Organisation.objects.filter(name_en="Pohang Battery Co.").exists()


def test_same_organisation_twice_in_a_file_is_an_error_on_the_second_line(operator):
    data = _csv(
        "startup,A,A,,Pohang,KR,https://a.example.kr,,yes,",
        "startup,A2,A2,,Pohang,KR,https://a.example.kr,,yes,",
    )
    with translation.override("en"):
        report = import_organisations(actor=operator, filename="x.csv", data=data, dry_run=False)
    assert report.created == 1
    assert report.errors[0].line == 3 and "line 2" in report.errors[0].message


def test_multiline_cells_keep_the_right_line_numbers(operator):
    data = b'kind,name_en,description_en\nstartup,Good,"two\nlines"\nrobot,Bad,x\n'
    report = import_organisations(actor=operator, filename="x.csv", data=data, dry_run=False)
    assert [e.line for e in report.errors] == [4]


def test_korean_excel_csv_in_cp949_is_read(operator):
    data = "kind,name_ko\nstartup,포항바이오\n".encode("cp949")
    report = import_organisations(actor=operator, filename="x.csv", data=data, dry_run=False)
    assert report.created == 1
    assert Organisation.objects.get().name_ko == "포항바이오"


def test_xlsx_import_reports_row_numbers(operator):
    book = Workbook()
    sheet = book.active
    sheet.append(["kind", "name_en", "employees"])
    sheet.append(["investor", "Steel City Ventures", 12])
    sheet.append(["investor", "Broken Ventures", "many"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = import_organisations(
        actor=operator, filename="orgs.xlsx", data=buffer.getvalue(), dry_run=False
    )
    assert report.created == 1
    assert [(e.line, e.column) for e in report.errors] == [(3, "employees")]
    assert Organisation.objects.get().employees == 12


def test_a_file_without_the_kind_column_is_refused(operator):
    with pytest.raises(ValidationFailed):
        import_organisations(actor=operator, filename="x.csv", data=b"name\nA\n", dry_run=False)


def test_garbage_xlsx_is_a_clear_error(operator):
    with pytest.raises(ValidationFailed):
        import_organisations(actor=operator, filename="x.xlsx", data=b"not a zip", dry_run=False)


def test_only_operators_import(member):
    with pytest.raises(PermissionDenied):
        import_organisations(actor=member, filename="x.csv", data=_csv(), dry_run=False)


def _many(rows: int, nul_at: int) -> bytes:
    lines = [
        f"startup,,Maker {i}{chr(0) if i == nul_at else ''},battery,Pohang,KR,,,yes,2020"
        for i in range(rows)
    ]
    return _csv(*lines)


def test_a_nul_in_a_cell_is_a_row_error_and_the_dry_run_says_exactly_so(operator):
    data = _many(30, nul_at=12)
    with translation.override("en"):
        dry = import_organisations(actor=operator, filename="x.csv", data=data, dry_run=True)
        run = import_organisations(actor=operator, filename="x.csv", data=data, dry_run=False)
    for report in (dry, run):
        assert (report.rows, report.created, report.failed_lines) == (30, 29, [14])
        assert [(e.column, e.message) for e in report.errors] == [
            ("name_en", "This cell contains a NUL character (\\0), which cannot be stored.")
        ]
    assert Organisation.objects.count() == 29
    assert not Organisation.objects.filter(name_en__startswith="Maker 12").exists()


def test_rows_the_database_refuses_become_row_errors_in_the_dry_run_and_the_run(
    operator, monkeypatch
):
    """Whatever the database refuses (a limit no check foresaw) costs its row only, and the
    dry run, which writes and rolls back, predicts it."""
    from django.db import IntegrityError

    from yeongilman.directory import importing

    real_save = importing.organisations_bulk_save

    def refusing(*, new, changed, update_fields):
        if any(o.name_en == "Maker 3" for o, _i in new):
            raise IntegrityError("value too long for type character varying(200)")
        real_save(new=new, changed=changed, update_fields=update_fields)

    monkeypatch.setattr(importing, "organisations_bulk_save", refusing)
    data = _many(8, nul_at=-1)
    with translation.override("en"):
        dry = import_organisations(actor=operator, filename="x.csv", data=data, dry_run=True)
        assert not Organisation.objects.exists()
        run = import_organisations(actor=operator, filename="x.csv", data=data, dry_run=False)
    for report in (dry, run):
        assert (report.created, report.failed_lines) == (7, [5])
        assert report.errors[0].message == (
            "The database could not store this row; check its text."
        )
        assert "varying" not in report.errors[0].message
    assert Organisation.objects.count() == 7


def test_excel_unicode_text_utf16_with_tabs_is_read(operator):
    text = "kind\tname_ko\tname_en\tcountry\nstartup\t포항셀\tPohang Cell\tKR\n"
    data = text.encode("utf-16")  # what Excel's "Unicode text" writes: a BOM, UTF-16 LE
    report = import_organisations(actor=operator, filename="x.txt", data=data, dry_run=False)
    assert (report.created, report.errors) == (1, [])
    assert Organisation.objects.get().name_ko == "포항셀"


def test_a_column_named_twice_is_refused_naming_it(operator):
    data = b"kind,name_en,name_en\nstartup,First,Second\n"
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        import_organisations(actor=operator, filename="x.csv", data=data, dry_run=False)
    assert refused.value.message == "The column 'name_en' appears twice; keep one."
    assert not Organisation.objects.exists()


def test_a_file_of_headers_only_without_kind_names_the_missing_column(
    operator, django_capture_on_commit_callbacks
):
    from yeongilman.directory.importing import import_start

    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        import_organisations(
            actor=operator, filename="x.csv", data=b"name_en,country\n", dry_run=False
        )
    assert refused.value.message == "The file has no 'kind' column; see the column list."
    with django_capture_on_commit_callbacks(execute=True):
        job = import_start(
            actor=operator, filename="x.csv", data=b"name_en,country\n", dry_run=False
        )
    job.refresh_from_db()
    assert job.status == "failed" and "'kind'" in job.error
