"""Calls, applications, review and selection through the services, on the real database."""

from __future__ import annotations

import statistics
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.factories import make_organisation, make_user
from tests.programs.conftest import GO_AHEAD, pdf
from yeongilman.core.errors import PermissionDenied, ValidationFailed
from yeongilman.core.models import AuditEntry
from yeongilman.events.models import Event, Exhibitor
from yeongilman.programs import selectors
from yeongilman.programs.eligibility import ineligibility_reasons
from yeongilman.programs.models import Application, ApplicationFile, Conflict, Review
from yeongilman.programs.services import applications as app_services
from yeongilman.programs.services import calls as call_services
from yeongilman.programs.services import reviews as review_services
from yeongilman.programs.services import selection as selection_services
from yeongilman.programs.services.applications import CallClosed


def test_eligibility_explains_each_failed_rule(operator, ces_call, pittsburgh_lab):
    reasons = ineligibility_reasons(ces_call, pittsburgh_lab)
    assert len(reasons) == 2  # a research lab, and in Pittsburgh
    assert any("Pittsburgh" in r or "피츠버그" in r for r in reasons)


def test_age_and_size_rules_name_the_numbers(operator, ces_call, battery_startup):
    ces_call.max_age_years, ces_call.max_employees = 7, 50
    battery_startup.founded_year, battery_startup.employees = timezone.now().year - 10, 120
    reasons = ineligibility_reasons(ces_call, battery_startup)
    assert len(reasons) == 2
    assert any("120" in r and "50" in r for r in reasons)
    assert any("10" in r and "7" in r for r in reasons)
    battery_startup.founded_year, battery_startup.employees = timezone.now().year - 3, 12
    assert ineligibility_reasons(ces_call, battery_startup) == []


def test_ineligible_organisation_cannot_start(other_member, ces_call, pittsburgh_lab):
    with pytest.raises(ValidationFailed):
        app_services.application_start(
            actor=other_member, call=ces_call, organisation=pittsburgh_lab
        )
    assert not Application.objects.exists()


def test_one_application_per_organisation(member, ces_call, battery_startup):
    first = app_services.application_start(
        actor=member, call=ces_call, organisation=battery_startup
    )
    again = app_services.application_start(
        actor=member, call=ces_call, organisation=battery_startup
    )
    assert first.pk == again.pk
    assert Application.objects.count() == 1


def test_only_members_apply_for_their_organisation(other_member, ces_call, battery_startup):
    with pytest.raises(PermissionDenied):
        app_services.application_start(
            actor=other_member, call=ces_call, organisation=battery_startup
        )


def test_draft_keeps_invalid_input_and_submission_lists_every_problem(
    member, ces_call, battery_startup
):
    application = app_services.application_start(
        actor=member, call=ces_call, organisation=battery_startup
    )
    typed = {"plan": "x" * 60, "revenue": "about 3 billion", "market": "mars"}
    app_services.application_save_draft(actor=member, application=application, answers=typed)
    application.refresh_from_db()
    assert application.answers == typed  # nothing lost, even what is wrong
    with pytest.raises(ValidationFailed) as failure:
        app_services.application_submit(actor=member, application=application)
    assert set(failure.value.field_errors) == {"product", "plan", "revenue", "market", "deck"}
    application.refresh_from_db()
    assert application.status == "draft"


def test_submission_is_refused_one_second_after_the_deadline(submitted, member, ces_call):
    application = app_services.application_start(
        actor=member, call=ces_call, organisation=submitted.organisation
    )
    assert application.status == "submitted"
    other = Application.objects.create(call=ces_call, organisation=make_organisation(
        member, members=(member,), name_en="Second Startup", city="Pohang"))  # fmt: skip
    app_services.application_save_draft(actor=member, application=other,
                                        answers={"product": "Cells"})  # fmt: skip
    app_services.application_upload(actor=member, application=other, field_key="deck",
                                    upload=pdf())  # fmt: skip
    with pytest.raises(CallClosed):
        app_services.application_submit(
            actor=member, application=other, now=ces_call.closes_at + timedelta(seconds=1)
        )
    ok = app_services.application_submit(
        actor=member, application=other, now=ces_call.closes_at - timedelta(seconds=1)
    )
    assert ok.status == "submitted"


def test_submission_mails_a_confirmation_in_the_member_language(submitted, member):
    assert submitted.status == "submitted"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "제출" in mail.outbox[0].subject or "제출" in mail.outbox[0].body


