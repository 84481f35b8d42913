"""Public notices: the public facts every aggregate declares, and their Chinese text.

The fold stores facts; writers (one module per system under ``projections/notice_text``)
turn facts into :class:`Notice` documents, rendered as Markdown, HTML or JSON.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from aggregates.base import Aggregate, Event, Frozen
from aggregates.public import PublicFact
from projections.base import AggregateFold, Loader, Row

# A line of only = or - turns the line above into a heading (setext), at any indentation.
_SETEXT_UNDERLINE = re.compile(r"[ \t]*(?:=+|-+)[ \t]*$")
# List markers (and the indentation before them) that may precede a block's first character.
_CONTAINERS = re.compile(r"[ \t]*(?:(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$))*")
# What opens a heading, a quote or a code fence where a block starts.
_BLOCK_OPENERS = ("#", ">", "```", "~~~")
_LINE_ENDINGS = re.compile(r"\r\n|\r|\n")


def _md_line(line: str) -> str:
    """One line of data as Markdown text: it may not open a heading, quote, fence or HTML.

    Writers' own structure (numbered ways, ``1. 电子邮件：…``) stays a list; a ``#`` after it
    is escaped too, since a list item may hold a heading."""
    line = line.replace("\\", "\\\\").replace("<", "\\<")
    if _SETEXT_UNDERLINE.match(line):
        at = len(line) - len(line.lstrip(" \t"))
        return f"{line[:at]}\\{line[at:]}"
    match = _CONTAINERS.match(line)
    at = match.end() if match else 0
    if line.startswith(_BLOCK_OPENERS, at):
        return f"{line[:at]}\\{line[at:]}"
    return line


def _md_text(text: str) -> str:
    """A paragraph that may run over lines: each line escaped on its own."""
    return "\n".join(_md_line(line) for line in _LINE_ENDINGS.split(text))


def _md_single(text: str) -> str:
    """A title, heading, issuer or cell: one line, whatever line breaks the data held."""
    return _md_line(" ".join(text.splitlines()))


class Section(Frozen):
    heading: str | None = None
    paragraphs: tuple[str, ...] = ()
    table_header: tuple[str, ...] = ()
    table_rows: tuple[tuple[str, ...], ...] = ()


RECEIPT_PREFIX = "台账回执 (ledger receipt): "


class Receipt(Frozen):
    """What a notice rests on: positions 1…``position`` of the record (``size`` events) hash
    to ``head``, signed with the bureau's checkpoint key (``ledger audit verify --receipts``)."""

    origin: str
    position: int
    size: int
    head: str
    public_key: str
    signature: str

    def line(self) -> str:
        """One line, a visible footer and machine-readable: the prefix, then compact JSON."""
        return RECEIPT_PREFIX + json.dumps(
            self.model_dump(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )


class Notice(Frozen):
    slug: str  # file name without extension
    title: str
    issuer: str
    dated: date
    sections: tuple[Section, ...] = Field(default=())
    receipt: Receipt | None = None  # only when asked for (``ledger notices --receipt KEY``)
    number: str | None = None  # 文号, printed under the title (a 通报, a decision)
    addressees: str | None = None  # 主送, the first line of the body ("各股室（中心）")

    def data(self) -> dict[str, object]:
        """The notice as JSON data; without a receipt, 文号 or 主送 it is exactly as before they existed."""
        unset = {key for key in ("receipt", "number", "addressees") if getattr(self, key) is None}
        return self.model_dump(mode="json", exclude=unset)

    def _head(self) -> list[str]:
        """The lines between the title and the sections: the 文号, then the 主送 with its colon."""
        out = [self.number] if self.number else []
        if self.addressees:
            out.append(f"{self.addressees}：")
        return out

    def markdown(self) -> str:
        """Markdown whose only headings are the title and the sections' headings: text from
        the ledger is escaped where a line starts, and single-line fields stay one line."""

        def cells(row: tuple[str, ...]) -> str:
            return "| " + " | ".join(_md_single(c.replace("|", "／")) for c in row) + " |"

        out = [f"# {_md_single(self.title)}", ""]
        for line in self._head():
            out += [_md_single(line), ""]
        for s in self.sections:
            if s.heading:
                out += [f"## {_md_single(s.heading)}", ""]
            for p in s.paragraphs:
                out += [_md_text(p), ""]
            if s.table_header:
                out.append(cells(s.table_header))
                out.append("|" + "---|" * len(s.table_header))
                out += [cells(row) for row in s.table_rows]
                out.append("")
        out += [_md_single(self.issuer), f"{self.dated.year}年{self.dated.month}月{self.dated.day}日", ""]
        if self.receipt is not None:
            out += ["---", "", self.receipt.line(), ""]
        return "\n".join(out)

    def html(self) -> str:
        e = html.escape
        out = [
            "<!DOCTYPE html>",
            '<html lang="zh-CN"><head><meta charset="utf-8">',
            f"<title>{e(self.title)}</title></head><body>",
            f"<h1>{e(self.title)}</h1>",
        ]
        if self.number:
            out.append(f'<p class="number">{e(self.number)}</p>')
        if self.addressees:
            out.append(f'<p class="addressees">{e(self.addressees)}：</p>')
        for s in self.sections:
            if s.heading:
                out.append(f"<h2>{e(s.heading)}</h2>")
            out += [f"<p>{e(p)}</p>" for p in s.paragraphs]
            if s.table_header:
                out.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in s.table_header))
                out.append("</tr></thead><tbody>")
                for row in s.table_rows:
                    out.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>")
                out.append("</tbody></table>")
        out.append(f'<p class="issuer">{e(self.issuer)}</p>')
        out.append(f'<p class="date">{self.dated.year}年{self.dated.month}月{self.dated.day}日</p>')
        if self.receipt is not None:
            out.append(f'<p class="receipt">{e(self.receipt.line())}</p>')
        out.append("</body></html>")
        return "\n".join(out)


