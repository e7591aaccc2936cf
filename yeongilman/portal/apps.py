from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top floor: pages made of several apps (front page, My agenda, the System page) and
    the wiring that knows them all (demo loading, health)."""

    name = "yeongilman.portal"
    label = "portal"
    verbose_name = _("Portal")
