"""Feedback on suggestions now belongs to the matchmaking app, with the whole suggestions
feature; its table keeps its name, so only the state moves, and its content type follows."""

from django.db import migrations


def move_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="matchmaking", model="suggestionfeedback").exists():
        content_type.objects.filter(app_label="partnering", model="suggestionfeedback").update(
            app_label="matchmaking"
        )


def back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="matchmaking", model="suggestionfeedback").update(
        app_label="partnering"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("partnering", "0004_match_index_moves_to_matchmaking"),
        ("matchmaking", "0002_suggestion_feedback_moves_here"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="SuggestionFeedback")],
        ),
        migrations.RunPython(move_content_type, back),
    ]
