"""Checks an open day's acts and corrections share: text present, site fits the form,
quotas sum to the number invited."""

from __future__ import annotations

from aggregates.errors import InvalidInput
from aggregates.openday.vocabulary import (
    ART_FORMS,
    ART_RECRUIT,
    ART_SITES,
    KIND_LABELS,
    Form,
    RepresentativeKind,
    SiteKind,
    in_order,
)


def required(field: str, value: str | None, rule: str, article: str | None = None) -> str:
    if value is None or not value.strip():
        raise InvalidInput(field, rule, article)
    return value.strip()


def check_site(field: str, form: Form, site_kind: SiteKind) -> None:
    if form == Form.SITE_VISIT and site_kind == SiteKind.MEETING_VENUE:
        raise InvalidInput(
            field,
            "a site visit (参观调研) goes to a site of 第四条: financial_institution, infrastructure, "
            "key_project, rural_revitalisation or enterprise",
            f"{ART_FORMS}(一); {ART_SITES}",
        )


def check_quotas(
    field: str, representatives: int, quotas: dict[RepresentativeKind, int]
) -> dict[RepresentativeKind, int]:
    if representatives < 1:
        raise InvalidInput("representatives", "an open day invites at least 1 representative", ART_RECRUIT)
    if not quotas:
        raise InvalidInput(
            field, "give the quota (分配名额) of each kind of representative invited", ART_RECRUIT
        )
    for kind, places in quotas.items():
        if places < 1:
            raise InvalidInput(
                field,
                f"{kind.value} ({KIND_LABELS[kind]}) has {places} places; a kind that is invited has "
                "at least 1 (leave out a kind that gets none)",
                ART_RECRUIT,
            )
    total = sum(quotas.values())
    if total != representatives:
        raise InvalidInput(
            field,
            f"the quotas sum to {total}, not the {representatives} representatives to invite",
            ART_RECRUIT,
        )
    return in_order(quotas)
