"""The bilingual industry taxonomy: the city's three new industries first, then the rest."""

from django.db import migrations

INDUSTRIES = [
    ("bio", "바이오·헬스케어", "Bio & healthcare"),
    ("battery", "이차전지", "Secondary battery"),
    ("hydrogen", "수소·에너지", "Hydrogen & energy"),
    ("ai", "AI·소프트웨어", "AI & software"),
    ("esg", "ESG·환경", "ESG & environment"),
    ("metaverse", "메타버스·XR", "Metaverse & XR"),
    ("robotics", "로봇·모빌리티", "Robotics & mobility"),
    ("materials", "신소재·철강", "Advanced materials & steel"),
    ("semiconductors", "반도체", "Semiconductors"),
    ("medtech", "의료기기·디지털헬스", "Medical devices & digital health"),
    ("manufacturing", "스마트 제조", "Smart manufacturing"),
    ("agrifood", "농식품·스마트팜", "Agri-food & smart farming"),
    ("consumer", "소비재·가전", "Consumer products & appliances"),
    ("content", "콘텐츠·미디어", "Content & media"),
    ("edtech", "교육", "Education"),
    ("finance", "금융·투자", "Finance & investment"),
    ("public", "공공·지역개발", "Public sector & regional development"),
    ("services", "전문 서비스", "Professional services"),
]


def add(apps, schema_editor):
    Industry = apps.get_model("directory", "Industry")
    for position, (code, name_ko, name_en) in enumerate(INDUSTRIES):
        Industry.objects.update_or_create(
            code=code, defaults={"name_ko": name_ko, "name_en": name_en, "position": position}
        )


def remove(apps, schema_editor):
    apps.get_model("directory", "Industry").objects.filter(
        code__in=[code for code, _ko, _en in INDUSTRIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_full_text_search_index")]

    operations = [migrations.RunPython(add, remove)]