def test_upload_checks_type_and_size_and_replaces(member, ces_call, battery_startup):
    application = app_services.application_start(
        actor=member, call=ces_call, organisation=battery_startup
    )
    with pytest.raises(ValidationFailed):
        app_services.application_upload(actor=member, application=application, field_key="deck",
                                        upload=pdf("deck.exe"))  # fmt: skip
    with pytest.raises(ValidationFailed):
        app_services.application_upload(
            actor=member, application=application, field_key="deck",
            upload=pdf(content=b"%PDF" + b"0" * (1024 * 1024 + 1)),
        )  # fmt: skip
    first = app_services.application_upload(actor=member, application=application,
                                            field_key="deck", upload=pdf("v1.pdf"))  # fmt: skip
    second = app_services.application_upload(actor=member, application=application,
                                             field_key="deck", upload=pdf("v2.pdf"))  # fmt: skip
    assert list(ApplicationFile.objects.values_list("original_name", flat=True)) == ["v2.pdf"]
    assert "v2" not in second.file.name and "ces" not in second.file.name  # random name
    assert first.file.name != second.file.name


def test_withdraw_before_deadline_and_apply_again(submitted, member, ces_call):
    withdrawn = app_services.application_withdraw(actor=member, application=submitted)
    assert withdrawn.status == "withdrawn"
    again = app_services.application_start(
        actor=member, call=ces_call, organisation=submitted.organisation
    )
    assert again.pk == submitted.pk and again.status == "draft"
    actions = list(
        AuditEntry.objects.filter(subject_id=submitted.pk).values_list("action", flat=True)
    )
    assert {"application_submitted", "application_withdrawn", "application_reopened"} <= set(
        actions
    )


def test_form_only_widens_once_applications_exist(operator, submitted, ces_call):
    market = ces_call.fields.get(key="market")
    with pytest.raises(ValidationFailed):
        call_services.field_update(actor=operator, field=market, kind="short_text")
    with pytest.raises(ValidationFailed):
        europe_only = [{"value": "eu", "ko": "유럽", "en": "Europe"}]
        call_services.field_update(actor=operator, field=market, choices=europe_only)
    plan = ces_call.fields.get(key="plan")
    with pytest.raises(ValidationFailed):
        call_services.field_update(actor=operator, field=plan, max_chars=20)
    call_services.field_update(actor=operator, field=plan, max_chars=500, label_ko="수출 계획")
    call_services.field_update(
        actor=operator, field=market,
        choices=[*market.choices, {"value": "jp", "ko": "일본", "en": "Japan"}],
    )  # fmt: skip
    call_services.field_retire(actor=operator, field=market)
    market.refresh_from_db()
    assert market.retired and ces_call.fields.filter(key="market").exists()
    submitted.refresh_from_db()
    assert submitted.answers["market"] == "us"  # the answer survives


def _applications(operator, call, n, members):
    """n submitted applications of distinct Pohang start-ups."""
    apps = []
    for i in range(n):
        org = make_organisation(operator, members=members, name_en=f"Startup {i}", city="Pohang",
                                industries=("battery",) if i % 2 else ("bio",))  # fmt: skip
        apps.append(Application.objects.create(call=call, organisation=org, status="submitted",
                                               submitted_at=timezone.now()))  # fmt: skip
    return apps


def test_assignment_balances_loads_and_skips_conflicts(operator, ces_call, member):
    reviewers = [make_user(f"r{i}@example.org", is_reviewer=True) for i in range(5)]
    apps = _applications(operator, ces_call, 10, (member,))
    # r0 belongs to the first applicant; r1 declared a conflict with the second.
    make_organisation(operator, name_en="unrelated")
    from yeongilman.accounts.models import Membership

    Membership.objects.create(user=reviewers[0], organisation=apps[0].organisation, role="editor")
    Conflict.objects.create(reviewer=reviewers[1], organisation=apps[1].organisation)
    review_services.pool_set(actor=operator, call=ces_call, entries={r.pk: [] for r in reviewers})
    result = review_services.reviewers_assign(actor=operator, call=ces_call)
    pairs = set(Review.objects.values_list("application_id", "reviewer_id"))
    assert len(pairs) == 20 and not result.missing
    assert (apps[0].pk, reviewers[0].pk) not in pairs
    assert (apps[1].pk, reviewers[1].pk) not in pairs
    loads = [sum(1 for _a, r in pairs if r == rev.pk) for rev in reviewers]
    assert loads == [4, 4, 4, 4, 4]
    again = review_services.reviewers_assign(actor=operator, call=ces_call)
    assert set(Review.objects.values_list("application_id", "reviewer_id")) == pairs
    assert sorted(again.loads.values()) == [4, 4, 4, 4, 4]


