"""B2B meeting models, moved from events: their tables exist already, only the state moves."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('events', '0006_proposed_slots_and_stop_zones'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='MeetingSlot',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('starts_at', models.DateTimeField(verbose_name='starts')),
                        ('ends_at', models.DateTimeField(verbose_name='ends')),
                        ('capacity', models.PositiveIntegerField(blank=True, null=True, verbose_name='tables')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='slots', to='events.event')),
                    ],
                    options={
                        'verbose_name': 'meeting slot',
                        'verbose_name_plural': 'meeting slots',
                        'db_table': 'events_meetingslot',
                        'ordering': ['starts_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Interpreter',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('languages', models.CharField(default='ko, en', max_length=100, verbose_name='languages')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='interpreters', to='events.event')),
                        ('available_slots', models.ManyToManyField(blank=True, related_name='interpreters', to='meetings.meetingslot', verbose_name='free in')),
                    ],
                    options={
                        'verbose_name': 'interpreter',
                        'verbose_name_plural': 'interpreters',
                        'db_table': 'events_interpreter',
                        'ordering': ['name', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='MeetingRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('message', models.TextField(blank=True, verbose_name='message')),
                        ('status', models.CharField(choices=[('requested', 'Requested'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('cancelled', 'Cancelled')], default='requested', max_length=10, verbose_name='status')),
                        ('priority', models.PositiveSmallIntegerField(default=1, verbose_name='priority')),
                        ('mode', models.CharField(choices=[('in_person', 'In person (at a table)'), ('online', 'Online (video link)')], default='in_person', max_length=10, verbose_name='how')),
                        ('video_link', models.URLField(blank=True, max_length=500, verbose_name='video link')),
                        ('needs_interpreter', models.BooleanField(default=False, verbose_name='Korean–English interpretation')),
                        ('table', models.PositiveIntegerField(blank=True, null=True, verbose_name='table')),
                        ('confirmed', models.BooleanField(default=False, verbose_name='confirmed')),
                        ('unscheduled_reason', models.CharField(blank=True, max_length=200)),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meeting_requests', to='events.event')),
                        ('interpreter', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='meetings', to='meetings.interpreter')),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='received_requests', to='events.registration')),
                        ('requester', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sent_requests', to='events.registration')),
                        ('proposed_slots', models.ManyToManyField(blank=True, related_name='proposed_in', to='meetings.meetingslot', verbose_name='proposed slots')),
                        ('slot', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='meetings', to='meetings.meetingslot')),
                    ],
                    options={
                        'verbose_name': 'meeting request',
                        'verbose_name_plural': 'meeting requests',
                        'db_table': 'events_meetingrequest',
                        'ordering': ['created_at', 'id'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'cancelled'), _negated=True), fields=('requester', 'recipient'), name='one_request_per_pair'), models.CheckConstraint(condition=models.Q(('requester', models.F('recipient')), _negated=True), name='no_self_meeting')],
                    },
                ),
                migrations.CreateModel(
                    name='SlotUnavailability',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='unavailable', to='events.registration')),
                        ('slot', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='meetings.meetingslot')),
                    ],
                    options={
                        'db_table': 'events_unavailability',
                        'constraints': [models.UniqueConstraint(fields=('registration', 'slot'), name='one_unavailability_per_slot')],
                    },
                ),
            ],
        ),
    ]
