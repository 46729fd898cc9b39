"""Every gold entity name mention of the dev set survives parsing: it lies in the parsed body
(the title opens the body) or in a heading (kept apart, addressable by ``heading_starts``).

Skipped when ``../shared/eval`` is not beside the repository (``NEWSDESK_EVAL_DIR`` points
elsewhere, e.g. from a git worktree).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from orchestration.lib.read.parse import ParsedArticle, parse_text

REPO = Path(__file__).resolve().parents[2]
EVAL = Path(os.environ.get("NEWSDESK_EVAL_DIR", REPO.parent / "shared" / "eval"))
GOLD = EVAL / "dev" / "gold.jsonl"

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason=f"no dev set at {EVAL}")


def _in_body(parsed: ParsedArticle, start: int, end: int, text: str) -> bool:
    segments = parsed.segments
    for i, (body_start, source_start) in enumerate(segments):
        body_end = segments[i + 1][0] - 2 if i + 1 < len(segments) else len(parsed.body)
        source_end = source_start + body_end - body_start
        if source_start <= start and end <= source_end:
            offset = body_start + start - source_start
            return parsed.body[offset:offset + end - start] == text
    return False


def _in_heading(parsed: ParsedArticle, start: int, end: int, text: str) -> bool:
    return any(
        h_start <= start and end <= h_start + len(heading)
        and heading[start - h_start:end - h_start] == text
        for heading, h_start in zip(parsed.headings, parsed.heading_starts, strict=True)
    )


def test_every_gold_mention_lies_in_the_body_or_a_heading():
    lost, in_body, in_headings = [], 0, 0
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        mentions = [m for m in doc.get("mentions") or [] if m.get("start") is not None]
        if not mentions:
            continue
        source = (EVAL / "dev" / doc["drop"] / doc["doc"]).read_text(encoding="utf-8")
        parsed = parse_text(source, doc["doc"][:-4])
        for m in mentions:
            if _in_body(parsed, m["start"], m["end"], m["text"]):
                in_body += 1
            elif _in_heading(parsed, m["start"], m["end"], m["text"]):
                in_headings += 1
            else:
                lost.append((doc["doc"], m["text"], m["start"]))
    assert lost == []
    assert in_body > 0.95 * (in_body + in_headings)  # 2,015 of 2,079 on the dev set
