"""Meetings now belong to the meetings app; the foreign keys' columns and constraints stay."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0001_initial'),
        ('outcomes', '0001_meeting_outcomes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='feedback',
                    name='meeting',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='feedback', to='meetings.meetingrequest'),
                ),
                migrations.AlterField(
                    model_name='followup',
                    name='meeting',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='follow_ups', to='meetings.meetingrequest'),
                ),
                migrations.AlterField(
                    model_name='noshow',
                    name='meeting',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='no_shows', to='meetings.meetingrequest'),
                ),
                migrations.AlterField(
                    model_name='outcomelink',
                    name='meeting',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='outcome_links', to='meetings.meetingrequest'),
                ),
            ],
        ),
    ]
