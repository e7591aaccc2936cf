"""The texts each kind of mail starts with, until operators save their own (content in both
languages, not interface strings: they are edited as data, like the operators' own)."""

from __future__ import annotations

from yeongilman.communications.models import MailKind

DEFAULTS: dict[str, dict[str, str]] = {
    MailKind.NUDGE: {
        "subject_ko": "{event}: 상담 신청을 아직 하지 않으셨습니다",
        "subject_en": "{event}: you have not asked anyone for a meeting yet",
        "body_ko": "{name}님, 안녕하세요.\n\n{event} B2B 상담 신청이 열려 있습니다. "
        "만나고 싶은 참가자에게 상담을 신청해 주세요.\n\n{link}",
        "body_en": "Hello {name},\n\nBooking for {event} is open. Ask the participants you "
        "would like to meet for a meeting.\n\n{link}",
    },
    MailKind.REMINDER: {
        "subject_ko": "{event}: {time} 상담 안내",
        "subject_en": "{event}: your meeting at {time}",
        "body_ko": "{name}님, 안녕하세요.\n\n"
        "{partner}({organisation})님과의 상담이 곧 시작됩니다.\n"
        "시간: {time}\n행사 현지 시간: {event_time}\n장소: {table}{link}",
        "body_en": "Hello {name},\n\nYour meeting with {partner} ({organisation}) starts soon.\n"
        "Time: {time}\nEvent time: {event_time}\nWhere: {table}{link}",
    },
    MailKind.EXPIRY: {
        "subject_ko": "{event}: 상담 신청이 만료되었습니다",
        "subject_en": "{event}: a meeting request expired",
        "body_ko": "{name}님, 안녕하세요.\n\n{partner}({organisation})님과의 상담 신청이 "
        "{days}일 동안 응답이 없어 만료되었습니다. 필요하시면 다시 신청해 주세요.\n\n{link}",
        "body_en": "Hello {name},\n\nThe meeting request between you and {partner} "
        "({organisation}) had no answer for {days} days and has expired. You can ask again.\n\n"
        "{link}",
    },
    MailKind.SCHEDULE_CHANGED: {
        "subject_ko": "{event}: 상담 일정이 변경되었습니다",
        "subject_en": "{event}: your meeting schedule changed",
        "body_ko": "{name}님, 안녕하세요.\n\n상담 일정이 다음과 같이 변경되었습니다.\n\n"
        "{changes}\n\n{link}",
        "body_en": "Hello {name},\n\nYour meeting schedule changed:\n\n{changes}\n\n{link}",
    },
    MailKind.CUSTOM: {
        "subject_ko": "{event} 안내",
        "subject_en": "News from {event}",
        "body_ko": "{name}님, 안녕하세요.\n\n",
        "body_en": "Hello {name},\n\n",
    },
}


# What the control room's "send the agendas" starts the message with (an organiser's message to
# the confirmed participants once the scheduler has placed the meetings).
AGENDA_MESSAGE = {
    "subject_ko": "{event}: 상담 일정이 확정되었습니다",
    "subject_en": "{event}: your meetings are scheduled",
    "body_ko": "{name}님, 안녕하세요.\n\n{event}의 B2B 상담 일정이 확정되었습니다. "
    "상담 시간과 테이블은 아래에서 확인하실 수 있습니다(내 일정에서 PDF로도 받으실 수 "
    "있습니다).\n\n{link}",
    "body_en": "Hello {name},\n\nYour B2B meetings at {event} are scheduled. See each "
    "meeting's time and table below (My agenda also offers it as a PDF).\n\n{link}",
}


def agenda_texts() -> dict[str, str]:
    """The texts of the message that tells participants their agendas are ready."""
    return dict(AGENDA_MESSAGE)
