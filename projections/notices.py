"""Public notices: the public facts every aggregate declares, and their Chinese text.

The fold stores facts; writers (one module per system under ``projections/notice_text``)
turn facts into :class:`Notice` documents, rendered as Markdown, HTML or JSON.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from datetime import date

from pydantic import Field

from aggregates.base import Aggregate, Event, Frozen
from aggregates.public import PublicFact
from projections.base import AggregateFold, Loader, Row


class Section(Frozen):
    heading: str | None = None
    paragraphs: tuple[str, ...] = ()
    table_header: tuple[str, ...] = ()
    table_rows: tuple[tuple[str, ...], ...] = ()


class Notice(Frozen):
    slug: str  # file name without extension
    title: str
    issuer: str
    dated: date
    sections: tuple[Section, ...] = Field(default=())

    def markdown(self) -> str:
        out = [f"# {self.title}", ""]
        for s in self.sections:
            if s.heading:
                out += [f"## {s.heading}", ""]
            for p in s.paragraphs:
                out += [p, ""]
            if s.table_header:
                out.append("| " + " | ".join(s.table_header) + " |")
                out.append("|" + "---|" * len(s.table_header))
                for row in s.table_rows:
                    out.append("| " + " | ".join(c.replace("|", "／") for c in row) + " |")
                out.append("")
        out += [self.issuer, f"{self.dated.year}年{self.dated.month}月{self.dated.day}日", ""]
        return "\n".join(out)

    def html(self) -> str:
        e = html.escape
        out = [
            "<!DOCTYPE html>",
            '<html lang="zh-CN"><head><meta charset="utf-8">',
            f"<title>{e(self.title)}</title></head><body>",
            f"<h1>{e(self.title)}</h1>",
        ]
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
        out.append("</body></html>")
        return "\n".join(out)


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


Publisher = Callable[[Aggregate], list[PublicFact]]


class PublicFacts(AggregateFold):
    """Every public fact, keyed by aggregate and fact key.

    ``publishers`` says, per aggregate class, which function picks its public facts
    (``projections/<word>/facts.py``); an aggregate class without one publishes nothing.
    """

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

    def derive(self, agg: Aggregate, event: Event, position: int) -> None:
        facts = self.publishers[type(agg)](agg)
        self.replace(f"{agg.id}|", {f.key: f.model_dump(mode="json") for f in facts})


Writer = Callable[[list[PublicFact], str], list[Notice]]


def write_notices(facts: Iterable[PublicFact], issuer: str, writers: Iterable[Writer]) -> list[Notice]:
    """Every system's notices from the facts, in date order (``writers``: one per system)."""
    all_facts = sorted(facts, key=lambda f: (f.dated, f.key))
    notices: list[Notice] = []
    for writer in writers:
        notices.extend(writer(all_facts, issuer))
    return sorted(notices, key=lambda n: (n.dated, n.slug))
