from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "yeongilman.grants"
    verbose_name = _("Agreements and milestones")
    default_auto_field = "django.db.models.BigAutoField"
