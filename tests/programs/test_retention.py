"""Retention: files of applications that were not selected go N years after the call closed;
the selected applicants' files stay."""

from datetime import timedelta

from django.utils import timezone

from yeongilman.privacy.services import retention_apply
from yeongilman.programs.models import Application, ApplicationFile, Call, Outcome


def _closed(call: Call, days_ago: int) -> None:
    closes = timezone.now() - timedelta(days=days_ago)
    Call.objects.filter(pk=call.pk).update(opens_at=closes - timedelta(days=30), closes_at=closes)


def test_files_of_rejected_applications_are_erased_after_the_retention_period(
    settings, submitted, ces_call
):
    settings.YV_RETENTION_APPLICATION_FILES_YEARS = 3
    stored = submitted.files.get()
    path = stored.file.path
    Application.objects.filter(pk=submitted.pk).update(outcome=Outcome.NOT_SELECTED)
    _closed(ces_call, 365 * 2)
    assert retention_apply()["application_files"] == 0  # two years: kept
    _closed(ces_call, 365 * 4)
    assert retention_apply()["application_files"] == 1
    assert not ApplicationFile.objects.filter(pk=stored.pk).exists()
    import os

    assert not os.path.exists(path)


def test_files_of_selected_applications_stay(settings, submitted, ces_call):
    Application.objects.filter(pk=submitted.pk).update(outcome=Outcome.SELECTED)
    _closed(ces_call, 365 * 9)
    assert retention_apply()["application_files"] == 0
    assert submitted.files.exists()
