"""The directory search: Korean morphology, English stemming, ranking and facets."""

from django.contrib.auth.models import AnonymousUser

from tests.factories import make_organisation
from yeongilman.directory.selectors import DirectoryFilters, search_directory


def _names(user, **filters):
    results = search_directory(user, DirectoryFilters(**filters)).results
    return [o.name_ko or o.name_en for o in results]


def test_korean_word_finds_its_inflected_form(battery_startup):
    # The description says "배터리용" and "이차전지의".
    assert _names(AnonymousUser(), q="배터리") == ["영일만배터리"]
    assert _names(AnonymousUser(), q="이차전지") == ["영일만배터리"]


def test_english_search_is_case_and_stem_insensitive(pittsburgh_lab):
    assert _names(AnonymousUser(), q="BATTERY") == ["Allegheny Robotics Lab"]
    assert _names(AnonymousUser(), q="manufactured robot") == ["Allegheny Robotics Lab"]


def test_industry_labels_make_korean_profiles_findable_in_english(battery_startup):
    # The profile is Korean only; its industry "Secondary battery" carries the English word.
    assert _names(AnonymousUser(), q="secondary battery") == ["영일만배터리"]


def test_name_match_ranks_above_description_match(operator):
    make_organisation(operator, name_en="Cell Works", description_en="We make hydrogen tanks.")
    make_organisation(operator, name_en="Hydrogen Valley", description_en="A cluster.")
    assert _names(AnonymousUser(), q="hydrogen")[0] == "Hydrogen Valley"


def test_all_words_must_match_before_falling_back_to_any(operator):
    make_organisation(operator, name_en="Alpha", description_en="battery recycling")
    make_organisation(operator, name_en="Beta", description_en="battery cathode")
    assert _names(AnonymousUser(), q="battery recycling") == ["Alpha"]
    result = search_directory(AnonymousUser(), DirectoryFilters(q="recycling cathode"))
    assert result.relaxed and {str(o.name) for o in result.results} == {"Alpha", "Beta"}


def test_unpublished_profiles_are_not_found_by_visitors(hidden_org, member, other_member):
    assert _names(AnonymousUser(), q="hydrogen") == []
    assert _names(other_member, q="hydrogen", include_unpublished=True) == []
    assert _names(member, q="hydrogen", include_unpublished=True) == ["비공개수소"]


def test_facets_filter_and_count(battery_startup, pittsburgh_lab):
    result = search_directory(AnonymousUser(), DirectoryFilters())
    countries = {f.value: f.count for f in result.facets["country"]}
    assert countries == {"KR": 1, "US": 1}
    industries = {f.value: f.count for f in result.facets["industry"]}
    assert industries == {"battery": 1, "robotics": 1, "ai": 1}
    assert _names(AnonymousUser(), country=["US"]) == ["Allegheny Robotics Lab"]
    assert _names(AnonymousUser(), industry=["battery"], kind=["startup"]) == ["영일만배터리"]
    assert _names(AnonymousUser(), industry=["battery"], kind=["research"]) == []


def test_facets_count_only_the_text_matches(battery_startup, pittsburgh_lab):
    result = search_directory(AnonymousUser(), DirectoryFilters(q="포항"))
    assert result.total == 1
    assert {f.value: f.count for f in result.facets["city"]} == {"Pohang": 1}


def test_search_text_follows_profile_edits(operator, battery_startup):
    from yeongilman.directory.services import organisation_update

    organisation_update(
        actor=operator,
        organisation=battery_startup,
        values={"description_ko": "수소 연료전지 부품을 만듭니다."},
    )
    assert _names(AnonymousUser(), q="배터리") == ["영일만배터리"]  # still in the name
    assert _names(AnonymousUser(), q="양극재") == []
    assert _names(AnonymousUser(), q="연료전지") == ["영일만배터리"]


def test_pagination_pages_through_all_results(operator):
    for i in range(25):
        make_organisation(operator, name_en=f"Battery Maker {i:02d}")
    first = search_directory(AnonymousUser(), DirectoryFilters(q="battery"), page=1, page_size=20)
    second = search_directory(AnonymousUser(), DirectoryFilters(q="battery"), page=2, page_size=20)
    assert first.total == 25 and first.pages == 2
    assert len(first.results) == 20 and len(second.results) == 5
    assert not {o.pk for o in first.results} & {o.pk for o in second.results}


def test_choosing_a_value_keeps_the_other_values_of_its_group_on_offer(
    client, battery_startup, pittsburgh_lab
):
    from yeongilman.directory.selectors import DirectoryFilters, search_directory

    page = search_directory(AnonymousUser(), DirectoryFilters(kind=["startup"]))
    assert [o.name_ko for o in page.results] == ["영일만배터리"]
    kinds = {v.value: (v.count, v.selected) for v in page.facets["kind"]}
    # The research lab stays on offer with what choosing it too would add.
    assert kinds == {"startup": (1, True), "research": (1, False)}
    # Other groups count only what the choice leaves.
    assert {v.value for v in page.facets["country"]} == {"KR"}
    html = client.get("/en/directory/", {"kind": "startup", "q": "battery"}).content.decode()
    assert "Clear filters" in html and 'href="?q=battery"' in html
