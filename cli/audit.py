"""`ledger audit …`: prove the record intact, replay the views, checkpoints, receipts, monitors,
keys, exports, and re-establishing a lost witness; `ledger migrate`: the same record elsewhere.

``ledger correct`` (a compensating entry) is generated from its command model.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from cli.generated import WordGroup
from cli.render import dumps, emit, format_option
from cli.session import Session
from ledger.interface.audit import (
    checkpoint,
    export,
    keygen,
    migrate_ledger,
    monitor,
    receipt,
    reestablish,
    register_key,
    replay_views,
    verify,
)

FINDING_COLUMNS = ("position", "kind", "detail")


@click.group("audit", cls=WordGroup)  # the command models only for a command they make
def audit() -> None:
    """Audit: verify the record, checkpoints, replay the views, export for supervisors."""


@audit.command("keygen")
@click.option(
    "--out", "private", type=click.Path(path_type=Path), default=Path("ledger-key.pem"), show_default=True
)
@click.option("--pub", "public", type=click.Path(path_type=Path), default=None, help="default: OUT with .pub")
def audit_keygen(private: Path, public: Path | None) -> None:
    """Make an Ed25519 key pair for signing checkpoints (keep the private file offline)."""
    result = keygen(private, public or private.with_suffix(".pub"))
    click.echo(f"key {result['key_id']}: private {result['private']}, public {result['public']}")


@audit.command("checkpoint")
@click.option(
    "--sign", "key", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="private key"
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="default: checkpoint-POSITION.json"
)
@click.option(
    "--supersedes",
    type=click.IntRange(min=0),
    help="the position of a wrong checkpoint this one supersedes (both stay on the record)",
)
@click.pass_obj
def audit_checkpoint(session: Session, key: Path | None, out: Path | None, supersedes: int | None) -> None:
    """Verify the record, then write and record a checkpoint (position, size, head), signed
    with the bureau's registered key; its time is when the ledger records it."""
    actor = session.require_actor()
    result = checkpoint(session.ledger, actor, key, out, supersedes)
    click.echo(result["statement"], nl=False)
    click.echo(f"signature: {result['signature'] or '(unsigned)'}")
    click.echo(f"written to {result['file']} and recorded in the ledger at {result['recorded']}")


@audit.group("key")
def audit_key() -> None:
    """The bureau's checkpoint keys, as the ledger knows them."""


@audit_key.command("register")
@click.option("--pub", "public", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True)
@click.pass_obj
def audit_key_register(session: Session, public: Path) -> None:
    """Register the public half of the key that signs checkpoints and receipts (the principal leader)."""
    actor = session.require_actor()
    click.echo(register_key(session.ledger, actor, public)["message"])


@audit.command("reestablish")
@click.option("--sign", "key", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True)
@click.option("--reason", required=True, help="why the witness was missing")
@click.pass_obj
def audit_reestablish(session: Session, key: Path, reason: str) -> None:
    """Re-create a missing audit witness over the rows as stored now (the principal leader, signed);
    `audit verify` reports it as a break in the chain from then on."""
    actor = session.require_actor()
    click.echo(reestablish(session.ledger, actor, key, reason)["message"])


@audit.command("receipt")
@click.option("--sign", "key", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="default: receipt-POSITION.json")
@click.pass_obj
def audit_receipt(session: Session, key: Path, out: Path | None) -> None:
    """Verify the record, then write a signed receipt of it (position, size, head); records nothing."""
    result = receipt(session.ledger, key, out)
    click.echo(result["statement"], nl=False)
    click.echo(f"signature: {result['signature']}")
    click.echo(f"written to {result['file']}")


@audit.command("monitor")
@click.argument("state", type=click.Path(dir_okay=False, path_type=Path))
@format_option()
@click.pass_obj
def audit_monitor(session: Session, state: Path, fmt: str) -> None:
    """Compare the record with the (position, head) remembered in STATE: a rollback or a fork exits 1."""
    result = monitor(session.db, state)
    if fmt == "json":
        click.echo(dumps(result))
    else:
        now = result["now"]
        where = f"position {now['position']} ({now['size']} events), head {now['head']}"
        if result["findings"]:
            emit(result["findings"], "table", FINDING_COLUMNS, title="monitor")
            click.echo(f"NOT CONSISTENT with {state}: the record now ends at {where}")
        elif result["first_run"]:
            click.echo(f"first sight: {where}; remembered in {state}")
        else:
            seen = result["seen"]
            click.echo(f"consistent: grew from position {seen['position']} to {where}")
        if not result["verified"]:
            click.echo("(the record does not verify: run `ledger audit verify`)")
    if not result["ok"]:
        raise SystemExit(1)


