from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "yeongilman.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from yeongilman.accounts import signals  # noqa: F401 - log-ins into the audit log
