from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "yeongilman.outcomes"
    label = "outcomes"
    verbose_name = _("Meeting outcomes")
