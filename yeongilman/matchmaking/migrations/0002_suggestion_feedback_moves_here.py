"""Feedback on suggestions, moved from partnering with the suggestions feature: its table
exists, only the state moves."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('matchmaking', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='SuggestionFeedback',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('subject', models.CharField(max_length=40)),
                        ('candidate', models.CharField(max_length=40)),
                        ('verdict', models.CharField(choices=[('useful', 'Useful'), ('not_useful', 'Not useful'), ('hidden', 'Hidden')], max_length=20)),
                        ('rank', models.PositiveSmallIntegerField(null=True)),
                        ('score', models.FloatField(null=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'partnering_suggestionfeedback',
                        'constraints': [models.UniqueConstraint(fields=('user', 'subject', 'candidate'), name='one_verdict_per_suggestion')],
                    },
                ),
            ],
        ),
    ]
