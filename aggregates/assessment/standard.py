"""The year's scoring standard (附件5 第四条): points per criterion, summing to the scale."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from aggregates.assessment.scoring import (
    check_amounts,
    policy_points,
)
from aggregates.assessment.vocabulary import (
    ART_CRITERIA,
    ART_SCALE,
    CRITERION_ITEMS,
    Criterion,
    in_order,
    show,
    total_of,
)
from aggregates.base import Aggregate, Event, Stamp, stable_id
from aggregates.errors import InvalidInput, Refused
from aggregates.policy import Policy


class ScoringStandard(Aggregate):
    """The year's scoring standard: points per criterion of 附件5 第四条, summing to the scale."""

    kind = "scoring_standard"

    year: int
    points: dict[Criterion, Decimal]
    policy_version: str

    @staticmethod
    def id_for(year: int) -> UUID:
        return stable_id("scoring_standard", str(year))

    @classmethod
    def record(
        cls,
        stamp: Stamp,
        year: int,
        points: dict[Criterion, Decimal],
        policy: Policy,
        existing: ScoringStandard | None,
    ) -> ScoringStandard:
        if existing is not None:
            raise Refused("year", f"the scoring standard of {year} is already recorded", ART_SCALE)
        check_amounts("points", points, ART_CRITERIA)
        for criterion, value in points.items():
            if value <= 0:
                raise InvalidInput("points", f"{criterion.value} carries more than 0 points", ART_CRITERIA)
        scale = policy_points(policy, "assessment.scale")
        total = total_of(points)
        if total != scale:
            raise InvalidInput(
                "points",
                f"the points of the eight criteria sum to {show(total)}, not exactly {show(scale)}",
                policy.cite("assessment.scale"),
            )
        ordered = {c: points[c] for c in Criterion}
        return cls._create(
            cls.id_for(year), cls.Recorded, stamp, year=year, points=ordered, policy_version=policy.version
        )

    class Recorded(Event):
        creates = True
        year: int
        points: dict[Criterion, Decimal]
        policy_version: str

        def apply(self, std: ScoringStandard) -> None:
            std.year = self.year
            std.points = in_order(self.points)
            std.policy_version = self.policy_version

        def summary(self) -> str:
            points = self.points
            parts = " ".join(f"{CRITERION_ITEMS[c]}{show(points[c])}" for c in Criterion if c in points)
            return f"{self.year} scoring standard: {parts}"
