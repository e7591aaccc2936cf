"""Synonyms per industry: the names people type, so 배터리, 이차전지 and battery find the same."""

from django.db import migrations, models

SYNONYMS = {
    "bio": "바이오\n생명과학\n헬스케어\n제약\n신약\nbio\nbiotech\nbiotechnology\nlife science\n"
    "healthcare\npharma\npharmaceutical",
    "battery": "배터리\n이차전지\n2차전지\n축전지\nbattery\nsecondary battery\n"
    "rechargeable battery",
    "hydrogen": "수소\n수소에너지\n연료전지\nhydrogen\nfuel cell",
    "ai": "인공지능\nAI\n소프트웨어\n머신러닝\n딥러닝\nartificial intelligence\nsoftware\n"
    "machine learning\ndeep learning",
    "esg": "ESG\n친환경\n탄소중립\n지속가능성\nsustainability\ncarbon neutral\nclimate tech",
    "metaverse": "메타버스\n가상현실\n증강현실\nXR\nVR\nmetaverse\nvirtual reality\n"
    "augmented reality",
    "robotics": "로봇\n로보틱스\n모빌리티\n자율주행\nrobot\nrobotics\nmobility\n"
    "autonomous driving",
    "materials": "신소재\n소재\n철강\n금속\nmaterials\nadvanced materials\nsteel\nmetal",
    "semiconductors": "반도체\n시스템반도체\nsemiconductor\nchip",
    "medtech": "의료기기\n디지털헬스\n디지털 헬스케어\nmedical device\nmedtech\ndigital health",
    "manufacturing": "스마트 제조\n스마트공장\n스마트팩토리\nsmart manufacturing\n"
    "smart factory",
    "agrifood": "농식품\n스마트팜\n푸드테크\n애그테크\nagrifood\nsmart farm\nfoodtech\nagritech",
    "consumer": "소비재\n가전\nconsumer products\nhome appliance",
    "content": "콘텐츠\n미디어\n게임\ncontent\nmedia\ngame",
    "edtech": "교육\n에듀테크\neducation\nedtech",
    "finance": "금융\n핀테크\n벤처캐피탈\nfinance\nfintech\nventure capital",
    "public": "공공\n지역개발\n지자체\npublic sector\nregional development",
    "services": "전문 서비스\n컨설팅\nconsulting\nprofessional services",
}


def fill(apps, schema_editor):
    Industry = apps.get_model("directory", "Industry")
    for code, synonyms in SYNONYMS.items():
        Industry.objects.filter(code=code, synonyms="").update(synonyms=synonyms)


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_organisation_version")]

    operations = [
        migrations.AddField(
            model_name="industry",
            name="synonyms",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Other names people search for, in Korean or English, one per line "
                    "(e.g. 배터리, 2차전지, battery). A search for any of them finds the others."
                ),
                verbose_name="synonyms",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