def test_declared_conflict_hands_the_application_to_another_reviewer(
    operator, ces_call, member, reviewer, second_reviewer
):
    third = make_user("reviewer3@example.org", is_reviewer=True)
    [application] = _applications(operator, ces_call, 1, (member,))
    entries: dict[int, list[str]] = {reviewer.pk: [], second_reviewer.pk: [], third.pk: []}
    review_services.pool_set(actor=operator, call=ces_call, entries=entries)
    review_services.reviewers_assign(actor=operator, call=ces_call)
    mine = Review.objects.filter(reviewer=reviewer).first() or Review.objects.get(
        reviewer=second_reviewer
    )
    declarer = mine.reviewer
    review_services.conflict_declare(actor=declarer, review=mine, reason="former employer")
    holders = set(application.reviews.values_list("reviewer_id", flat=True))
    assert declarer.pk not in holders and len(holders) == 2
    assert Conflict.objects.filter(
        reviewer=declarer, organisation=application.organisation
    ).exists()


def test_scores_outside_the_range_are_refused(operator, ces_call, submitted, pool):
    review_services.reviewers_assign(actor=operator, call=ces_call)
    review = Review.objects.get(reviewer=pool[0])
    tech, market = ces_call.criteria.all()
    with pytest.raises(ValidationFailed) as failure:
        review_services.review_save(actor=pool[0], review=review,
                                    scores={str(tech.pk): "11", str(market.pk): "0"},
                                    comment="", submit=True)  # fmt: skip
    assert set(failure.value.field_errors) == {str(tech.pk), str(market.pk)}
    review.refresh_from_db()
    assert review.submitted_at is None


def test_ranking_normalises_each_reviewer(operator, ces_call, member):
    """A harsh reviewer scores a and c, a lenient one b and c. Raw means favour b (seen only
    by the lenient one); z-scores per reviewer put a first, computed here by hand."""
    a, b, c = _applications(operator, ces_call, 3, (member,))
    harsh, lenient = (make_user(f"{n}@example.org", is_reviewer=True) for n in ("harsh", "kind"))
    tech, market = ces_call.criteria.all()
    given = {(a, harsh): (6, 3), (c, harsh): (1, 1), (b, lenient): (8, 5), (c, lenient): (10, 5)}
    for (app, rev), (t, m) in given.items():
        Review.objects.create(application=app, reviewer=rev, submitted_at=timezone.now(),
                              scores={str(tech.pk): t, str(market.pk): m})  # fmt: skip

    def total(t, m):  # weights 2 and 1; ranges 0-10 and 1-5; on 0-100
        return 100 * (2 * t / 10 + 1 * (m - 1) / 4) / 3

    totals = {k: total(*v) for k, v in given.items()}
    z = {}
    for rev in (harsh, lenient):
        mine = {app: t for (app, r), t in totals.items() if r == rev}
        mean, sd = statistics.fmean(mine.values()), statistics.pstdev(mine.values())
        z.update({(app, rev): (t - mean) / sd for app, t in mine.items()})
    rows = {r.application: r for r in selectors.ranking(ces_call)}
    for app in (a, b, c):
        raws = [t for (x, _r), t in totals.items() if x == app]
        zs = [v for (x, _r), v in z.items() if x == app]
        assert rows[app.pk].raw == pytest.approx(statistics.fmean(raws))
        assert rows[app.pk].normalised == pytest.approx(statistics.fmean(zs))
        assert rows[app.pk].spread == pytest.approx(max(raws) - min(raws))
    assert rows[c.pk].flagged and not rows[a.pk].flagged  # c: 6.7 vs 100
    assert max(rows.values(), key=lambda r: r.raw).application == b.pk
    assert [r.application for r in selectors.ranking(ces_call)] == [a.pk, c.pk, b.pk]


def _score(call, app, reviewer, tech):
    t, m = call.criteria.all()
    Review.objects.create(application=app, reviewer=reviewer, submitted_at=timezone.now(),
                          scores={str(t.pk): tech, str(m.pk): 3})  # fmt: skip


