"""Print a new API token for an existing user (first set-up, automation)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yeongilman.accounts.models import User
from yeongilman.accounts.services import api_token_issue_from_console
from yeongilman.core.errors import DomainError


class Command(BaseCommand):
    help = "Issue an API token for an existing user and print it (shown only this once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The user's e-mail address.")
        parser.add_argument("name", help="What the token is for, e.g. 'nightly import'.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=options["email"].strip().lower(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active user with the e-mail address {options['email']}.")
        try:
            _token, raw = api_token_issue_from_console(user=user, name=options["name"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(raw)
