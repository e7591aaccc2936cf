from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartneringConfig(AppConfig):
    name = "yeongilman.partnering"
    verbose_name = _("Partnering")
    default_auto_field = "django.db.models.BigAutoField"
