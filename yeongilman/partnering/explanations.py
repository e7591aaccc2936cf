"""The engine's reasons in the viewer's language, and texts with the shared terms marked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from yeongilman.directory.models import Industry
from yeongilman.directory.taxonomy import country_label
from yeongilman.matching.explain import Reasons, Span


def reason_lines(reasons: Reasons, industries: Mapping[str, Industry] | None = None) -> list[str]:
    """One sentence per reason, most telling first. `industries` (code → Industry) saves a
    query per suggestion when a list is rendered."""
    lines: list[str] = []
    if reasons.direction == "complement":
        lines.append(_("They offer what you are looking for, or look for what you offer."))
    elif reasons.direction == "same_side":
        lines.append(_("You are on the same side (both offer or both seek this); listed as a "
                       "possible collaborator."))  # fmt: skip
    if reasons.need_meets_offer:
        lines.append(_("What they do matches what you are looking for."))
    if reasons.offer_meets_need:
        lines.append(_("What you do matches what they are looking for."))
    if reasons.shared_industries:
        known = (
            industries if industries is not None else industries_by_code(reasons.shared_industries)
        )
        names = {code: str(industry.name) for code, industry in known.items()}
        lines.append(
            _("Shared industries: %s")
            % ", ".join(names.get(c, c) for c in reasons.shared_industries)
        )
    if reasons.shared_terms:
        lines.append(_("Key phrases in both texts: %s") % ", ".join(reasons.shared_terms))
    if reasons.kind_fit:
        lines.append(_("The kind of organisation you asked for."))
    if reasons.country_fit:
        lines.append(_("In a country you are looking at: %s") % country_label(reasons.country_fit))
    if not lines:
        lines.append(_("Similar in meaning across languages."))
    return lines


def industries_by_code(codes: Iterable[str]) -> dict[str, Industry]:
    """The taxonomy entries for the given codes, in one query."""
    return {i.code: i for i in Industry.objects.filter(code__in=list(codes))}


def marked(text: str, marks: tuple[Span, ...]) -> SafeString:
    """The text, escaped, with each marked span wrapped in <mark>."""
    out: list[str] = []
    position = 0
    for start, end in sorted(marks):
        if start < position or end > len(text):
            continue
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
