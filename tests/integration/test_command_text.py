"""Every text field of every command refuses what could forge a notice or a terminal.

The check sits in the command models, the one place the CLI, ``ledger import`` and the
Python API all pass; this walks the whole vocabulary so a new field cannot slip by."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_args

import pytest
from pydantic import BaseModel, ValidationError

from ledger.commands.base import Command, registry

SHAPES: tuple[Callable[[str], Any], ...] = (lambda t: t, lambda t: [t], lambda t: {"k": t})
CLEAN = (
    "x",
    "S002",
    "YJJR-2026-01",
    "KFR-2026-01",
    "O01",
    "B01",
    "A01",
    "T01",
    "01-31",
    "0" * 64,
    "0" * 128,
    "decision:YJJR-2026-01:comment:C001",
    "028-26650101",
    "zqyj@example.gov.cn",
    "http://www.yanjiang.gov.cn/zwgk/01.html",
)


def takes_text(annotation: Any) -> bool:
    return annotation is str or any(takes_text(arg) for arg in get_args(annotation))


def text_fields() -> list[Any]:
    return [
        pytest.param(cls, field, id=f"{name}.{field}")
        for name, cls in registry().items()
        for field, info in cls.model_fields.items()
        if takes_text(info.annotation)
    ]


def problems(cls: type[Command], field: str, value: Any) -> list[str]:
    """The kinds of error pydantic reports for this field alone (other fields' are ignored)."""
    try:
        cls.model_validate({field: value})
    except ValidationError as e:
        return [err["type"] for err in e.errors() if err["loc"][:1] == (field,)]
    return []


def accepted_shape(cls: type[Command], field: str) -> tuple[str, Callable[[str], Any]]:
    """A clean value the field takes, and the shape it takes it in (text, list or mapping)."""
    for clean in CLEAN:
        for shape in SHAPES:
            if not problems(cls, field, shape(clean)):
                return clean, shape
    raise AssertionError(f"no clean value for {cls.name}.{field}: add one to CLEAN")


@pytest.mark.parametrize(("cls", "field"), text_fields())
def test_every_text_field_refuses_controls_escapes_and_bidi_overrides(cls: type[Command], field: str) -> None:
    clean, shape = accepted_shape(cls, field)
    for bad in ("\x00", "\x1b[31m", "\x7f", "\x85", "\u202e", "\u2067", "\r"):
        assert problems(cls, field, shape(clean + bad + clean)), f"{cls.name}.{field} took {bad!r}"


@pytest.mark.parametrize(("cls", "field"), text_fields())
def test_line_breaks_and_tabs_only_where_a_field_is_multi_line_text(cls: type[Command], field: str) -> None:
    clean, shape = accepted_shape(cls, field)
    multi_line = cls.multi_line(field)
    for inside in ("\n", "\t"):
        taken = not problems(cls, field, shape(clean + inside + clean))
        assert taken == multi_line, f"{cls.name}.{field}: {inside!r} {'refused' if multi_line else 'taken'}"


def test_some_fields_are_multi_line_and_most_are_one_line() -> None:
    fields = [(p.values[0], p.values[1]) for p in text_fields()]
    multi = {f"{cls.name}.{field}" for cls, field in fields if cls.multi_line(field)}
    assert {"decision.draft.draft", "decision.comment.receive.text", "correct.replace"} <= multi
    assert "decision.draft.title" not in multi and len(multi) < len(fields) / 3


def test_text_inside_a_nested_value_is_checked_too() -> None:
    record = registry()["calendar.record"]
    holiday = {"name": "元旦\x1b[2J", "start": "2027-01-01", "end": "2027-01-03"}
    with pytest.raises(ValidationError) as err:
        record.model_validate({"year": 2027, "source": "通知", "holidays": [holiday]})
    assert [e["type"] for e in err.value.errors()] == ["control_character"]
    assert isinstance(record.model_validate({"year": 2027, "source": "通知", "holidays": []}), BaseModel)


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("。。。", "placeholder"),
        (" · ", "placeholder"),
        ("...", "placeholder"),
        ("金融股 028-…", "placeholder"),
        ("<姓名>", "placeholder"),
        ("张三|李四", "placeholder"),
        ("金融股。王科长", None),
        ("金融股", None),
    ],
)
def test_a_placeholder_is_refused_whatever_it_is_made_of_and_plain_text_is_not(
    typed: str, kind: str | None
) -> None:
    found = problems(registry()["decision.comment.receive"], "commenter", typed)
    assert found == ([kind] if kind else [])


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (" FIN ", "FIN"),
        ("ＦＩＮ", "FIN"),
        ("ＹＪＪＲ－２０２６－０１", "YJJR-2026-01"),
        ("YJJR‐2026‐01", "YJJR-2026-01"),
    ],
)
def test_an_identifier_is_kept_in_its_ascii_form_however_it_was_typed(typed: str, kept: str) -> None:
    command = registry()["org.unit.add"].model_validate({"code": kept, "unit_name": "x"})
    assert registry()["org.unit.add"].model_validate({"code": typed, "unit_name": "x"}) == command


@pytest.mark.parametrize(
    ("typed", "day"),
    [("2026-09-01", "2026-09-01"), ("2026/9/1", "2026-09-01"), ("２０２６－０９－０１", "2026-09-01")],
)
def test_a_day_is_read_the_same_in_every_form_a_clerk_types_it(typed: str, day: str) -> None:
    command = registry()["org.unit.add"].model_validate({"code": "FIN", "unit_name": "x", "effective": typed})
    assert command.effective is not None and command.effective.isoformat() == day
