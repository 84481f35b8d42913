"""Export for supervisors: the events of a date range with their links and a (signed) manifest,
and the offline check of such an export, without the database.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aggregates.errors import InvalidInput
from ledger.audit.checkpoints import CheckpointClaim
from ledger.audit.findings import (
    BAD_SIGNATURE,
    CHECKPOINT_MISMATCH,
    FOREIGN_KEY,
    MOVED,
    PAYLOAD_CHANGED,
    UNREADABLE,
    UNSIGNED,
    Report,
)
from ledger.audit.keys import raw_public, sign, signature_problem
from ledger.audit.raw import open_raw
from ledger.audit.verify import verify_connection
from ledger.storage.chain import GENESIS, entry_hash, next_link, state_digest

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


EXPORT_COLUMNS = (
    "position",
    "link",
    "originator_id",
    "originator_version",
    "topic",
    "state",
    "recorded",
    "effective",
    "actor",
)


def _export_row(position: int, link: bytes, oid: Any, version: Any, topic: Any, state: Any) -> dict[str, Any]:
    if not isinstance(state, bytes):
        state = str(state).encode()
    try:
        text = state.decode()
        data = json.loads(text)
    except (UnicodeDecodeError, ValueError):
        text, data = "base64:" + base64.b64encode(state).decode(), {}
    return {
        "position": position,
        "link": link.hex(),
        "originator_id": str(oid),
        "originator_version": version,
        "topic": str(topic),
        "state": text,
        "recorded": data.get("timestamp"),
        "effective": data.get("effective"),
        "actor": data.get("actor"),
    }


def _state_bytes(text: str) -> bytes:
    return base64.b64decode(text[7:]) if text.startswith("base64:") else text.encode()


def manifest_message(manifest: dict[str, Any]) -> bytes:
    body = {k: v for k, v in manifest.items() if k not in ("signature", "public_key")}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def export_database(
    db: str,
    out: Path,
    fmt: str,
    first_day: str,
    last_day: str,
    in_range: Callable[[str | None], bool],
    origin: str,
    key: Ed25519PrivateKey | None = None,
) -> dict[str, Any]:
    """Every event recorded in the date range (a contiguous run of positions) with its link."""
    with open_raw(db) as source:
        report = verify_connection(source)
        if not report.ok:
            first = report.first
            assert first is not None
            raise InvalidInput("db", f"the record does not verify ({first.line()}); export refused")
        rows: list[dict[str, Any]] = []
        previous = GENESIS
        link = GENESIS
        for position, oid, version, topic, state in source.events():
            before = link
            link = next_link(link, entry_hash(position, oid, version, topic, state_digest(state)))
            row = _export_row(position, link, oid, version, topic, state)
            if rows or in_range(row["recorded"]):
                if not rows:
                    previous = before
                rows.append(row)
        while rows and not in_range(rows[-1]["recorded"]):
            rows.pop()
    out.mkdir(parents=True, exist_ok=True)
    name = f"events.{fmt}"
    path = out / name
    with path.open("w", encoding="utf-8", newline="") as f:
        if fmt == "csv":
            writer = csv.DictWriter(f, fieldnames=EXPORT_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        else:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    manifest: dict[str, Any] = {
        "format": fmt,
        "file": name,
        "file_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "origin": origin,
        "from": first_day,
        "to": last_day,
        "count": len(rows),
        "first_position": rows[0]["position"] if rows else None,
        "last_position": rows[-1]["position"] if rows else None,
        "previous_link": previous.hex(),
        "head": rows[-1]["link"] if rows else previous.hex(),
        "chain": "link = sha256(previous link, entry(position, originator_id, version, topic, state))",
    }
    if key is not None:
        manifest["public_key"], manifest["signature"] = sign(key, manifest_message(manifest))
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest


def _read_manifest(out: Path) -> dict[str, Any]:
    """The export's manifest, with the fields verification cannot do without."""
    where = out / "manifest.json"
    try:
        manifest = json.loads(where.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InvalidInput("export", f"{out} holds no readable export ({e})") from None
    if not isinstance(manifest, dict):
        raise InvalidInput("export", f"{where} is not an export manifest (not a JSON object)")
    for key in ("file", "format", "previous_link"):
        if key not in manifest:
            raise InvalidInput("export", f"{where} is not an export manifest (no {key!r})")
    if manifest["format"] not in ("jsonl", "csv"):
        raise InvalidInput("export", f"{where}: format {manifest['format']!r} is neither jsonl nor csv")
    if not re.fullmatch(r"[0-9a-f]{64}", str(manifest["previous_link"])):
        raise InvalidInput("export", f"{where}: previous_link is not a SHA-256 in hex")
    return manifest


def _export_rows(data: bytes, fmt: str, report: Report) -> list[tuple[int, dict[str, Any]]]:
    """(line number, row) of an export file; a line that cannot be read becomes a finding."""
    text = data.decode("utf-8", errors="replace")
    if fmt == "csv":
        reader = csv.DictReader(text.splitlines(keepends=True))
        return [(reader.line_num, row) for row in reader]
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as e:
            row = {"unreadable": f"not JSON ({e})"}
        rows.append((number, row if isinstance(row, dict) else {"unreadable": "not a JSON object"}))
    return rows


def verify_export(
    out: Path, files: tuple[CheckpointClaim, ...] = (), trusted: Ed25519PublicKey | None = None
) -> Report:
    """Check an export offline: the manifest, every row's link, and any checkpoint it covers."""
    started = time.perf_counter()
    report = Report()
    manifest = _read_manifest(out)
    path = out / str(manifest["file"])
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InvalidInput("export", f"{out} holds no readable export ({e})") from None
    if hashlib.sha256(data).hexdigest() != manifest.get("file_sha256"):
        report.add(0, PAYLOAD_CHANGED, f"{path.name} is not the file the manifest describes", True)
    if "signature" in manifest:
        problem = signature_problem(
            manifest_message(manifest), manifest.get("public_key"), manifest["signature"]
        )
        if problem:
            report.add(0, BAD_SIGNATURE, f"manifest: {problem}")
        elif trusted is not None and manifest.get("public_key") != raw_public(trusted).hex():
            report.add(0, FOREIGN_KEY, "the manifest is signed by another key")
    elif trusted is not None:
        report.add(0, UNSIGNED, "the manifest is not signed, but a public key was given")
    rows = _export_rows(data, manifest["format"], report)
    link = bytes.fromhex(manifest["previous_link"])
    links: dict[int, bytes] = {}
    positions: list[int] = []
    for line, row in rows:
        if "unreadable" in row:
            where = positions[-1] + 1 if positions else 0
            report.add(where, UNREADABLE, f"{path.name} line {line}: {row['unreadable']}")
            continue
        try:
            position = int(row["position"])
            version = int(row["originator_version"])
            digest = state_digest(_state_bytes(str(row["state"])))
            entry = entry_hash(position, row["originator_id"], version, row["topic"], digest)
            stated = bytes.fromhex(str(row["link"]))
        except (KeyError, ValueError, TypeError) as e:
            where = positions[-1] + 1 if positions else 0
            why = f"no {e.args[0]!r}" if isinstance(e, KeyError) else str(e)
            report.add(where, UNREADABLE, f"{path.name} line {line}: not an exported event ({why})")
            continue
        link = next_link(link, entry)
        if positions and position <= positions[-1]:
            report.add(position, MOVED, f"rows out of order after position {positions[-1]}")
        if link != stated:
            if not any(f.kind == PAYLOAD_CHANGED and f.position == position for f in report.findings):
                report.add(position, PAYLOAD_CHANGED, "the row does not hash to its link")
            link = stated  # report each broken row once, not every one after it
        links[position] = link
        positions.append(position)
    report.events = len(rows)
    report.last_position = positions[-1] if positions else 0
    report.head = link.hex()
    expected = {
        "count": len(rows),
        "first_position": positions[0] if positions else None,
        "last_position": positions[-1] if positions else None,
        "head": link.hex(),
    }
    for key, value in expected.items():
        if manifest.get(key) != value:
            report.add(
                report.last_position,
                CHECKPOINT_MISMATCH,
                f"manifest says {key} {manifest.get(key)}, rows give {value}",
            )
    for claim in files:
        report.checkpoints += 1
        problem = signature_problem(claim.message(), claim.public_key, claim.signature)
        if claim.signature is not None and problem:
            report.add(claim.position, BAD_SIGNATURE, f"{claim.source}: {problem}")
        if claim.position in links:
            if links[claim.position].hex() != claim.head:
                report.add(
                    claim.position,
                    CHECKPOINT_MISMATCH,
                    f"{claim.source}: head differs from the export's link",
                )
        elif positions and claim.position == positions[0] - 1:
            if claim.head != manifest["previous_link"]:
                report.add(
                    claim.position, CHECKPOINT_MISMATCH, f"{claim.source}: the export does not start from it"
                )
        else:
            report.add(
                claim.position, "outside the export", f"{claim.source} is not within the export", False
            )
    report.seconds = time.perf_counter() - started
    return report
