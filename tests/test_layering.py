"""Imports flow one way: aggregates → nothing of ours; projections → aggregates;
ledger → aggregates, projections; cli → the ledger's interface only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = ("aggregates", "ledger", "projections", "cli")

ALLOWED: dict[str, tuple[str, ...]] = {
    "aggregates": ("aggregates",),
    "projections": ("aggregates", "projections"),
    "ledger": ("aggregates", "projections", "ledger"),
    "cli": ("cli", "ledger.interface"),
}


def imports_of(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return [name for name in found if name.split(".")[0] in OURS]


def allowed(layer: str, module: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in ALLOWED[layer])


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_imports_flow_one_way(layer: str) -> None:
    files = sorted((ROOT / layer).rglob("*.py"))
    assert files, f"{layer}/ has no modules"
    bad = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in files
        for module in imports_of(path)
        if not allowed(layer, module)
    ]
    assert not bad, "\n".join(bad)


def test_the_cli_never_touches_aggregates_or_storage() -> None:
    for path in (ROOT / "cli").rglob("*.py"):
        for module in imports_of(path):
            assert not module.startswith(
                ("aggregates", "ledger.application", "ledger.storage", "projections")
            )


# Raw SQL on the recorder's datastore belongs to the storage adapters; the audit reads the raw
# rows of the file on purpose (with sqlite3, trusting nothing above it). Everyone else calls a
# named method (e.g. ``LedgerApp.witness_link``), so what they read stays typed and in one place.
DATASTORE_ALLOWED = ("ledger/storage/", "ledger/audit/")


def datastore_uses(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "datastore"
    ]


def test_only_storage_and_audit_reach_the_datastore() -> None:
    bad = [
        f"{path.relative_to(ROOT)}:{line} uses .datastore"
        for top in (*OURS, "bench")
        for path in sorted((ROOT / top).rglob("*.py"))
        if not path.relative_to(ROOT).as_posix().startswith(DATASTORE_ALLOWED)
        for line in datastore_uses(path)
    ]
    assert not bad, "\n".join(bad)
