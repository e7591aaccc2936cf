"""The engine's reasons in the viewer's language, and texts with the shared terms marked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from yeongilman.accounts.access import AnyUser
from yeongilman.directory.models import Industry, Organisation
from yeongilman.directory.taxonomy import country_label
from yeongilman.matching.explain import Reasons, Span
from yeongilman.matchmaking.memory import NO_FIT, Met

if TYPE_CHECKING:
    from yeongilman.matchmaking.selectors import SuggestedItem


@dataclass(frozen=True)
class ReasonLine:
    """One sentence of why a suggestion was made. `business`: it names facts from both
    profiles (words both use, the same thing in both languages, industries both work in)."""

    code: str
    text: str
    weight: float  # what the reason's signals added to the score
    business: bool = False


def ranked_reasons(
    reasons: Reasons, industries: Mapping[str, Industry] | None = None
) -> list[ReasonLine]:
    """The reasons as sentences, ordered by how much each contributed to the score (business
    facts first among equals). `industries` (code → Industry) saves a query per suggestion."""
    weight = dict(reasons.contributions)
    text = weight.get("text", 0.0)
    lines: list[ReasonLine] = []
    words = [f"{ours} = {theirs}" for ours, theirs in reasons.bridged_terms]
    words += [w for w in reasons.shared_terms if not any(w in pair for pair in words)]
    if words:
        if reasons.need_meets_offer:
            sentence = _("What you look for is what they do: %s")
        elif reasons.offer_meets_need:
            sentence = _("What you do is what they look for: %s")
        else:
            sentence = _("In both profiles: %s")
        lines.append(ReasonLine("text", sentence % ", ".join(words), text, business=True))
    elif reasons.need_meets_offer:
        lines.append(ReasonLine("text", _("What they do matches what you are looking for."), text))
    elif reasons.offer_meets_need:
        lines.append(ReasonLine("text", _("What you do matches what they are looking for."), text))
    if reasons.shared_industries:
        known = (
            industries if industries is not None else industries_by_code(reasons.shared_industries)
        )
        names = {code: str(industry.name) for code, industry in known.items()}
        lines.append(
            ReasonLine(
                "industries",
                _("Shared industries: %s")
                % ", ".join(names.get(c, c) for c in reasons.shared_industries),
                weight.get("industries", 0.0),
                business=True,
            )
        )
    if reasons.direction == "complement":
        lines.append(
            ReasonLine(
                "direction",
                _("They offer what you are looking for, or look for what you offer."),
                weight.get("direction", 0.0),
            )
        )
    elif reasons.direction == "same_side":
        lines.append(
            ReasonLine(
                "direction",
                _(
                    "You are on the same side (both offer or both seek this); listed as a "
                    "possible collaborator."
                ),
                weight.get("direction", 0.0),
            )  # fmt: skip
        )
    if reasons.kind_fit:
        lines.append(
            ReasonLine("kind", _("The kind of organisation you asked for."), weight.get("kind", 0))
        )
    if reasons.country_fit:
        lines.append(
            ReasonLine(
                "country",
                _("In a country you are looking at: %s") % country_label(reasons.country_fit),
                weight.get("country", 0.0),
            )
        )
    if reasons.met_by_peers:
        lines.append(
            ReasonLine(
                "peers",
                ngettext(
                    "%(count)d organisation like yours met them with a good outcome.",
                    "%(count)d organisations like yours met them with a good outcome.",
                    reasons.met_by_peers,
                )
                % {"count": reasons.met_by_peers},
                weight.get("peers", 0.0),
            )
        )
    if reasons.limit_respected:
        lines.append(
            ReasonLine(
                "limit", _("You meet what they state they take: “%s”") % reasons.limit_respected, 0
            )
        )
    return sorted(lines, key=lambda line: (-line.weight, not line.business))


def reason_lines(reasons: Reasons, industries: Mapping[str, Industry] | None = None) -> list[str]:
    """One sentence per reason, the largest contribution first (see `ranked_reasons`)."""
    return [line.text for line in ranked_reasons(reasons, industries)]


@dataclass(frozen=True)
class ShownReasons:
    """The reasons of a list of suggestions as a page shows them: a reason that every card
    would carry is said once above the list, and weak lists say so."""

    common: list[str]  # said once above the list
    per_item: list[list[str]]  # each card's own reasons, largest contribution first
    weak: bool  # none of the first three has a reason of its own from both profiles


def shown_reasons(
    reasons: list[Reasons], industries: Mapping[str, Industry] | None = None
) -> ShownReasons:
    """Split the reasons of ranked suggestions into what all share and what each has."""
    ranked = [ranked_reasons(r, industries) for r in reasons]
    texts = [{line.text for line in lines} for lines in ranked]
    common_texts = set.intersection(*texts) if len(texts) >= 2 else set()
    common = [line.text for line in ranked[0] if line.text in common_texts] if ranked else []
    per_item = [[line.text for line in lines if line.text not in common_texts] for lines in ranked]
    own_business = [
        any(line.business and line.text not in common_texts for line in lines)
        for lines in ranked[:3]
    ]
    return ShownReasons(common, per_item, weak=bool(ranked) and not any(own_business))


@dataclass(frozen=True)
class Excerpt:
    """The text a card shows: the viewer's language when the item has it."""

    text: str
    marks: tuple[Span, ...]
    written_in: str  # the language's name when the item exists only in another language


