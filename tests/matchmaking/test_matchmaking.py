"""Suggestions end to end: stored vectors, background refresh, reasons, feedback, pages, API."""

from __future__ import annotations

from django.utils import translation

from tests.conftest import login
from tests.factories import make_organisation
from yeongilman.matchmaking import adapter, selectors, services
from yeongilman.matchmaking.keys import ItemKey
from yeongilman.matchmaking.models import MatchVector


def test_rebuild_stores_vectors_once_and_skips_unchanged(ecosystem):
    assert MatchVector.objects.count() == 10
    row = MatchVector.objects.get(key=ItemKey.organisation(ecosystem["buyer"].pk))
    assert row.need is not None and row.lang == "en" and "recycl" in row.tokens.split()
    assert adapter.rebuild() == (10, 0)


def test_korean_startup_is_offered_the_english_partner_with_reasons(
    member, battery_startup, ecosystem
):
    with translation.override("ko"):
        found = selectors.suggestions(member, organisation=battery_startup)
        lines = [line for item in found.items[:1] for line in _lines(item)]
    assert found.indexed
    top = found.items[0]
    assert top.organisation == ecosystem["buyer"]
    assert battery_startup not in [i.organisation for i in found.items]
    assert any("공통 산업" in line for line in lines), lines


def _lines(item):
    from yeongilman.matchmaking.explanations import reason_lines

    return reason_lines(item.suggestion.reasons)


def test_hidden_suggestions_stay_hidden(member, battery_startup, ecosystem):
    subject = ItemKey.organisation(battery_startup.pk)
    candidate = ItemKey.organisation(ecosystem["buyer"].pk)
    services.feedback_record(actor=member, subject=subject, candidate=candidate, verdict="hidden")
    found = selectors.suggestions(member, organisation=battery_startup)
    assert ecosystem["buyer"] not in [i.organisation for i in found.items]


def test_changes_reindex_after_commit_and_unpublished_profiles_leave(
    settings, operator, ecosystem, django_capture_on_commit_callbacks
):
    from yeongilman.directory.services import organisation_update

    settings.YV_MATCHING_AUTO_INDEX = True
    buyer = ecosystem["buyer"]
    before = MatchVector.objects.get(key=ItemKey.organisation(buyer.pk)).text_hash
    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(
            actor=operator, organisation=buyer,
            values={"description_en": "We now make hydrogen tanks. Seeking steel suppliers."},
        )  # fmt: skip
    assert MatchVector.objects.get(key=ItemKey.organisation(buyer.pk)).text_hash != before
    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(actor=operator, organisation=buyer, values={"is_published": False})
    assert not MatchVector.objects.filter(key=ItemKey.organisation(buyer.pk)).exists()