def issued(
    slug: str,
    title: str,
    issuer: str,
    dated: date,
    *sections: Section,
    number: str | None = None,
    addressees: str | None = None,
) -> Notice:
    """A notice as every writer issues one: its file name, title, issuer, date and sections."""
    return Notice(
        slug=slug,
        title=title,
        issuer=issuer,
        dated=dated,
        sections=sections,
        number=number,
        addressees=addressees,
    )


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_day(iso: str | None) -> str:
    """A fact's ISO day as Chinese text writes it; nothing for a day not given."""
    return chinese_date(date.fromisoformat(iso)) if iso else ""


# The bureau's five systems (the seed's 附件1–5), as its notices name them: 《{issuer}…》.
SYSTEMS = {
    "附件1": "政务公开一岗双责制度",
    "附件2": "重大行政决策预公开制度",
    "附件3": "政务公开事项清单动态管理制度",
    "附件4": "政务开放日活动制度",
    "附件5": "政务公开监督考核制度",
}
_NUMERAL = "[一二三四五六七八九十]+"
_CITATION = re.compile(rf"^(附件[1-5])\s*((?:第{_NUMERAL}条)?)\s*(?:\(({_NUMERAL})\))?$")


def system_title(issuer: str, attachment: str) -> str:
    """A system by its full name, as readers see it: 《雁江区金融工作局政务开放日活动制度》."""
    return f"《{issuer}{SYSTEMS[attachment]}》"


def cite(issuer: str, citation: str, *more: str) -> str:
    """An internal citation as readers see it: ``附件3 第四条(二)`` becomes
    《雁江区金融工作局政务公开事项清单动态管理制度》第四条第（二）项 — full-width brackets, the
    system's full name, never the ledger's own form. Further citations of the same system
    follow with the system named once: …》第四条第（三）项、第六条第（三）项."""
    parts = [_CITATION.match(c.strip()) for c in (citation, *more)]
    if None in parts:
        raise ValueError(f"not a citation of the bureau's systems: {(citation, *more)!r}")
    found = [p.groups() for p in parts if p is not None]
    if len({attachment for attachment, _, _ in found}) > 1:
        raise ValueError(f"citations of more than one system: {(citation, *more)!r}")
    articles = "、".join(article + (f"第（{item}）项" if item else "") for _, article, item in found)
    return system_title(issuer, found[0][0]) + articles


def quoted(text: str) -> str:
    """Text in quotation marks, as Chinese nests them: “…‘…’…” (inner “” become ‘’)."""
    inner = text.replace("“", "‘").replace("”", "’")
    return f"“{inner}”"


def sentence(text: str) -> str:
    """Text from the ledger as a sentence: it keeps its own full stop, or gets 。."""
    text = text.strip()
    return text if text.endswith(("。", "！", "？")) else f"{text}。"


Publisher = Callable[[Aggregate], list[PublicFact]]


class PublicFacts(AggregateFold):
    """Every public fact, keyed by aggregate and fact key.

    ``publishers`` says, per aggregate class, which function picks its public facts
    (``projections/<word>/facts.py``); an aggregate class without one publishes nothing.
    """

    publishes: ClassVar[bool] = True  # built with the publishers (``ledger.views.Views.fold``)

    name = "notices"

    def __init__(
        self,
        rows: dict[str, Row] | None = None,
        loader: Loader | None = None,
        *,
        publishers: Mapping[type[Aggregate], Publisher],
    ) -> None:
        super().__init__(rows, loader)
        self.publishers = dict(publishers)

    def wants(self, event: Event) -> bool:
        return event.owner() in self.publishers

    @classmethod
    def rows_under(cls, kind: str, id: UUID) -> str | None:
        """A publisher's facts are under its id (``derive``)."""
        return f"{id}|"

    def derive(self, agg: Aggregate, event: Event, position: int) -> None:
        facts = self.publishers[type(agg)](agg)
        self.replace(f"{agg.id}|", {f.key: f.model_dump(mode="json") for f in facts})


Writer = Callable[[list[PublicFact], str], list[Notice]]


def one_per_fact(writers: Mapping[str, Callable[[PublicFact, str], Notice]]) -> Writer:
    """A system's writer that words one notice per public fact, by the fact's kind."""

    def write(facts: list[PublicFact], issuer: str) -> list[Notice]:
        return [writers[f.kind](f, issuer) for f in facts if f.kind in writers]

    return write


def write_notices(facts: Iterable[PublicFact], issuer: str, writers: Iterable[Writer]) -> list[Notice]:
    """Every system's notices from the facts, in date order (``writers``: one per system)."""
    all_facts = sorted(facts, key=lambda f: (f.dated, f.key))
    notices: list[Notice] = []
    for writer in writers:
        notices.extend(writer(all_facts, issuer))
    return sorted(notices, key=lambda n: (n.dated, n.slug))
