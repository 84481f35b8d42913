"""Receipts and monitors: what makes a truncated or rewritten record visible after the last checkpoint.

A *receipt* is a signed statement handed out, never recorded (a read never writes):
positions 1…N of the record (S events) hash to H. Every public notice can carry one as a
footer line (``projections.notices.Receipt``) and ``ledger audit receipt`` writes one to
a file. Whoever holds one can later ask whether the ledger still contains exactly what
it vouched for (``audit verify --receipts DIR``): a cut tail, an edited prefix, or a
witness recomputed to match are all found, because the chain is recomputed from the raw
rows and the receipt's signature cannot be redone without the bureau's key.

A *monitor* is the consistency check of transparency logs: it remembers the last
(position, size, head) it saw in a small JSON file and, on each run, reports a rollback
(the record is shorter than it was) or a fork (the head at that position changed).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aggregates.errors import InvalidInput
from ledger.audit.checkpoints import CheckpointClaim, claim_from
from ledger.audit.findings import FORK, ROLLBACK, UNREADABLE, Finding
from ledger.audit.raw import Chain
from projections.notices import RECEIPT_PREFIX

_HTML_RECEIPT = re.compile(r'<p class="receipt">(.*?)</p>', re.DOTALL)


def _from_json(data: Any, source: str) -> list[CheckpointClaim]:
    """Receipts in a JSON document: a receipt file, a notice with a receipt, or a list of notices."""
    items = data if isinstance(data, list) else [data]
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        receipt = item.get("receipt") if "slug" in item else item
        if isinstance(receipt, dict) and "head" in receipt:
            name = f"receipt in {source}" + (f" ({item['slug']})" if "slug" in item else "")
            out.append(claim_from(receipt, name))
    return out


def _lines(text: str, suffix: str) -> list[str]:
    """The JSON of each receipt footer in a Markdown or HTML notice."""
    if suffix == ".html":
        lines = [html.unescape(m) for m in _HTML_RECEIPT.findall(text)]
    else:
        lines = text.splitlines()
    return [line[len(RECEIPT_PREFIX) :] for line in lines if line.startswith(RECEIPT_PREFIX)]


def read_receipts(folder: Path) -> tuple[list[CheckpointClaim], list[Finding]]:
    """Every receipt in the files under ``folder`` (JSON, Markdown, HTML), and the ones that
    cannot be read as findings. A folder without any receipt is an input error."""
    claims: list[CheckpointClaim] = []
    unreadable: list[Finding] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix not in (".json", ".md", ".html"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            unreadable.append(Finding(0, UNREADABLE, f"{path}: not readable text ({e})"))
            continue
        try:
            if path.suffix == ".json":
                claims += _from_json(json.loads(text), str(path))
                continue
            for line in _lines(text, path.suffix):
                claims.append(claim_from(json.loads(line), f"receipt in {path}"))
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            unreadable.append(Finding(0, UNREADABLE, f"{path}: a receipt that cannot be read ({e})"))
    if not claims and not unreadable:
        raise InvalidInput(
            "receipts", f"no receipts in {folder} (notices written with --receipt, or receipt files)"
        )
    return claims, unreadable


@dataclass(frozen=True)
class Seen:
    """What a monitor saw last: the record up to ``position`` (``size`` events) hashed to ``head``."""

    position: int
    size: int
    head: str

    def as_dict(self) -> dict[str, Any]:
        return {"position": self.position, "size": self.size, "head": self.head}


def read_seen(state: Path) -> Seen | None:
    if not state.exists():
        return None
    try:
        data = json.loads(state.read_text(encoding="utf-8"))
        return Seen(int(data["position"]), int(data["size"]), str(data["head"]))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InvalidInput("state", f"{state} is not a monitor state file ({e})") from None


def consistency(seen: Seen, chain: Chain) -> list[Finding]:
    """A rollback or a fork of the record since it was last seen; nothing if it only grew."""
    if chain.last < seen.position or chain.count_upto(chain.last) < seen.size:
        return [
            Finding(
                chain.last + 1,
                ROLLBACK,
                f"the record ends at position {chain.last} ({len(chain)} events); it was seen "
                f"up to {seen.position} ({seen.size} events)",
            )
        ]
    here = chain.at(seen.position)
    if seen.position == 0 and seen.size == 0:
        return []
    if here is None or here[1].hex() != seen.head or here[0] != seen.size:
        now = "is gone" if here is None else f"hashes to {here[1].hex()[:16]}… ({here[0]} events)"
        return [
            Finding(
                seen.position,
                FORK,
                f"positions 1–{seen.position} were seen with head {seen.head[:16]}… ({seen.size} events); "
                f"now position {seen.position} {now}",
            )
        ]
    return []
