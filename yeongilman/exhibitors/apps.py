from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitorsConfig(AppConfig):
    """The stand portal: products, brochures, the stand team and leads."""

    name = "yeongilman.exhibitors"
    label = "exhibitors"
    verbose_name = _("Exhibitors")
    default_auto_field = "django.db.models.BigAutoField"
