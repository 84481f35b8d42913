"""Projections: folds over the event log. Derived, never edited; rebuildable from zero."""
