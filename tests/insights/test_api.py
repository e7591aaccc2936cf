"""The insights API: figures under the figures pages' rules, dashboard numbers equal to the
charts' (their CSV downloads), and the operators' pipelines and exchange rates."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.conftest import login
from yeongilman.insights import services
from yeongilman.insights.models import Agreement, ExchangeRate, Figure, InvestmentLead

pytestmark = pytest.mark.django_db

API = "/api/v1/insights"


def _post(client, path, body):
    return client.post(f"{API}{path}", body, content_type="application/json")


def _patch(client, path, body):
    return client.patch(f"{API}{path}", body, content_type="application/json")


# --- figures ---------------------------------------------------------------------------------


def test_a_member_records_their_organisations_figures_once_per_period(
    client, member, battery_startup
):
    login(client, member)
    first = _post(client, "/figures", {"organisation": battery_startup.pk, "year": 2025,
                                       "revenue": "1500000000", "employees": 12})  # fmt: skip
    assert first.status_code == 201
    assert first.json()["revenue_krw"] == "1500000000.00"
    again = _post(client, "/figures", {"organisation": battery_startup.pk, "year": 2025,
                                       "employees": 14})  # fmt: skip
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    figure = Figure.objects.get()
    assert figure.employees == 14 and figure.recorded_by == member


def test_figures_of_another_organisation_are_refused_and_hidden_ones_are_not_found(
    client, other_member, battery_startup, hidden_org, operator
):
    services.figure_record(actor=operator, organisation=battery_startup, year=2024,
                           values={"employees": 40})  # fmt: skip
    login(client, other_member)
    body = {"organisation": battery_startup.pk, "year": 2025, "employees": 1}
    assert _post(client, "/figures", body).status_code == 403
    assert _post(client, "/figures", {**body, "organisation": hidden_org.pk}).status_code == 404
    theirs = Figure.objects.get()
    assert client.get(f"{API}/figures/{theirs.pk}").status_code == 403
    assert _patch(client, f"/figures/{theirs.pk}", {"employees": 2}).status_code == 403
    assert client.delete(f"{API}/figures/{theirs.pk}").status_code == 403
    assert client.get(f"{API}/figures").json()["count"] == 0
    assert client.get(f"{API}/figures?organisation={hidden_org.pk}").status_code == 404
    assert Figure.objects.get().employees == 40


def test_a_visitor_reads_figures_only_summed_in_the_dashboard(client, ecosystem):
    assert client.get(f"{API}/figures").status_code == 401
    assert client.get(f"{API}/dashboard").status_code == 200


def test_the_figure_list_is_paged_and_filtered_and_operators_see_every_organisation(
    client, operator, member, ecosystem
):
    login(client, member)
    mine = client.get(f"{API}/figures").json()
    assert {row["organisation"] for row in mine["results"]} == {ecosystem["battery"].pk}
    login(client, operator)
    everything = client.get(f"{API}/figures?page_size=2").json()
    assert everything["count"] == 5 and len(everything["results"]) == 2
    assert client.get(f"{API}/figures?year=2024").json()["count"] == 2
    unpublished = client.get(f"{API}/figures?published=false").json()["results"]
    assert [row["organisation"] for row in unpublished] == [ecosystem["bio"].pk]
    assert client.get(f"{API}/figures?page_size=101").status_code == 422


def test_changing_figures_keeps_the_period_and_null_restores_a_default(
    client, member, battery_startup, usd_rate
):
    login(client, member)
    created = _post(client, "/figures", {"organisation": battery_startup.pk, "year": 2024,
                                         "quarter": 2, "currency": "USD",
                                         "revenue": "1000"}).json()  # fmt: skip
    assert created["revenue_krw"] == "1300000.00"
    changed = _patch(client, f"/figures/{created['id']}", {"currency": None, "patents": 3})
    assert changed.status_code == 200
    body = changed.json()
    assert (body["year"], body["quarter"], body["currency"]) == (2024, 2, "KRW")
    assert body["patents"] == 3 and body["revenue_krw"] == "1000.00"
    assert _patch(client, f"/figures/{created['id']}", {"year": 2020}).status_code == 422
    assert client.delete(f"{API}/figures/{created['id']}").status_code == 204
    assert not Figure.objects.exists()


def test_figures_out_of_range_answer_422_naming_the_field(client, member, battery_startup):
    login(client, member)
    answer = _post(client, "/figures", {"organisation": battery_startup.pk, "year": 2025,
                                        "quarter": 5, "employees": -1})  # fmt: skip
    assert answer.status_code == 422
    assert {"quarter", "employees"} <= set(answer.json()["errors"])
    assert not Figure.objects.exists()


# --- dashboard -------------------------------------------------------------------------------


def _csv_rows(client, key, query=""):
    response = client.get(f"/en/insights/charts/{key}.csv{query}")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _as_rows(chart):
    return [[row["category"], *row["values"]] for row in chart["rows"]]


@pytest.mark.parametrize("query", ["", "?industry=battery", "?year=2025", "?city=Pohang"])
def test_dashboard_numbers_are_the_charts_numbers_for_the_same_filters(client, ecosystem, query):
    charts = client.get(f"{API}/dashboard{query}", HTTP_ACCEPT_LANGUAGE="en").json()["charts"]
    assert len(charts) >= 8
    for chart in charts:
        table = _csv_rows(client, chart["key"], query)
        assert table[0][1:] == chart["series"], chart["key"]
        drawn = [[row[0], *(float(v or 0) for v in row[1:])] for row in table[1:]]
        assert drawn == _as_rows(chart), chart["key"]


def test_the_public_dashboard_leaves_out_unpublished_figures_and_operators_may_ask_for_all(
    client, operator, member, ecosystem
):
    def jobs_2025(charts):
        chart = next(c for c in charts if c["key"] == "jobs_per_year")
        row = next(r for r in chart["rows"] if r["category"] == "2025")
        return row["values"][chart["series"].index("Jobs")]

    public = client.get(f"{API}/dashboard", HTTP_ACCEPT_LANGUAGE="en").json()["charts"]
    assert client.get(f"{API}/dashboard?scope=all").status_code == 401
    login(client, member)
    assert client.get(f"{API}/dashboard?scope=all").status_code == 403
    login(client, operator)
    everything = client.get(f"{API}/dashboard?scope=all", HTTP_ACCEPT_LANGUAGE="en").json()
    assert everything["filters"]["scope"] == "all"
    # Pohang Bio's 7 employees of 2025 are unpublished: only the operators' numbers have them.
    assert jobs_2025(everything["charts"]) == jobs_2025(public) + 7


def test_one_chart_by_key_and_an_unknown_key_is_not_found(client, ecosystem):
    chart = client.get(f"{API}/charts/organisations_by_industry").json()
    assert chart["key"] == "organisations_by_industry" and chart["rows"]
    assert client.get(f"{API}/charts/no_such_chart").status_code == 404
    assert client.get(f"{API}/dashboard?year=20251").status_code == 422


# --- pipelines -------------------------------------------------------------------------------


def test_pipelines_and_rates_are_for_operators_only(client, member):
    for path in ("/agreements", "/leads", "/policies", "/rates"):
        assert client.get(f"{API}{path}").status_code == 401
    login(client, member)
    for path in ("/agreements", "/leads", "/policies", "/rates"):
        assert client.get(f"{API}{path}").status_code == 403
    assert _post(client, "/agreements", {"title_en": "MOU", "kind": "mou"}).status_code == 403
    assert not Agreement.objects.exists()


def test_an_operator_adds_an_agreement_and_moves_it_through_its_stages(
    client, operator, pittsburgh_lab, battery_startup
):
    login(client, operator)
    created = _post(client, "/agreements", {"title_en": "Pittsburgh startup exchange MOU",
                                             "kind": "mou", "parties": [pittsburgh_lab.pk],
                                             "owner": operator.pk})  # fmt: skip
    assert created.status_code == 201
    agreement = created.json()
    assert agreement["parties"] == [pittsburgh_lab.pk] and agreement["stage"] == "idea"
    moved = _patch(
        client,
        f"/agreements/{agreement['id']}",
        {"stage": "signed", "parties": [pittsburgh_lab.pk, battery_startup.pk]},
    )
    assert moved.status_code == 200
    body = moved.json()
    assert body["stage"] == "signed" and body["signed_on"] == timezone.localdate().isoformat()
    assert body["title_en"] == "Pittsburgh startup exchange MOU"
    assert sorted(body["parties"]) == sorted([pittsburgh_lab.pk, battery_startup.pk])
    listed = client.get(f"{API}/agreements?stage=signed").json()
    assert [row["id"] for row in listed["results"]] == [agreement["id"]]
    assert client.get(f"{API}/agreements?stage=nonsense").status_code == 422


def test_an_agreement_without_a_title_or_with_a_non_operator_owner_is_refused(
    client, operator, member
):
    login(client, operator)
    untitled = _post(client, "/agreements", {"kind": "mou"})
    assert untitled.status_code == 422 and "title_ko" in untitled.json()["errors"]
    owned = _post(client, "/agreements", {"title_en": "LOI", "kind": "mou", "owner": member.pk})
    assert owned.status_code == 422 and "owner" in owned.json()["errors"]
    unknown = _post(client, "/agreements", {"title_en": "LOI", "kind": "mou", "parties": [999]})
    assert unknown.status_code == 422 and "parties" in unknown.json()["errors"]
    assert not Agreement.objects.exists()


def test_an_investment_lead_is_converted_and_keeps_a_log_of_notes(client, operator, usd_rate):
    login(client, operator)
    created = _post(client, "/leads", {"title": "San Diego bio fund", "amount": "2000000",
                                        "currency": "USD", "sector": "bio"})  # fmt: skip
    assert created.status_code == 201
    lead = created.json()
    assert lead["amount_krw"] == "2600000000.00" and lead["sector"] == "bio"
    note = _post(client, f"/leads/{lead['id']}/notes", {"text": "Met at BIO", "is_meeting": True})
    assert note.status_code == 201
    detail = client.get(f"{API}/leads/{lead['id']}").json()
    assert [entry["text"] for entry in detail["log"] if entry["is_meeting"]] == ["Met at BIO"]
    assert _patch(client, f"/leads/{lead['id']}", {"sector": "unknown"}).status_code == 422
    sector = InvestmentLead.objects.get().sector
    assert sector is not None and sector.code == "bio"


def test_a_policy_request_changes_status_and_unknown_ids_are_not_found(client, operator):
    login(client, operator)
    created = _post(
        client,
        "/policies",
        {"title": "Regulation-free zone for hydrogen", "ministry": "Ministry of SMEs and Startups"},
    )
    assert created.status_code == 201 and created.json()["status"] == "drafting"
    changed = _patch(client, f"/policies/{created.json()['id']}", {"status": "submitted"})
    assert changed.status_code == 200 and changed.json()["status"] == "submitted"
    assert client.get(f"{API}/policies/99999").status_code == 404
    assert _post(client, "/policies", {"title": "No ministry"}).status_code == 422


def test_an_exchange_rate_is_stored_once_per_day_and_krw_is_not_a_rate(client, operator):
    login(client, operator)
    body = {"date": "2026-01-02", "currency": "USD", "krw": "1400.5"}
    assert _post(client, "/rates", body).status_code == 201
    assert _post(client, "/rates", {**body, "krw": "1410"}).status_code == 200
    assert ExchangeRate.objects.get().krw == Decimal("1410")
    assert _post(client, "/rates", {**body, "currency": "KRW"}).status_code == 422
    assert _post(client, "/rates", {**body, "krw": "0"}).status_code == 422
    listed = client.get(f"{API}/rates?currency=usd").json()
    assert [row["krw"] for row in listed["results"]] == ["1410.0000"]
    assert client.get(f"{API}/rates?page_size=1000").status_code == 422
