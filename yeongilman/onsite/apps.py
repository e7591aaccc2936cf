from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnsiteConfig(AppConfig):
    name = "yeongilman.onsite"
    label = "onsite"
    verbose_name = _("On site")
    default_auto_field = "django.db.models.BigAutoField"
