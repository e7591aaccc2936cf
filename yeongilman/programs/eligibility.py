"""Eligibility of an organisation for a call, checked from its profile and explained."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from yeongilman.directory.models import Organisation, OrganisationKind
from yeongilman.directory.taxonomy import canonical_city, city_label
from yeongilman.programs.models import Call


def eligibility_rules(call: Call) -> list[str]:
    """The call's rules as plain sentences in the viewer's language (empty: open to all)."""
    rules = []
    if call.eligible_kinds:
        kinds = ", ".join(str(OrganisationKind(k).label) for k in call.eligible_kinds)
        rules.append(_("Organisation kind: %(kinds)s.") % {"kinds": kinds})
    industries = list(call.eligible_industries.all())
    if industries:
        names = ", ".join(str(i) for i in industries)
        rules.append(_("Works in at least one of: %(industries)s.") % {"industries": names})
    if call.eligible_cities:
        cities = ", ".join(city_label(c) for c in call.eligible_cities)
        rules.append(_("Based in: %(cities)s.") % {"cities": cities})
    if call.founded_from_year:
        rules.append(_("Founded in %(year)s or later.") % {"year": call.founded_from_year})
    if call.max_age_years is not None:
        rules.append(_("At most %(years)s years old.") % {"years": call.max_age_years})
    if call.max_employees is not None:
        rules.append(_("At most %(n)s employees.") % {"n": call.max_employees})
    return rules


def ineligibility_reasons(
    call: Call, organisation: Organisation, now: datetime | None = None
) -> list[str]:
    """Why the organisation may not apply, one sentence per rule it fails (empty: eligible)."""
    reasons = []
    if call.eligible_kinds and organisation.kind not in call.eligible_kinds:
        reasons.append(
            _("This call is for %(kinds)s; %(org)s is listed as %(kind)s.")
            % {
                "kinds": ", ".join(str(OrganisationKind(k).label) for k in call.eligible_kinds),
                "org": organisation,
                "kind": organisation.get_kind_display(),
            }
        )
    wanted = {i.code: i for i in call.eligible_industries.all()}
    if wanted and not ({i.code for i in organisation.industries.all()} & set(wanted)):
        reasons.append(
            _("This call is for organisations in %(industries)s; the profile names none of them.")
            % {"industries": ", ".join(str(i) for i in wanted.values())}
        )
    if call.eligible_cities:
        cities = {canonical_city(c) for c in call.eligible_cities}
        if canonical_city(organisation.city) not in cities:
            reasons.append(
                _("This call is for organisations based in %(cities)s; the profile says %(city)s.")
                % {
                    "cities": ", ".join(city_label(c) for c in call.eligible_cities),
                    "city": city_label(organisation.city) or _("no city"),
                }
            )
    year = (now or timezone.now()).year
    if call.founded_from_year or call.max_age_years is not None:
        if organisation.founded_year is None:
            reasons.append(_("The profile does not say when the organisation was founded."))
        elif call.founded_from_year and organisation.founded_year < call.founded_from_year:
            reasons.append(
                _("Founded in %(year)s; this call is for organisations founded from %(from)s.")
                % {"year": organisation.founded_year, "from": call.founded_from_year}
            )
        elif (
            call.max_age_years is not None and year - organisation.founded_year > call.max_age_years
        ):
            reasons.append(
                _("Founded in %(year)s, so %(age)s years old; this call allows at most %(max)s.")
                % {
                    "year": organisation.founded_year,
                    "age": year - organisation.founded_year,
                    "max": call.max_age_years,
                }
            )
    if call.max_employees is not None:
        if organisation.employees is None:
            reasons.append(_("The profile does not give a number of employees."))
        elif organisation.employees > call.max_employees:
            reasons.append(
                _("%(n)s employees; this call allows at most %(max)s.")
                % {"n": organisation.employees, "max": call.max_employees}
            )
    return reasons