def test_suggestions_page_in_korean_with_marks_and_feedback(
    client, member, battery_startup, ecosystem
):
    login(client, member)
    response = client.get(f"/ko/partnering/suggestions/{battery_startup.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Keystone Cell Recycling" in html and "공통 산업" in html
    response = client.post(
        "/ko/partnering/feedback/",
        {"subject": ItemKey.organisation(battery_startup.pk),
         "candidate": ItemKey.organisation(ecosystem["buyer"].pk), "verdict": "useful", "rank": "1",
         "next": f"/ko/partnering/suggestions/{battery_startup.slug}/"},
    )  # fmt: skip
    assert response.status_code == 302
    from yeongilman.matchmaking.models import SuggestionFeedback

    assert SuggestionFeedback.objects.get().verdict == "useful"


def test_suggestions_api_and_its_permissions(
    client, member, other_member, battery_startup, ecosystem
):
    login(client, member)
    body = client.get(f"/api/v1/organisations/{battery_startup.pk}/suggestions?k=3").json()
    assert body["indexed"] and len(body["results"]) == 3
    assert body["results"][0]["organisation"] == ecosystem["buyer"].pk
    assert body["results"][0]["reasons"]["shared_industries"] == ["battery"]
    client.logout()
    login(client, other_member)
    response = client.get(f"/api/v1/organisations/{battery_startup.pk}/suggestions")
    assert response.status_code == 403 and "detail" in response.json()


def test_card_names_bridged_terms_and_shows_the_korean_side_to_a_korean_reader(
    member, battery_startup, ecosystem
):
    with translation.override("ko"):
        found = selectors.suggestions(member, organisation=battery_startup)
        buyer = next(i for i in found.items if i.organisation == ecosystem["buyer"])
        lines = _lines(buyer)
        from yeongilman.matchmaking.explanations import excerpt_for

        excerpt = excerpt_for(buyer, "ko")
    pairs = dict(buyer.suggestion.reasons.bridged_terms)
    assert pairs.get("양극재", "").lower().startswith("cathode"), pairs
    assert any("양극재 = " in line for line in lines), lines
    # The buyer writes in English only: the card says so to a Korean reader.
    assert excerpt.written_in == "영어" and excerpt.marks


def test_english_reader_sees_the_english_side_of_a_bilingual_profile(
    other_member, pittsburgh_lab, operator, ecosystem
):
    from yeongilman.matchmaking.explanations import excerpt_for

    bilingual = make_organisation(
        operator, name_ko="포항리사이클", name_en="Pohang Recycle", kind="corporate",
        country="KR", industries=("battery",),
        description_ko="폐배터리에서 양극재 원료를 회수합니다. 미국 로봇 기업과 협력하고 싶습니다.",
        description_en="We recover cathode raw materials from spent batteries. "
        "We want to work with US robotics companies.",
    )  # fmt: skip
    adapter.rebuild()
    adapter.forget()
    with translation.override("en"):
        found = selectors.suggestions(other_member, organisation=pittsburgh_lab, k=20)
        item = next(i for i in found.items if i.organisation == bilingual)
        excerpt = excerpt_for(item, "en")
    assert item.lang == "ko"  # indexed in its country's language
    assert excerpt.text.startswith("Pohang Recycle. We recover") and not excerpt.written_in


def test_not_useful_moves_similar_suggestions_down_and_the_card_keeps_its_state(
    client, member, battery_startup, ecosystem
):
    subject = ItemKey.organisation(battery_startup.pk)
    before = [i.key for i in selectors.suggestions(member, organisation=battery_startup).items]
    buyer_key = ItemKey.organisation(ecosystem["buyer"].pk)
    assert before[0] == buyer_key
    login(client, member)
    response = client.post(
        "/ko/partnering/feedback/",
        {"subject": subject, "candidate": buyer_key, "verdict": "not_useful", "rank": "1"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'value="not_useful" class="small chosen" aria-pressed="true"' in html
    after = selectors.suggestions(member, organisation=battery_startup)
    keys = [i.key for i in after.items]
    assert keys[-1] == buyer_key  # after every other candidate, not hidden
    assert next(i for i in after.items if i.key == buyer_key).verdict == "not_useful"


def test_card_offers_a_meeting_request_when_both_attend_a_b2b_day(
    client, member, operator, battery_startup, ecosystem
):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import make_user
    from yeongilman.events.models import Event, Registration

    start = timezone.now() + timedelta(days=10)
    day = Event.objects.create(
        slug="b2b-day", kind="b2b", title_en="Battery B2B day", starts_at=start,
        ends_at=start + timedelta(hours=8), is_published=True, b2b_tables=5,
    )  # fmt: skip
    buyer_person = make_user("buyer@example.org")
    Registration.objects.create(event=day, user=member, organisation=battery_startup,
                                status="confirmed")  # fmt: skip
    theirs = Registration.objects.create(
        event=day, user=buyer_person, organisation=ecosystem["buyer"], status="confirmed"
    )
    login(client, member)
    html = client.get(f"/en/partnering/suggestions/{battery_startup.slug}/").content.decode()
    assert f"/events/b2b-day/b2b/request/{theirs.pk}/" in html
    assert "Request a meeting at Battery B2B day" in html


def test_workers_map_one_vector_file_per_version(
    settings, tmp_path, operator, battery_startup, ecosystem
):
    """The first load writes the version's vectors to a file; a second worker maps that file
    (no copy of its own) and answers the same; a new version replaces the old file."""
    import numpy as np

    from yeongilman.matchmaking import snapshot

    settings.YV_MATCHING_SNAPSHOT_DIR = str(tmp_path)
    first = adapter.load()
    files = list(tmp_path.glob("vectors-v*.npy"))
    assert len(files) == 1
    second = adapter.load()
    assert isinstance(second.index.vectors.whole.base, np.memmap) or isinstance(
        second.index.vectors.whole, np.memmap
    )
    assert not second.index.vectors.whole.flags.writeable
    np.testing.assert_array_equal(first.index.vectors.need, second.index.vectors.need)
    assert list(first.index.vectors.has_need) == list(second.index.vectors.has_need)
    query = second.index.query_from_items([ItemKey.organisation(battery_startup.pk)])
    assert np.allclose(first.index.hybrid_scores(query), second.index.hybrid_scores(query))
    make_organisation(
        operator, name_en="New Cathode Buyer",
        kind="corporate", country="US", industries=("battery",),
        description_en="We buy cathode material for our Ohio cell plant.",
    )  # fmt: skip
    adapter.rebuild()
    adapter.load()
    newer = list(tmp_path.glob("vectors-v*.npy"))
    assert len(newer) == 1 and newer != files
    assert snapshot.open_snapshot(files[0], len(first.index.ids)) is None


def test_workers_starting_together_read_the_vectors_once(tmp_path):
    """Four workers that load the same version at once: one reads from the database and
    writes the file, the others wait for it and map it."""
    import threading
    import time

    import numpy as np

    from yeongilman.matching.engine import DocumentVectors
    from yeongilman.matchmaking.snapshot import mapped_vectors

    reads = []

    def read():
        reads.append(1)
        time.sleep(0.3)
        whole = np.ones((3, 4), dtype=np.float32)
        return DocumentVectors(whole, whole, np.zeros_like(whole), np.zeros(3, dtype=bool))

    path = tmp_path / "vectors-v7-abc.npy"
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(mapped_vectors(path, 3, read)))
        for _i in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(reads) == 1
    assert sorted(was_read for _v, was_read in results) == [False, False, False, True]
    assert all(float(v.whole.sum()) == 12.0 for v, _r in results)


def test_feedback_on_something_that_is_not_a_suggestion_is_refused(client, member, battery_startup):
    login(client, member)
    response = client.post(
        "/api/v1/suggestions/feedback",
        {"subject": ItemKey.organisation(battery_startup.pk), "candidate": "anything",
         "verdict": "useful"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code in (400, 422)
    assert "candidate" in response.content.decode()
    from yeongilman.matchmaking.models import SuggestionFeedback

    assert not SuggestionFeedback.objects.exists()
