"""The match index's models, moved from partnering: their tables exist, only the state moves."""

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("partnering", "0003_index_replicas"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
        migrations.CreateModel(
            name='IndexReplica',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('worker', models.CharField(max_length=120, unique=True)),
                ('version', models.PositiveBigIntegerField(default=0)),
                ('seen_at', models.DateTimeField(db_index=True)),
            ],
            options={
                'db_table': 'partnering_indexreplica',
            },
        ),
        migrations.CreateModel(
            name='MatchIndexState',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveBigIntegerField(default=0)),
                ('changed_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'db_table': 'partnering_matchindexstate',
            },
        ),
        migrations.CreateModel(
            name='MatchVector',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=40, unique=True)),
                ('text_hash', models.CharField(max_length=64)),
                ('model_name', models.CharField(max_length=100)),
                ('lang', models.CharField(max_length=2)),
                ('whole', models.BinaryField()),
                ('about', models.BinaryField()),
                ('need', models.BinaryField(null=True)),
                ('tokens', models.TextField()),
                ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
            ],
            options={
                'db_table': 'partnering_matchvector',
            },
        ),
            ],
        ),
    ]
