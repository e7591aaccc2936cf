"""Directory pages as people use them: search, profiles, forms, import, export, languages."""

import csv
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from tests.conftest import login
from yeongilman.directory.models import Organisation


def _url(name, lang="ko", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def test_directory_page_searches_in_korean(client, battery_startup, pittsburgh_lab):
    response = client.get(_url("directory:list"), {"q": "양극재"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "영일만배터리" in body and "Allegheny Robotics Lab" not in body
    assert "조직 1개" in body


def test_directory_page_speaks_english_under_en(client, battery_startup):
    response = client.get(_url("directory:list", "en"), {"country": "KR"})
    body = response.content.decode()
    assert 'lang="en"' in body and "Directory" in body and "South Korea" in body


def test_directory_page_speaks_korean_under_ko(client, battery_startup):
    body = client.get(_url("directory:list", "ko")).content.decode()
    assert "디렉터리" in body and "대한민국" in body


def test_htmx_request_gets_only_the_results_fragment(client, battery_startup):
    response = client.get(_url("directory:list"), {"q": "배터리"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "영일만배터리" in body and "<html" not in body


def test_profile_shows_viewer_language_first(client, operator):
    from tests.factories import make_organisation

    org = make_organisation(
        operator, name_ko="포스코", name_en="POSCO", description_ko="철강", description_en="Steel"
    )
    ko = client.get(_url("directory:detail", "ko", slug=org.slug)).content.decode()
    en = client.get(_url("directory:detail", "en", slug=org.slug)).content.decode()
    assert ko.index("<h1>포스코") < ko.index("POSCO")
    assert en.index("<h1>POSCO") < en.index("포스코")


def test_unpublished_profile_is_404_for_others_and_visible_to_members(
    client, hidden_org, member, other_member
):
    url = _url("directory:detail", slug=hidden_org.slug)
    assert client.get(url).status_code == 404
    assert login(client, other_member).get(url).status_code == 404
    client.logout()
    assert login(client, member).get(url).status_code == 200


def test_contacts_need_login_and_consent(client, member, consenting_person, private_person):
    url = _url("directory:detail", slug=consenting_person.organisations.get().slug)
    anonymous = client.get(url).content.decode()
    assert "consent@example.kr" not in anonymous and "private@example.kr" not in anonymous
    signed_in = login(client, member).get(url).content.decode()
    assert "consent@example.kr" in signed_in
    assert "private@example.kr" not in signed_in


def test_edit_form_keeps_what_was_typed_and_explains_errors(client, member, battery_startup):
    login(client, member)
    url = _url("directory:edit", slug=battery_startup.slug)
    response = client.post(
        url,
        {
            "kind": "startup",
            "name_ko": "",
            "name_en": "",
            "description_ko": "새로 쓴 설명은 사라지면 안 됩니다",
            "country": "KR",
            "founded_year": "1700",
            "stage": "seed",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "새로 쓴 설명은 사라지면 안 됩니다" in body
    assert "이름을 한국어 또는 영어로 입력하세요." in body
    assert "1800" in body  # the minimum year is explained
    battery_startup.refresh_from_db()
    assert battery_startup.description_ko.startswith("포항에서")


def test_member_saves_an_edit(client, member, battery_startup):
    login(client, member)
    url = _url("directory:edit", slug=battery_startup.slug)
    response = client.post(
        url,
        {
            "kind": "startup",
            "name_ko": "영일만배터리",
            "description_ko": "전고체 배터리를 개발합니다.",
            "industries": ["battery", "materials"],
            "country": "KR",
            "city": "Pohang",
            "stage": "series_a",
            "tags": "LFP, recycling",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    battery_startup.refresh_from_db()
    assert battery_startup.stage == "series_a"
    assert battery_startup.tags == ["LFP", "recycling"]
    assert {i.code for i in battery_startup.industries.all()} == {"battery", "materials"}


def test_member_gets_403_editing_another_organisation(client, member, pittsburgh_lab):
    login(client, member)
    url = _url("directory:edit", slug=pittsburgh_lab.slug)
    assert client.get(url).status_code == 403
    assert client.post(url, {"kind": "startup", "name_en": "x", "country": "KR"}).status_code == 403
    pittsburgh_lab.refresh_from_db()
    assert pittsburgh_lab.name_en == "Allegheny Robotics Lab"


def test_import_page_reports_bad_rows(client, operator, django_capture_on_commit_callbacks):
    login(client, operator)
    upload = SimpleUploadedFile(
        "orgs.csv",
        b"kind,name_en,country\nstartup,Good One,KR\nalien,Bad One,KR\nstartup,Good Two,US\n",
        content_type="text/csv",
    )
    with django_capture_on_commit_callbacks(execute=True):  # the job runs at once in tests
        queued = client.post(_url("directory:import"), {"file": upload})
    assert queued.status_code == 302 and "?job=" in queued["Location"]
    response = client.get(queued["Location"])  # a reload shows the same report
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-figure="created">2<' in body and 'data-figure="failed">1<' in body
    assert "<td>3</td>" in body and "alien" in body
    assert Organisation.objects.count() == 2


def test_import_form_does_a_real_import_unless_dry_run_is_ticked(client, operator):
    login(client, operator)
    body = client.get(_url("directory:import")).content.decode()
    (dry_run_box,) = re.findall(r'<input[^>]*name="dry_run"[^>]*>', body)
    assert "checked" not in dry_run_box


def test_after_a_dry_run_the_same_file_is_imported_for_real_with_one_button(
    client, operator, django_capture_on_commit_callbacks
):
    login(client, operator)
    upload = SimpleUploadedFile(
        "partners.csv",
        b"kind,name_en,country\nstartup,Good One,KR\nalien,Bad One,KR\nstartup,Good Two,US\n",
        content_type="text/csv",
    )
    with django_capture_on_commit_callbacks(execute=True):
        dry = client.post(_url("directory:import", "en"), {"file": upload, "dry_run": "on"})
    body = client.get(dry["Location"]).content.decode()
    assert Organisation.objects.count() == 0
    assert "Dry run: nothing was saved" in body
    assert "2 organisations will be created or updated" in body
    dry_run_id = dry["Location"].split("job=")[1]
    assert f'name="after_dry_run" value="{dry_run_id}"' in body

    with django_capture_on_commit_callbacks(execute=True):
        real = client.post(_url("directory:import", "en"), {"after_dry_run": dry_run_id})
    assert real.status_code == 302 and real["Location"] != dry["Location"]
    body = client.get(real["Location"]).content.decode()
    assert "Import finished" in body and 'data-figure="created">2<' in body
    assert "Import these rows now" not in body
    assert sorted(Organisation.objects.values_list("name_en", flat=True)) == [
        "Good One",
        "Good Two",
    ]


def test_a_real_import_cannot_be_started_from_another_real_import(
    client, operator, django_capture_on_commit_callbacks
):
    login(client, operator)
    upload = SimpleUploadedFile("one.csv", b"kind,name_en\nstartup,Only One\n")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(_url("directory:import", "en"), {"file": upload})
    real_id = first["Location"].split("job=")[1]
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(_url("directory:import", "en"), {"after_dry_run": real_id})
    assert again["Location"] == first["Location"]
    assert "upload the file again" in client.get(again["Location"]).content.decode()
    assert Organisation.objects.count() == 1


def test_import_page_is_for_operators_only(client, member):
    login(client, member)
    assert client.get(_url("directory:import")).status_code == 403


def test_export_csv_follows_the_filters_and_round_trips(
    client, operator, battery_startup, pittsburgh_lab
):
    response = client.get(_url("directory:export"), {"country": "US", "format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["name_en"] for r in rows] == ["Allegheny Robotics Lab"]
    assert rows[0]["industries"] == "ai;robotics" or rows[0]["industries"] == "robotics;ai"

    from yeongilman.directory.importing import import_organisations

    report = import_organisations(
        actor=operator, filename="export.csv", data=text.encode(), dry_run=True
    )
    assert report.unchanged == 1 and not report.errors


def test_export_xlsx_contains_the_search_results(client, battery_startup, pittsburgh_lab):
    response = client.get(_url("directory:export"), {"q": "양극재", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("kind", "name_ko", "name_en")
    assert [r[1] for r in rows[1:]] == ["영일만배터리"]


def test_language_switch_remembers_the_choice(client, member, battery_startup):
    login(client, member)
    page = _url("directory:detail", "ko", slug=battery_startup.slug)
    response = client.post(reverse("switch_language"), {"language": "en", "next": page})
    assert response.status_code == 302
    assert response["Location"] == _url("directory:detail", "en", slug=battery_startup.slug)
    member.refresh_from_db()
    assert member.language == "en"
    assert client.cookies["yv_language"].value == "en"


def test_language_switch_refuses_foreign_redirects(client):
    response = client.post(
        reverse("switch_language"), {"language": "en", "next": "https://evil.example.com/"}
    )
    assert response["Location"] == "/en/"


def test_create_form_makes_the_member_owner(client, member):
    login(client, member)
    response = client.post(
        _url("directory:new"),
        {"kind": "startup", "name_ko": "새싹랩", "country": "KR", "city": "포항"},
    )
    org = Organisation.objects.get(name_ko="새싹랩")
    assert response.status_code == 302
    assert response["Location"] == _url("directory:detail", slug=org.slug)
    assert org.memberships.get().user == member
    assert org.city == "Pohang"


def test_home_page_renders_figures(client, battery_startup):
    body = client.get("/ko/").content.decode()
    assert "영일만 밸리" in body


def test_admin_edit_keeps_search_in_step(client, operator, battery_startup):
    from django.contrib.auth.models import AnonymousUser

    from yeongilman.directory.selectors import DirectoryFilters, search_directory

    operator.is_staff = operator.is_superuser = True
    operator.save()
    login(client, operator)
    url = reverse("admin:directory_organisation_change", args=[battery_startup.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "slug": battery_startup.slug,
        "kind": "startup",
        "name_ko": "영일만배터리",
        "name_en": "Yeongilman Hydrogen",
        "description_ko": "",
        "description_en": "Electrolysers",
        "industries": [i.pk for i in battery_startup.industries.all()],
        "stage": "seed",
        "city": "Pohang",
        "country": "KR",
        "website": battery_startup.website,
        "business_number": "",
        "tags": "[]",
        "is_published": "on",
        "source": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    found = search_directory(AnonymousUser(), DirectoryFilters(q="electrolyser"))
    assert [o.pk for o in found.results] == [battery_startup.pk]


def test_directory_page_query_count_does_not_grow_with_results(
    client, operator, django_assert_max_num_queries
):
    from tests.factories import make_organisation

    for i in range(30):
        make_organisation(operator, name_en=f"Battery Org {i}", industries=("battery", "ai"))
    # session-free visitor: facets (2) + taxonomy (1) + page (1) + industries prefetch (1)
    with django_assert_max_num_queries(6):
        response = client.get(_url("directory:list", "en"), {"q": "battery"})
    assert response.content.decode().count('class="card"') == 20
