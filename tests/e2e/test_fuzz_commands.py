"""An insider throws anything at every door: every command's arguments (drawn from the command
model's own JSON schema, `ledger schema`, and bent out of it) on the command line, and the same
as JSONL lines to `ledger import`. Whatever comes back, it is never a traceback: the exit code
is 0, 1 or 2, and a refusal is exactly one `Error:` line with not one event written.

Bounded (a fixed number of examples, no shrinking database) so it runs in a few seconds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.generated import _is_flag, _is_many
from cli.main import cli
from ledger.application import LedgerApp
from ledger.interface import schema
from ledger.interface.vocabulary import command_class
from ledger.signing import KeyFolder
from tests.support.ledger import setup_bureau, stored_events

SCHEMAS = schema()
NAMES = sorted(SCHEMAS)
ACTORS = ("S001", "S002", "S003", "P01", "D01", "D02", "G01", "ＳＯＯ１", "NOBODY", "")
# text a clerk (or a paste, or an insider) types: real values, near misses and placeholders
TEXTS = (
    "FIN", "fin", "ＦＩＮ", "OFFICE", "S002", "YJJR-2026-01", "ＹＪＪＲ－２０２６－０１", "KFR-2026-01",
    "C001", "O1", "普惠金融服务站建设管理办法", "《办法》", "…", "...", "a|b", "<title>", "", " ",
    "2026-09-01", "2026年9月1日", "2026/02/30", "不是邮箱", "zqyj@example.gov.cn", "028-26650101",
    "办" * 300, "\x1b[31m", "第一条\n第二条", "null", "{}", "[]", "-1", "0", "1e9",
)  # fmt: skip
SETTINGS = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def junk() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(TEXTS),
        st.text(max_size=12),
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=True),
        st.booleans(),
        st.none(),
        st.lists(st.sampled_from(TEXTS), max_size=2),
    )


def from_schema(node: dict[str, Any], defs: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values a schema node allows, mostly; sometimes anything at all."""
    return st.one_of(_allowed(node, defs), junk()) if node else junk()


def _allowed(node: dict[str, Any], defs: dict[str, Any]) -> st.SearchStrategy[Any]:
    if "$ref" in node:
        return from_schema(defs[node["$ref"].rsplit("/", 1)[1]], defs)
    if "anyOf" in node:
        return st.one_of(*(from_schema(n, defs) for n in node["anyOf"]))
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kind = node.get("type")
    if kind == "string":
        if node.get("format") == "date":
            return st.dates().map(lambda d: d.isoformat()) | st.sampled_from(("2026-09-01", "2026年9月1日"))
        if "pattern" in node:
            return st.from_regex(node["pattern"], fullmatch=True) | st.sampled_from(TEXTS)
        return st.sampled_from(TEXTS) | st.text(max_size=20)
    if kind == "integer":
        return st.integers(node.get("minimum", -5), node.get("maximum", 2100))
    if kind == "number":
        return st.decimals(-100, 100, places=2, allow_nan=False).map(float)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array":
        return st.lists(from_schema(node.get("items", {}), defs), max_size=3)
    if kind == "object":
        if "properties" in node:
            return fields_of(node, defs)
        extra = node.get("additionalProperties")
        return st.dictionaries(
            st.sampled_from(TEXTS), from_schema(extra if isinstance(extra, dict) else {}, defs), max_size=3
        )
    return junk()


def fields_of(node: dict[str, Any], defs: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A command's fields: each required one mostly given, each optional one sometimes."""
    required = set(node.get("required", ()))
    parts = {
        name: st.one_of(st.just(None), from_schema(prop, defs))
        if name not in required
        else from_schema(prop, defs)
        for name, prop in node.get("properties", {}).items()
    }
    return st.fixed_dictionaries(parts).map(lambda d: {k: v for k, v in d.items() if v is not None})


def command_fields(name: str) -> st.SearchStrategy[dict[str, Any]]:
    node = SCHEMAS[name]
    return fields_of(node, node.get("$defs", {}))


def as_arguments(name: str, fields: dict[str, Any]) -> list[str]:
    """The command line a clerk would type for ``fields`` (as cli.generated reads it)."""
    cls = command_class(name)
    assert cls is not None
    args = name.split(".")
    for field, value in fields.items():
        info = cls.model_fields[field]
        flag = "--" + field.replace("_", "-")
        if _is_flag(info.annotation):
            args.append(flag if value else "--no-" + flag[2:])
            continue
        many = _is_many(info.annotation)
        items = value if many and isinstance(value, list) else [value]
        for item in items:
            text = json.dumps(item, ensure_ascii=False) if not isinstance(item, str) else item
            args += [flag, text]
    return args


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, key_folder: Path) -> Path:
    """The demo's bureau (units, staff and their keys, roles, calendars, policy), written once."""
    db = tmp_path_factory.mktemp("fuzz") / "bureau.db"
    app = LedgerApp(str(db), keys=KeyFolder(key_folder))
    try:
        setup_bureau(app)
    finally:
        app.close()
    return db


@pytest.fixture
def ledger_file(template: Path, tmp_path: Path) -> Iterator[Path]:
    db = tmp_path / "ledger.db"
    db.write_bytes(template.read_bytes())
    yield db


def assert_no_traceback_and_no_write_on_refusal(result: Result, db: Path, before: int) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output, result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code != 0:
        errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
        assert len(errors) == 1, result.output
        assert stored_events(db) == before, result.output


GENERATED = [n for n in NAMES if (c := command_class(n)) is not None and c.generate_cli]


@SETTINGS
@given(data=st.data())
def test_any_arguments_to_any_command_never_a_traceback_nor_a_write_on_refusal(
    ledger_file: Path, data: st.DataObject
) -> None:
    name = data.draw(st.sampled_from(GENERATED), label="command")
    fields = data.draw(command_fields(name), label="fields")
    actor = data.draw(st.sampled_from(ACTORS), label="actor")
    before = stored_events(ledger_file)
    args = ["--db", str(ledger_file), *(["--actor", actor] if actor else []), *as_arguments(name, fields)]
    result = CliRunner().invoke(cli, args)
    assert_no_traceback_and_no_write_on_refusal(result, ledger_file, before)


def jsonl_line() -> st.SearchStrategy[str]:
    command = st.sampled_from(NAMES).flatmap(lambda n: command_fields(n).map(lambda f: {"command": n, **f}))
    return st.one_of(
        command.map(lambda d: json.dumps(d, ensure_ascii=False)),
        st.sampled_from(("", "{", "[]", '{"command": 1}', '{"command": "nope"}', "null")),
        st.text(max_size=30).filter(lambda t: "\n" not in t and "\r" not in t),
    )


@SETTINGS
@given(lines=st.lists(jsonl_line(), min_size=1, max_size=4), actor=st.sampled_from(ACTORS[:7]))
def test_any_jsonl_lines_never_a_traceback_nor_a_write_on_refusal(
    ledger_file: Path, tmp_path: Path, lines: list[str], actor: str
) -> None:
    path = tmp_path / "lines.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    before = stored_events(ledger_file)
    result = CliRunner().invoke(cli, ["--db", str(ledger_file), "--actor", actor, "import", str(path)])
    assert_no_traceback_and_no_write_on_refusal(result, ledger_file, before)
