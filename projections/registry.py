"""Every projection the ledger keeps a live copy of (audit replay rebuilds each one)."""

from __future__ import annotations

from projections.base import Fold
from projections.board import DeadlineBoard
from projections.catalogue.register import CatalogueView
from projections.decision.register import DecisionRegister
from projections.notices import PublicFacts
from projections.openday.register import OpenDayRegister
from projections.org import Directory

ALL_FOLDS: tuple[type[Fold], ...] = (
    Directory,
    DeadlineBoard,
    PublicFacts,
    DecisionRegister,
    CatalogueView,
    OpenDayRegister,
)


def fold_class(name: str) -> type[Fold]:
    for cls in ALL_FOLDS:
        if cls.name == name:
            return cls
    raise KeyError(name)
