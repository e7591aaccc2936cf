"""Every write of the communications app: organisers' messages, automatic mails, settings and
templates (rendering shared by all of them)."""

from yeongilman.communications.services.automatic import (
    change_lines,
    nudges_send,
    reminders_send,
    requests_expire,
    schedule_changes_notify,
)
from yeongilman.communications.services.messages import (
    TEXT_FIELDS,
    Preview,
    message_cancel,
    message_create,
    message_deliver,
    message_preview,
    message_send,
    messages_due,
)
from yeongilman.communications.services.rendering import (
    _automatic_log,
    recipient_values,
    render_for,
)
from yeongilman.communications.services.settings import (
    SETTING_FIELDS,
    comms_settings_update,
    template_preview,
    template_save,
)

__all__ = [
    "SETTING_FIELDS",
    "TEXT_FIELDS",
    "Preview",
    "_automatic_log",
    "change_lines",
    "comms_settings_update",
    "message_cancel",
    "message_create",
    "message_deliver",
    "message_preview",
    "message_send",
    "messages_due",
    "nudges_send",
    "recipient_values",
    "reminders_send",
    "render_for",
    "requests_expire",
    "schedule_changes_notify",
    "template_preview",
    "template_save",
]
