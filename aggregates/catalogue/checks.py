"""Checks on what a clerk gives for an item or an adjustment: the update limit against
policy, and an adjustment's reason against its kind (附件3 第三条–第五条)."""

from __future__ import annotations

import calendar as gregorian
from datetime import date

from aggregates.catalogue.vocabulary import (
    ALLOWED_KINDS,
    DECREE_711_26,
    ELEMENTS_ARTICLE,
    FILING_ARTICLE,
    TRIGGER_ARTICLES,
    TRIGGER_LABELS,
    UPDATE_KEY,
    AdjustmentKind,
    Cycle,
    Elements,
    Method,
    Reason,
    Trigger,
    UpdateLimit,
)
from aggregates.errors import InvalidInput, Malformed
from aggregates.policy import Policy


def settle_elements(elements: Elements, policy: Policy) -> Elements:
    """Fill the default update limit from policy and check it against Decree 711 第二十六条:
    a longer limit, or a fixed date each year, is the item's own, set by another law that it
    names (另有规定的，从其规定)."""
    limit = elements.update_limit
    default = policy.number(UPDATE_KEY)
    basis = (limit.basis or "").strip() or None
    if basis != limit.basis:
        limit = limit.model_copy(update={"basis": basis})
        elements = elements.model_copy(update={"update_limit": limit})
    if limit.cycle is Cycle.ANNUAL_DATE:
        if limit.month_day is None or limit.working_days is not None:
            raise Malformed(
                "update_date",
                "a fixed date each year gives the date (MM-DD, e.g. 01-31) and no working-day count",
                ELEMENTS_ARTICLE,
            )
        month, day = (int(x) for x in limit.month_day.split("-"))
        if day > gregorian.monthrange(2023, month)[1]:
            raise Malformed("update_date", f"{limit.month_day} is not a date in every year", ELEMENTS_ARTICLE)
        if basis is None:
            raise InvalidInput(
                "update_basis",
                "a fixed date each year is set by a law: name it (e.g. 《中华人民共和国政府信息公开条例》"
                "第四十九条 for the annual report, due 31 January)",
                DECREE_711_26,
            )
        return elements
    if limit.month_day is not None:
        raise Malformed("update_date", "a date each year goes with the cycle annual_date", ELEMENTS_ARTICLE)
    if limit.cycle is not Cycle.WORKING_DAYS:
        if limit.working_days is not None:
            raise InvalidInput(
                "update_working_days",
                f"a {limit.cycle.value} update cycle takes no working-day count",
                ELEMENTS_ARTICLE,
            )
        return elements
    if limit.working_days is None:
        return elements.model_copy(update={"update_limit": UpdateLimit(working_days=default)})
    if elements.method is Method.PROACTIVE and limit.working_days > default and basis is None:
        raise InvalidInput(
            "update_working_days",
            f"proactively disclosed information is published within {default} working days "
            f"of being formed or changed; {limit.working_days} is longer unless a law says otherwise: "
            "name it (--update-basis)",
            policy.cite(UPDATE_KEY),
        )
    return elements


def check_reason(reason: Reason, kind: AdjustmentKind) -> None:
    if kind not in ALLOWED_KINDS[reason.trigger]:
        allowed = " or ".join(sorted(k.value for k in ALLOWED_KINDS[reason.trigger]))
        raise InvalidInput(
            "trigger",
            f"{TRIGGER_ARTICLES[reason.trigger]} ({TRIGGER_LABELS[reason.trigger]}) "
            f"justifies an item being {allowed}, not {kind.value}",
            TRIGGER_ARTICLES[reason.trigger],
        )


def make_reason(
    trigger: Trigger | None, grounds: str | None, triggered_on: date | None, adjusted_on: date
) -> Reason | None:
    """The reason of an adjustment from a clerk's input, or None when none is given."""
    if trigger is None:
        if grounds or triggered_on:
            raise InvalidInput("trigger", "grounds and a trigger date go with a trigger", "附件3 第四条")
        return None
    if not grounds or not grounds.strip():
        raise InvalidInput(
            "grounds", "an adjustment states its grounds (调整依据), which are filed with it", FILING_ARTICLE
        )
    if trigger is Trigger.LAW and triggered_on is None:
        raise InvalidInput(
            "triggered_on",
            "a law-triggered adjustment gives the day the law or regulation took effect",
            TRIGGER_ARTICLES[Trigger.LAW],
        )
    return Reason(trigger=trigger, grounds=grounds, triggered_on=triggered_on or adjusted_on)


def require_reason(reason: Reason | None) -> Reason:
    if reason is None:
        raise InvalidInput(
            "trigger", "an adjustment names its trigger: law, elements, functions or other", "附件3 第四条"
        )
    return reason


# Facts a correction may not replace: the item's key in its unit's index, and the
