"""B2B meetings (slots, requests, interpreters, unavailable slots) now belong to the meetings app
and the stand portal (products, brochures, leads) to the exhibitors app. Their tables keep
their names, so only the state moves; the content types follow, so admin history and
permissions stay attached to the same rows."""

from django.db import migrations

MOVED = [
    ("meetingslot", "meetings", "meetingslot"),
    ("meetingrequest", "meetings", "meetingrequest"),
    ("interpreter", "meetings", "interpreter"),
    ("unavailability", "meetings", "slotunavailability"),
    ("exhibitorproduct", "exhibitors", "exhibitorproduct"),
    ("exhibitordocument", "exhibitors", "exhibitordocument"),
    ("lead", "exhibitors", "lead"),
]


def move_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for old_model, app_label, model in MOVED:
        if content_type.objects.filter(app_label=app_label, model=model).exists():
            continue
        content_type.objects.filter(app_label="events", model=old_model).update(
            app_label=app_label, model=model
        )


def back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for old_model, app_label, model in MOVED:
        content_type.objects.filter(app_label=app_label, model=model).update(
            app_label="events", model=old_model
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_proposed_slots_and_stop_zones"),
        ("meetings", "0001_initial"),
        ("exhibitors", "0001_initial"),
        ("outcomes", "0002_meetings_app"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(model_name="meetingrequest", name="interpreter"),
                migrations.RemoveField(model_name="meetingrequest", name="proposed_slots"),
                migrations.RemoveField(model_name="interpreter", name="available_slots"),
                migrations.DeleteModel(name="Unavailability"),
                migrations.DeleteModel(name="MeetingRequest"),
                migrations.DeleteModel(name="Interpreter"),
                migrations.DeleteModel(name="MeetingSlot"),
                migrations.DeleteModel(name="Lead"),
                migrations.DeleteModel(name="ExhibitorDocument"),
                migrations.DeleteModel(name="ExhibitorProduct"),
            ],
        ),
        migrations.RunPython(move_content_types, back),
    ]
