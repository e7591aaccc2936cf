"""The match index's models now belong to the matchmaking app; their tables stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("partnering", "0003_index_replicas"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="MatchVector"),
                migrations.DeleteModel(name="MatchIndexState"),
                migrations.DeleteModel(name="IndexReplica"),
            ],
            database_operations=[],
        ),
    ]
