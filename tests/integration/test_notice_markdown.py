"""A notice's Markdown has the headings its writer gave it, whatever text the ledger holds.

The oracle is a CommonMark parser (markdown-it-py, which comes with rich): the title is the
one h1, each section heading an h2, and no text from the data becomes a heading, a quote,
a code fence or raw HTML. The HTML form escapes everything it prints."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from projections.notices import Notice, Section

PARSER = MarkdownIt("commonmark").enable("table")

# What opens blocks in Markdown, often, among any other text.
tricky = st.sampled_from(
    [*"#=-+*>`~<|\\ \t\n\r.)1", "\r\n", "  ", "    ", "```", "~~~", "1. ", "- ", "\u2028"]
)
text = st.lists(tricky | st.characters(codec="utf-8"), max_size=24).map("".join)
sections = st.builds(
    Section,
    heading=st.none() | text,
    paragraphs=st.lists(text, max_size=3).map(tuple),
    table_header=st.lists(text, min_size=1, max_size=3).map(tuple) | st.just(()),
    table_rows=st.lists(st.lists(text, min_size=1, max_size=3).map(tuple), max_size=2).map(tuple),
)
notices = st.builds(
    Notice, slug=st.just("n"), title=text, issuer=text, dated=st.just(date(2026, 9, 1)),
    sections=st.lists(sections, max_size=3).map(tuple),
)  # fmt: skip


def walk(tokens: list[Token]) -> list[Token]:
    return [t for token in tokens for t in (token, *walk(token.children or []))]


def test_the_insiders_title_is_one_heading_and_its_script_is_text() -> None:
    notice = Notice(
        slug="n",
        title="办法\n# 伪造标题\n<script>alert(1)</script>",
        issuer="雁江区金融工作局\n===",
        dated=date(2026, 9, 1),
        sections=(Section(heading="说明\n## 伪造", paragraphs=("第一条\n# 伪造标题\n- # 又一个\n---",)),),
    )
    tokens = walk(PARSER.parse(notice.markdown()))
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1", "h2"]
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    assert "<script>" not in notice.html() and "&lt;script&gt;" in notice.html()


@settings(max_examples=150, deadline=None)
@given(notices)
def test_no_text_in_a_notice_makes_a_heading_or_html_in_its_markdown(notice: Notice) -> None:
    tokens = walk(PARSER.parse(notice.markdown()))
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    assert headings == ["h1"] + ["h2" for s in notice.sections if s.heading]
    assert not [t for t in tokens if t.type in ("html_block", "html_inline", "fence", "blockquote_open")]