@audit.command("verify")
@click.option(
    "--checkpoint",
    "checkpoints",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="a checkpoint file handed out earlier (repeatable)",
)
@click.option(
    "--pubkey", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="the bureau's key"
)
@click.option(
    "--export",
    "export_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="check an export offline instead of the database",
)
@click.option(
    "--receipts",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="a folder of receipts and notices written with --receipt: each must still hold",
)
@format_option()
@click.pass_obj
def audit_verify(
    session: Session,
    checkpoints: tuple[Path, ...],
    pubkey: Path | None,
    export_dir: Path | None,
    receipts: Path | None,
    fmt: str,
) -> None:
    """Recompute the hash chain from the raw stored rows; report every place it no longer matches."""
    report = verify(session.db, checkpoints, pubkey, export_dir, receipts)
    if fmt == "json":
        click.echo(dumps(report))
    else:
        if report["findings"]:
            emit(report["findings"], "table", FINDING_COLUMNS, title="findings")
        rate = report["events_per_second"]
        acts = report.get("acts_checked") if export_dir is None else None
        snapshots = report.get("snapshots_checked")  # derived copies, each against its events
        click.echo(
            f"{report['source']}: {report['events']} events up to position {report['last_position']}, "
            f"head {report['head']}; {report['checkpoints_checked']} checkpoint(s) checked"
            + (f"; {acts} signed act(s) checked (signing {report['signing']})" if acts is not None else "")
            + (f"; {snapshots} snapshot(s) checked" if snapshots else "")
            + (f"; {rate} events/s" if rate else "")
        )
        first = report["first_problem"]
        if first is None:
            click.echo("verified: the record matches its chain, witness, checkpoints and signed acts")
        else:
            click.echo(f"NOT VERIFIED: first problem at position {first['position']}: {first['kind']}")
    if not report["ok"]:
        raise SystemExit(1)


@audit.command("replay")
@format_option()
@click.pass_obj
def audit_replay(session: Session, fmt: str) -> None:
    """Rebuild every projection from position 0 and compare it with the live copy."""
    if fmt == "json" or not sys.stdout.isatty():  # no bar to show: rich not even imported
        report = replay_views(session.ledger)
    else:
        report = _replay_with_bar(session)
    if fmt == "json":
        click.echo(dumps(report))
    else:
        rows = [
            {**p, "same": "yes" if p["same"] else "NO", "differences": "; ".join(p["differences"])}
            for p in report["projections"]
        ]
        emit(rows, "table", ("projection", "rows", "same", "live_digest", "differences"), title="replay")
        click.echo(
            f"replayed {report['events']} events to position {report['position']} in {report['seconds']} s"
            f" ({report['events_per_second']} events/s)"
        )
    if not report["ok"]:
        raise SystemExit(1)


def _replay_with_bar(session: Session) -> dict[str, Any]:
    """The replay with a progress bar on the terminal (rich, imported only for it), gone once done."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("replaying"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("replay", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return replay_views(session.ledger, progress)


@audit.command("export")
@click.option("--from", "first", required=True, help="first recording date (YYYY-MM-DD, Asia/Shanghai)")
@click.option("--to", "last", required=True, help="last recording date (YYYY-MM-DD)")
@click.option("--format", "fmt", type=click.Choice(("jsonl", "csv")), default="jsonl", show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="directory")
@click.option(
    "--sign", "key", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="private key"
)
@click.pass_obj
def audit_export(session: Session, first: str, last: str, fmt: str, out: Path, key: Path | None) -> None:
    """The events recorded in a period, each with its chain link, and a manifest to verify offline."""
    manifest = export(session.ledger, first, last, fmt, out, key)
    count = manifest["count"]
    if not count:
        click.echo(f"exported no events (none recorded from {first} to {last}) to {out}")
        return
    click.echo(
        f"exported {count} event{'' if count == 1 else 's'} (positions {manifest['first_position']}–"
        f"{manifest['last_position']}, head {manifest['head']}) to {out}"
    )


@click.command("migrate")
@click.argument("src")
@click.argument("dst")
@format_option()
def migrate(src: str, dst: str, fmt: str) -> None:
    """Copy the ledger SRC into the empty database DST (SQLite file or postgresql://…), keeping
    every position; both sides verified, the heads equal, the projections rebuilt."""
    result = migrate_ledger(src, dst)
    if fmt == "json":
        click.echo(dumps(result))
        return
    click.echo(
        f"copied {result['events']} events (up to position {result['last_position']}) from "
        f"{result['source']} to {result['destination']}; {len(result['projections'])} projections rebuilt"
    )
    click.echo(f"verified on both sides: head {result['head']}")


def register(root: click.Group) -> None:
    """Add ``ledger audit …`` and ``ledger migrate`` under ``root`` (no history options)."""
    root.add_command(audit)
    root.add_command(migrate)
