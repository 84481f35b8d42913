"""Open data beside every list: JSON for programs, CSV with a BOM so that Excel and WPS on a
Chinese Windows open it as UTF-8, and .xlsx where a clerk prints or forwards the list."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from projections.site.registers import Table

# A fixed timestamp inside the workbook: the same ledger gives the same bytes on every build.
_WORKBOOK_TIME = datetime(2000, 1, 1)


def as_json(table: Table) -> bytes:
    data = {"title": table.title, "columns": dict(zip(table.keys, table.header, strict=True))}
    data["rows"] = table.records()  # type: ignore[assignment]
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def as_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook  # imported only when a workbook is written
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.properties.created = book.properties.modified = _WORKBOOK_TIME
    book.properties.creator = "Gongkai Ledger"
    sheet = book.active
    assert sheet is not None
    sheet.title = table.title[:31]
    sheet.append(list(table.header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(list(row))
    for column in sheet.columns:
        letter = column[0].column_letter
        widest = max((len(str(c.value or "")) for c in column), default=4)
        sheet.column_dimensions[letter].width = min(60, 2 * widest + 2)
        for c in column:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.print_options.gridLines = True
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def files(table: Table) -> dict[str, bytes]:
    """The three files of a list, by name (``decisions.json`` …), under ``data/``."""
    found = {f"data/{table.name}.json": as_json(table), f"data/{table.name}.csv": as_csv(table)}
    if table.workbook:
        found[f"data/{table.name}.xlsx"] = as_xlsx(table)
    return found
