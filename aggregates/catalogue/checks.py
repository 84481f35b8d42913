"""Checks on what a clerk gives for an item or an adjustment: the update limit against
policy, and an adjustment's reason against its kind (附件3 第三条–第五条)."""

from __future__ import annotations

from datetime import date

from aggregates.catalogue.vocabulary import (
    ALLOWED_KINDS,
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
from aggregates.errors import InvalidInput
from aggregates.policy import Policy


def settle_elements(elements: Elements, policy: Policy) -> Elements:
    """Fill the default update limit from policy and check it against Decree 711 第二十六条."""
    limit = elements.update_limit
    default = policy.number(UPDATE_KEY)
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
    if elements.method is Method.PROACTIVE and limit.working_days > default:
        raise InvalidInput(
            "update_working_days",
            f"proactively disclosed information is published within {default} working days "
            f"of being formed or changed; {limit.working_days} is longer",
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
