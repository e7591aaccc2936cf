"""Every existing call gets one stage, named as a single review round, holding its pool,
rubric, reviews and applications; its settings follow the call's, so it behaves as before.
Existing submitted applications get receipt numbers in the order they were submitted."""

from django.db import migrations


def forwards(apps, schema_editor):
    Call = apps.get_model("programs", "Call")
    Stage = apps.get_model("programs", "Stage")
    for call in Call.objects.all().iterator():
        stage, _new = Stage.objects.get_or_create(
            call=call, position=1, defaults={"name_ko": "심사", "name_en": "Review"}
        )
        call.reviewer_pool.filter(stage__isnull=True).update(stage=stage)
        call.criteria.filter(stage__isnull=True).update(stage=stage)
        apps.get_model("programs", "Review").objects.filter(
            application__call=call, stage__isnull=True
        ).update(stage=stage)
        call.applications.filter(stage__isnull=True).update(stage=stage)
        issued = call.receipts_issued
        for application in call.applications.filter(
            receipt_number="", submitted_at__isnull=False
        ).order_by("submitted_at", "pk"):
            issued += 1
            application.receipt_number = f"{call.pk:04d}-{issued:05d}"
            application.save(update_fields=["receipt_number"])
        call.receipts_issued = issued
        call.save(update_fields=["receipts_issued"])


class Migration(migrations.Migration):
    dependencies = [("programs", "0002_review_stages_receipts_contact")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