def test_selection_takes_the_top_within_industry_caps_and_keeps_hand_decisions(
    operator, ces_call, member, reviewer
):
    apps = _applications(operator, ces_call, 6, (member,))  # bio, battery, bio, battery, ...
    for i, app in enumerate(apps):
        _score(ces_call, app, reviewer, 10 - i)  # apps[0] best
    chosen = selection_services.selection_apply(actor=operator, call=ces_call, places=3,
                                                quotas={"bio": 1})  # fmt: skip
    assert chosen == sorted([apps[0].pk, apps[1].pk, apps[3].pk])
    with pytest.raises(ValidationFailed):
        selection_services.selection_override(actor=operator, application=apps[5],
                                              outcome="selected", reason=" ")  # fmt: skip
    selection_services.selection_override(actor=operator, application=apps[5],
                                          outcome="selected", reason="Jury prize")  # fmt: skip
    chosen = selection_services.selection_apply(actor=operator, call=ces_call, places=3,
                                                quotas={"bio": 1})  # fmt: skip
    assert apps[5].pk in chosen and len(chosen) == 3
    entry = AuditEntry.objects.filter(subject_id=apps[5].pk, action="outcome_selected").first()
    assert entry is not None and entry.details["reason"] == "Jury prize"
    assert entry.actor_label == operator.email


def test_publishing_results_mails_everyone_and_makes_exhibitors(
    operator, ces_call, member, other_member, reviewer, django_capture_on_commit_callbacks
):
    now = timezone.now()
    event = Event.objects.create(slug="ces-2027", kind="exhibition", title_en="CES 2027",
                                 starts_at=now + timedelta(days=40),
                                 ends_at=now + timedelta(days=43))  # fmt: skip
    ces_call.event = event
    ces_call.save()
    a, b = _applications(operator, ces_call, 2, (member,))
    from yeongilman.accounts.models import Membership

    Membership.objects.create(user=other_member, organisation=b.organisation, role="editor")
    _score(ces_call, a, reviewer, 9)
    _score(ces_call, b, reviewer, 2)
    selection_services.selection_apply(actor=operator, call=ces_call, places=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        letters = selection_services.results_publish(actor=operator, call=ces_call, **GO_AHEAD)
    assert letters == 3  # member for a and b, other_member for b
    english = [m for m in mail.outbox if m.to == [other_member.email]]
    assert english and "not selected" in english[0].body
    assert list(Exhibitor.objects.values_list("organisation_id", flat=True)) == [a.organisation_id]
    with pytest.raises(ValidationFailed):
        selection_services.selection_override(actor=operator, application=b,
                                              outcome="selected", reason="late")  # fmt: skip


def test_audit_entries_cannot_be_changed_or_deleted(submitted):
    entry = AuditEntry.objects.filter(action="application_submitted").get()
    entry.action = "nothing happened"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    assert AuditEntry.objects.filter(action="application_submitted").count() == 1


def test_export_has_a_row_per_application_and_a_column_per_question(operator, submitted, ces_call):
    import io

    from django.utils import translation
    from openpyxl import load_workbook

    from yeongilman.programs.exporting import applications_xlsx

    with translation.override("en"):
        content = applications_xlsx(ces_call, "https://v.example")
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    header, [row] = rows[0], rows[1:]
    assert len(header) == 5 + ces_call.fields.count()
    answers = dict(zip(header, row, strict=True))
    assert answers["Product to show"] == "LFP 양극재"
    assert answers["Target market"] == "USA"
    upload = submitted.files.get()
    assert (
        answers["Pitch deck"].startswith("https://v.example/")
        and str(upload.pk) in answers["Pitch deck"]
    )


def test_blind_review_hides_the_applicant_from_the_reviewer(
    client, operator, ces_call, submitted, pool
):
    from tests.conftest import login

    ces_call.blind_review = True
    ces_call.save()
    review_services.reviewers_assign(actor=operator, call=ces_call)
    review = Review.objects.filter(reviewer=pool[0]).get()
    login(client, pool[0])
    body = client.get(f"/en/programs/reviews/{review.pk}/").content.decode()
    assert "영일만배터리" not in body and "LFP 양극재" in body
    data = client.get(f"/api/v1/reviews/{review.pk}").json()
    assert data["application"]["organisation"] == 0


def test_operator_sets_the_pool_with_expertise_on_the_manage_page(
    client, operator, ces_call, reviewer, second_reviewer
):
    from tests.conftest import login
    from yeongilman.programs.models import CallReviewer

    login(client, operator)
    client.post(f"/en/programs/{ces_call.slug}/manage/", {
        "action": "pool", f"reviewer-{reviewer.pk}": "1",
        f"expertise-{reviewer.pk}": ["battery", "nonsense"],
        f"expertise-{second_reviewer.pk}": ["bio"],  # not ticked: stays out
    })  # fmt: skip
    assert list(CallReviewer.objects.values_list("user_id", "expertise")) == [
        (reviewer.pk, ["battery"])
    ]
    page = client.get(f"/en/programs/{ces_call.slug}/manage/").content.decode()
    assert f'name="reviewer-{reviewer.pk}" value="1" id="reviewer-{reviewer.pk}" checked' in page
