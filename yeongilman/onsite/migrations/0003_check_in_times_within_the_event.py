"""Check-in times a desk's clock sent before they were bounded (year 1, 1970, a forged replay)
become the moment the server recorded them, so every stored time can be read back (PostgreSQL
keeps year 1 in Seoul as a BC timestamp its driver refuses) and lies within the event's days.
Only the database compares the times: a row that cannot be read is repaired without reading."""

from datetime import timedelta

from django.db import migrations
from django.db.models import F, Q

MARGIN = timedelta(days=1)  # onsite.services.SCAN_MARGIN when this was written


def check_in_times_bounded(apps, schema_editor) -> int:
    """Set each check-in's time outside its event's days (plus the margin) or after it was
    recorded to the time it was recorded; returns how many changed."""
    CheckIn = apps.get_model("onsite", "CheckIn")
    outside = (
        Q(checked_in_at__lt=F("event__starts_at") - MARGIN)
        | Q(checked_in_at__gt=F("event__ends_at") + MARGIN)
        | Q(checked_in_at__gt=F("recorded_at"))
    )
    wrong = CheckIn.objects.filter(outside).exclude(checked_in_at=F("recorded_at"))
    return wrong.update(checked_in_at=F("recorded_at"))


class Migration(migrations.Migration):
    dependencies = [("onsite", "0002_session_signups")]

    operations = [migrations.RunPython(check_in_times_bounded, migrations.RunPython.noop)]
