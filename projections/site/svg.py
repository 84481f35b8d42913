"""A few SVG elements, every attribute and text escaped: charts are built from ledger data."""

from __future__ import annotations

from html import escape


def _attrs(attrs: dict[str, object]) -> str:
    return "".join(
        f' {k.rstrip("_").replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items() if v is not None
    )


def el(name: str, text: str | None = None, /, **attrs: object) -> str:
    """``<name attrs>text</name>``, or ``<name attrs/>`` without text."""
    if text is None:
        return f"<{name}{_attrs(attrs)}/>"
    return f"<{name}{_attrs(attrs)}>{escape(text)}</{name}>"


def group(children: list[str], /, **attrs: object) -> str:
    return f"<g{_attrs(attrs)}>" + "".join(children) + "</g>"


def svg(id: str, title: str, desc: str, width: int, height: int, children: list[str]) -> str:
    """A picture that scales to its box, named for screen readers by its title and description."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}"'
        f' class="chart" aria-labelledby="{escape(id)}-t {escape(id)}-d" preserveAspectRatio="xMinYMin meet">'
    )
    return (
        head
        + el("title", title, id=f"{id}-t")
        + el("desc", desc, id=f"{id}-d")
        + "".join(children)
        + "</svg>"
    )
