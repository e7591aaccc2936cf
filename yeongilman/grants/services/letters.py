"""Letters of a call: the texts operators edit per kind, and sending them (agreement letters,
result letters) through the outbox."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, require_operator
from yeongilman.accounts.models import User
from yeongilman.core.audit import audit_record
from yeongilman.core.errors import Conflict, ValidationFailed
from yeongilman.core.i18n import pick
from yeongilman.grants.letters import check_template, fill
from yeongilman.grants.models import (
    Agreement,
    LetterKind,
    LetterTemplate,
)
from yeongilman.outbox.services import mail_address
from yeongilman.programs.models import Application, Call, Outcome


def default_letter(kind: str, language: str) -> dict[str, str]:
    """The built-in letter of a kind in a language (used until operators write their own)."""
    with translation.override(language):
        if kind == LetterKind.AGREEMENT:
            return {
                "subject": _("Your agreement for {call}"),
                "body": _(
                    "Dear {company},\n\nThe agreement for {call} is ready: {amount} for "
                    "{period}. Please upload the signed documents by {deadline} on the "
                    "platform.\n"
                ),
            }
        return {
            "subject": _("The result of {call}"),
            "body": _(
                "Dear {company},\n\nThe results of {call} are published. You can read "
                "yours on the platform.\n"
            ),
        }


def letter_values(
    application: Application, agreement: Agreement | None, language: str
) -> dict[str, str]:
    """What each placeholder stands for in a letter to this applicant, in a language."""
    org, call = application.organisation, application.call
    with translation.override(language):
        values = {
            "company": str(pick(org.name_ko, org.name_en, language)),
            "call": str(pick(call.title_ko, call.title_en, language)),
            "amount": "",
            "period": "",
            "deadline": "",
        }
        if agreement is not None:
            values["amount"] = _("%(amount)s KRW") % {
                "amount": formats.number_format(agreement.amount_krw, force_grouping=True)
            }
            values["period"] = (
                f"{agreement.starts_on.isoformat()} – {agreement.ends_on.isoformat()}"
            )
            values["deadline"] = agreement.sign_by.isoformat() if agreement.sign_by else "—"
    return values


def letter_texts(call: Call, kind: str, language: str) -> dict[str, str]:
    """The subject and body operators wrote for the call in a language, else the defaults."""
    template = LetterTemplate.objects.filter(call=call, kind=kind).first()
    default = default_letter(kind, language)
    if template is None:
        return default
    subject = getattr(template, f"subject_{language}") or default["subject"]
    body = getattr(template, f"body_{language}") or default["body"]
    return {"subject": subject, "body": body}


def letter_render(
    texts: dict[str, str], application: Application, agreement: Agreement | None, language: str
) -> dict[str, str]:
    """A letter's subject and body with the placeholders filled in (used for the preview)."""
    values = letter_values(application, agreement, language)
    return {"subject": fill(texts["subject"], values), "body": fill(texts["body"], values)}


@transaction.atomic
def letter_save(*, actor: AnyUser, call: Call, kind: str, values: dict[str, str]) -> LetterTemplate:
    """Save a call's letter in both languages; an unknown placeholder is refused by name."""
    user = require_operator(actor)
    if kind not in LetterKind.values:
        raise ValidationFailed(_("Unknown kind of letter."))
    texts = {
        k: str(values.get(k) or "") for k in ("subject_ko", "subject_en", "body_ko", "body_en")
    }
    check_template(texts)
    template, _created = LetterTemplate.objects.update_or_create(
        call=call, kind=kind, defaults=texts
    )
    audit_record(
        actor=user, action="letter_saved", subject=call, scope=f"call:{call.pk}", kind=kind
    )
    return template


def _send_letter(
    kind: str, application: Application, agreement: Agreement | None, users: list[User]
) -> int:
    """Queue the letter to each user in their language (the outbox delivers it from a task)."""
    for user in users:
        language = (user.language or settings.LANGUAGE_CODE)[:2]
        letter = letter_render(
            letter_texts(application.call, kind, language), application, agreement, language
        )
        mail_address(
            address=user.email,
            language=language,
            subject=letter["subject"],
            body=letter["body"],
            user=user,
            tag=f"grants/{kind}",
        )
    return len(users)


@transaction.atomic
def result_letters_send(*, actor: AnyUser, call: Call) -> None:
    """Queue the call's result letters for the task workers (after the commit)."""
    user = require_operator(actor)
    if not call.results_published_at:
        raise Conflict(_("Publish the results before sending result letters."))
    from yeongilman.grants.tasks import send_result_letters

    audit_record(actor=user, action="result_letters_queued", subject=call, scope=f"call:{call.pk}")
    transaction.on_commit(lambda: send_result_letters.enqueue(call.pk))


def result_letters_deliver(call_id: int) -> int:
    """Mail every decided applicant of the call its result letter; returns how many mails."""
    sent = 0
    applications = Application.objects.filter(
        call_id=call_id, outcome__in=[Outcome.SELECTED, Outcome.NOT_SELECTED]
    ).select_related("call", "organisation")
    for application in applications:
        agreement = Agreement.objects.filter(application=application).first()
        members = list(
            User.objects.filter(
                memberships__organisation_id=application.organisation_id, is_active=True
            ).order_by("pk")
        )
        with transaction.atomic():
            sent += _send_letter(LetterKind.RESULT, application, agreement, members)
    return sent
