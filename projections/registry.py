"""Every projection the ledger keeps a live copy of (audit replay rebuilds each one)."""

from __future__ import annotations

from projections.base import Fold
from projections.catalogue import CatalogueView
from projections.deadlines import DeadlineBoard
from projections.decisions import DecisionRegister
from projections.directory import Directory
from projections.notices import PublicFacts
from projections.openday import OpenDayRegister

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