def excerpt_for(item: SuggestedItem, language: str) -> Excerpt:
    """The suggestion's text in the viewer's language (a bilingual profile shows the viewer's
    side, unmarked), else the indexed text with its marks and the language it is written in."""
    viewer = (language or "en")[:2]
    if item.lang == viewer or not item.lang:
        return Excerpt(item.text, item.suggestion.reasons.document_marks, "")
    suffix = "ko" if viewer == "ko" else "en"
    source = item.organisation or item.opportunity
    if source is not None:
        title = getattr(source, f"name_{suffix}", "") or getattr(source, f"title_{suffix}", "")
        body = getattr(source, f"description_{suffix}", "")
        if body.strip():
            return Excerpt(". ".join(p for p in (title.strip(), body.strip()) if p), (), "")
    return Excerpt(item.text, item.suggestion.reasons.document_marks, LANGUAGE_NAMES[item.lang]())


LANGUAGE_NAMES = {"ko": lambda: _("Korean"), "en": lambda: _("English")}


def industries_by_code(codes: Iterable[str]) -> dict[str, Industry]:
    """The taxonomy entries for the given codes, in one query."""
    return {i.code: i for i in Industry.objects.filter(code__in=list(codes))}


def met_when(met: Met) -> str:
    """The day of the meeting in the event's time zone (YYYY-MM-DD)."""
    zone = ZoneInfo(met.event.time_zone or settings.TIME_ZONE)
    return timezone.localtime(met.met_at, zone).date().isoformat()


def met_line(met: Met) -> str:
    """Why a partner met is not a new suggestion: "Met at <event> on <day>: no fit." or an
    open follow-up, in the viewer's language."""
    values = {"event": str(met.event.title), "day": met_when(met)}
    if met.state == NO_FIT:
        return _("Met at %(event)s on %(day)s: no fit. Not suggested again.") % values
    return (
        _("Met at %(event)s on %(day)s: cooperation possible. An open follow-up, not a new "
          "suggestion.") % values
    )  # fmt: skip


def profile_notes(user: AnyUser, organisation: Organisation) -> list[str]:
    """For an organisation's profile page: what the viewer's organisations' meetings with it
    came to (handed to the directory in MatchmakingConfig.ready)."""
    from yeongilman.matchmaking.selectors import met_notes

    notes = met_notes(user, organisation)
    if len(notes) == 1:
        return [met_line(notes[0][1])]
    return [f"{own.name.primary}: {met_line(met)}" for own, met in notes]
