from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "yeongilman.accounts"
    label = "accounts"

    def ready(self) -> None:
        from yeongilman.accounts import signals  # noqa: F401 - log-ins into the audit log
