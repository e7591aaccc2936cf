"""Figures: currencies converted at the stored rate of their date, validation, import."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from yeongilman.core.errors import PermissionDenied, ValidationFailed
from yeongilman.insights import services
from yeongilman.insights.importing import import_figures
from yeongilman.insights.models import Figure, FundingRound


def test_amounts_are_converted_at_the_rate_of_their_date(operator, ecosystem):
    lab = Figure.objects.get(organisation=ecosystem["lab"], year=2025)
    assert lab.revenue == Decimal("2000000") and lab.currency == "USD"
    assert lab.revenue_krw == Decimal("2600000000.00")
    assert lab.revenue_usd == Decimal("2000000.00")
    battery = Figure.objects.get(organisation=ecosystem["battery"], year=2025)
    assert battery.revenue_usd == (Decimal(3_000_000_000) / 1300).quantize(Decimal("0.01"))


def test_a_new_rate_reconverts_amounts_from_its_date_on(operator, ecosystem):
    services.rate_set(actor=operator, date=dt.date(2025, 1, 1), currency="USD", krw=Decimal("1400"))
    pre_a = FundingRound.objects.get(round="pre_a")  # 2025: the new rate
    assert pre_a.amount_krw == Decimal("1400000000.00")
    seed_2024 = FundingRound.objects.get(date=dt.date(2024, 6, 1))  # before: unchanged
    assert seed_2024.amount_usd == (Decimal(700_000_000) / 1300).quantize(Decimal("0.01"))


def test_members_record_their_own_figures_only(member, other_member, battery_startup):
    services.figure_record(actor=member, organisation=battery_startup, year=2023,
                           values={"employees": 4})  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.figure_record(actor=other_member, organisation=battery_startup, year=2023,
                               values={"employees": 400})  # fmt: skip
    assert Figure.objects.get(organisation=battery_startup, year=2023).employees == 4


def test_bad_figures_are_refused_with_the_field(operator, battery_startup):
    with pytest.raises(ValidationFailed) as failure:
        services.figure_record(actor=operator, organisation=battery_startup, year=2024,
                               values={"revenue": Decimal(-5)})  # fmt: skip
    assert "revenue" in failure.value.field_errors
    with pytest.raises(ValidationFailed):
        services.figure_record(actor=operator, organisation=battery_startup, year=2024,
                               values={"currency": "XYZ"})  # fmt: skip
    assert not Figure.objects.exists()


def test_import_records_good_rows_and_reports_each_bad_one(operator, battery_startup, usd_rate):
    csv = (
        "organisation,year,currency,revenue,employees,published\n"
        f'{battery_startup.name_ko},2024,KRW,"1,200,000,000",12,yes\n'
        "Nobody Inc,2024,KRW,5,1,no\n"
        f"{battery_startup.slug},20x4,KRW,abc,3,no\n"
        f"{battery_startup.slug},2025,USD,1000000,15,no\n"
    ).encode()
    report = import_figures(actor=operator, filename="figures.csv", data=csv)
    assert report.created == 2
    assert report.failed_lines == [3, 4]
    assert {(e.line, e.column) for e in report.errors} == {
        (3, "organisation"),
        (4, "year"),
        (4, "revenue"),
    }
    f2024 = Figure.objects.get(organisation=battery_startup, year=2024)
    assert f2024.revenue == Decimal("1200000000") and f2024.is_published
    assert Figure.objects.get(organisation=battery_startup, year=2025).revenue_krw == Decimal(
        "1300000000.00"
    )


def test_a_nul_in_a_figures_row_is_that_rows_error(operator, battery_startup):
    csv = (
        "organisation,year,revenue,source\n"
        f"{battery_startup.slug},2024,100,Annual report\n"
        f"Pohang\x00Cell,2024,5,x\n"
        f"{battery_startup.slug},2023,90,Report\x00 2023\n"
    ).encode()
    report = import_figures(actor=operator, filename="figures.csv", data=csv)
    assert (report.created, report.failed_lines) == (1, [3, 4])
    assert {(e.line, e.column) for e in report.errors} == {(3, "organisation"), (4, "source")}
    assert list(Figure.objects.values_list("year", flat=True)) == [2024]


def test_a_figures_file_without_the_year_column_is_refused(operator):
    with pytest.raises(ValidationFailed) as refused:
        import_figures(actor=operator, filename="f.csv", data=b"organisation,revenue\nA,1\n")
    assert "'year'" in refused.value.message


def test_member_adds_an_overseas_entry_and_an_award_on_the_figures_page(
    client, member, battery_startup
):
    from tests.conftest import login
    from yeongilman.insights.models import Award, OverseasEntry

    login(client, member)
    url = f"/en/insights/figures/{battery_startup.slug}/"
    bad = client.post(url, {"action": "overseas", "overseas-date": "2025-05-01",
                            "overseas-country": "USA", "overseas-kind": "export"})  # fmt: skip
    assert bad.status_code == 200 and "has-error" in bad.content.decode()
    assert 'value="USA"' in bad.content.decode()  # what was typed is kept
    digits = client.post(url, {"action": "overseas", "overseas-date": "2025-05-01",
                               "overseas-country": "1A", "overseas-kind": "export"})  # fmt: skip
    assert "two-letter country code" in digits.content.decode()
    client.post(url, {"action": "overseas", "overseas-date": "2025-05-01",
                      "overseas-country": "us", "overseas-kind": "export",
                      "overseas-is_published": "on"})  # fmt: skip
    client.post(url, {"action": "award", "award-year": "2025",
                      "award-name": "CES 2025 Innovation Award"})  # fmt: skip
    assert list(OverseasEntry.objects.values_list("country", flat=True)) == ["US"]
    assert Award.objects.get().name == "CES 2025 Innovation Award"


def test_operator_adds_a_rate_on_its_page_and_amounts_follow(client, operator, ecosystem):
    from tests.conftest import login

    login(client, operator)
    bad = client.post("/en/insights/rates/", {"date": "2025-01-01", "currency": "USD", "krw": "-1"})
    assert bad.status_code == 200 and 'value="-1"' in bad.content.decode()
    client.post("/en/insights/rates/", {"date": "2025-01-01", "currency": "USD", "krw": "1400"})
    lab = Figure.objects.get(organisation=ecosystem["lab"], year=2025)
    assert lab.revenue_krw == Decimal("2800000000.00")


def test_the_import_page_runs_a_job_and_refuses_files_above_the_limit(
    client, settings, operator, battery_startup, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.conftest import login

    login(client, operator)
    csv = (f"organisation,year,employees\n{battery_startup.slug},2024,12\nNobody,2024,1\n").encode()
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(
            "/en/insights/figures/import/", {"file": SimpleUploadedFile("f.csv", csv)}
        )
    assert queued.status_code == 302 and "?job=" in queued["Location"]
    page = client.get(queued["Location"]).content.decode()
    assert "1 rows recorded; 1 rows refused." in page and "Nobody" in page
    assert Figure.objects.get(organisation=battery_startup, year=2024).employees == 12
    settings.YV_IMPORT_MAX_BYTES = 10
    refused = client.post(
        "/en/insights/figures/import/", {"file": SimpleUploadedFile("f.csv", csv)}
    )
    assert refused.status_code == 200 and "too large" in refused.content.decode()
