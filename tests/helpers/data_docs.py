"""Reading a Great Expectations Data Docs site in tests: the rows of its index (GE writes them as
a literal in the page's script, for the table script to draw) and the text of a page."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from urllib.parse import unquote

from tests.helpers.html_tools import elements

# ``$(table).bootstrapTable(Object.assign({columns: [...], data: [...], ...}))``
_TABLE_DATA = re.compile(r"\bdata: (\[.*?\]),\n", re.DOTALL)


def index_rows(index: Path) -> list[dict]:
    """The validation rows of the index (the expectation suites' table is left out)."""
    html = index.read_text(encoding="utf-8")
    rows = [row for m in _TABLE_DATA.finditer(html) for row in ast.literal_eval(m.group(1))]
    return [row for row in rows if "run_name" in row]


def linked_page(index: Path, row: dict) -> Path:
    return index.parent / unquote(row["_table_row_link_path"])


def page_text(page: Path) -> str:
    """What a reader sees on a page (the text of its body, scripts and styles left out)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S)
    return next(e.text for e in elements(html, tag="body"))
