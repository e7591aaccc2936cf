"""The stand portal's models, moved from events: their tables exist already, only the state moves."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('events', '0006_proposed_slots_and_stop_zones'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ExhibitorDocument',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('file', models.FileField(editable=False, max_length=200, upload_to='', verbose_name='file')),
                        ('size', models.PositiveIntegerField(default=0, editable=False, verbose_name='size in bytes')),
                        ('exhibitor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='events.exhibitor')),
                    ],
                    options={
                        'verbose_name': 'exhibitor document',
                        'verbose_name_plural': 'exhibitor documents',
                        'db_table': 'events_exhibitordocument',
                        'ordering': ['created_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='ExhibitorProduct',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name_ko', models.CharField(blank=True, max_length=200, verbose_name='name (Korean)')),
                        ('name_en', models.CharField(blank=True, max_length=200, verbose_name='name (English)')),
                        ('description_ko', models.TextField(blank=True, verbose_name='description (Korean)')),
                        ('description_en', models.TextField(blank=True, verbose_name='description (English)')),
                        ('image', models.FileField(blank=True, editable=False, max_length=200, upload_to='', verbose_name='image')),
                        ('exhibitor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='events.exhibitor')),
                    ],
                    options={
                        'verbose_name': 'product',
                        'verbose_name_plural': 'products',
                        'db_table': 'events_exhibitorproduct',
                        'ordering': ['id'],
                    },
                ),
                migrations.CreateModel(
                    name='Lead',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('rating', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='rating')),
                        ('tags', models.JSONField(blank=True, default=list, verbose_name='tags')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('follow_up_on', models.DateField(blank=True, null=True, verbose_name='follow up on')),
                        ('captured_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('exhibitor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='leads', to='events.exhibitor')),
                        ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='leads', to='events.registration')),
                    ],
                    options={
                        'verbose_name': 'lead',
                        'verbose_name_plural': 'leads',
                        'db_table': 'events_lead',
                        'ordering': ['-updated_at', '-id'],
                        'constraints': [models.UniqueConstraint(fields=('exhibitor', 'registration'), name='one_lead_per_visitor'), models.CheckConstraint(condition=models.Q(('rating__isnull', True), models.Q(('rating__gte', 1), ('rating__lte', 5)), _connector='OR'), name='lead_rating_1_to_5')],
                    },
                ),
            ],
        ),
    ]
