from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "yeongilman.accounts"
    label = "accounts"
