import datetime as dt
from pathlib import Path

from orchestration.lib.read.parse import authors_from_byline, heading_spans, in_heading, parse_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def parse_seed(stem: str):
    path = next(SEEDS.glob(f"{stem}*.txt"))
    return parse_text(path.read_text(encoding="utf-8"), path.stem), path.read_text(encoding="utf-8")


def test_date_header_and_lede_kept_as_body():
    parsed, _ = parse_seed("000")
    assert parsed.published_date == dt.date(2024, 3, 26)
    assert parsed.title is None  # the first line is the lede, not a headline
    assert parsed.body.startswith("At a pivotal moment in Middle Eastern politics")


def test_section_headings_are_body_paragraphs_marked_as_headings():
    parsed, source = parse_seed("000")
    assert parsed.headings == [
        "Deepening Crisis in Gaza",
        "Iran-Hamas Alliance Under the Microscope",
        "Global Response and the Path Forward",
    ]
    assert [parsed.body[s:e] for s, e in parsed.heading_spans] == parsed.headings
    start, end = parsed.heading_spans[2]
    assert parsed.body[start - 2:end + 2] == "\n\nGlobal Response and the Path Forward\n\n"
    assert source[parsed.source_offset(start):].startswith("Global Response and the Path Forward")
    assert in_heading(parsed.heading_spans, start) and in_heading(parsed.heading_spans, end - 1)
    assert not in_heading(parsed.heading_spans, end) and not in_heading(parsed.heading_spans, 0)


def test_heading_spans_from_the_body_alone():
    body = ("Port strike ends\n\nDockworkers in Rotterdam returned to work on Monday after a "
            "ten-day strike over pay.\n\nWhat the deal gives\n\nROTTERDAM 2024-05-06\n\n"
            "The union said the agreement raises wages by 4 percent this year.")
    assert [body[s:e] for s, e in heading_spans(body)] == ["What the deal gives"]
    assert heading_spans("Port strike ends\n\nNo story yet") == []  # no prose: no headings


def test_a_byline_above_the_headline_leaves_the_headline_the_title():
    parsed = parse_text(" date 2024-05-06 \nBy Maria Jansen\nPort strike ends in Rotterdam\n"
                        "Dockworkers returned to work on Monday after a ten-day strike.\n", "p")
    assert parsed.authors == ["Maria Jansen"]
    assert parsed.title == "Port strike ends in Rotterdam" and parsed.headings == []
    assert parsed.body.startswith("Port strike ends in Rotterdam\n\nDockworkers returned")


def test_web_page_furniture_byline_and_publisher():
    parsed, _ = parse_seed("004")
    assert parsed.title == "Hamas and Iran: Haniyeh meets Iranian FM amid Gaza crisis"
    assert parsed.publisher == "LBCI"
    assert parsed.authors == ["Toni Mrad", "Yasmine Jaroudi"]
    # The headline opens the body; the page furniture around it does not.
    assert parsed.body.startswith(
        "Hamas and Iran: Haniyeh meets Iranian FM amid Gaza crisis\n\n"
        "Hamas' political bureau head, Ismail Haniyeh, visited Tehran"
    )
    assert parsed.body.endswith("on prisoner exchange and ceasefire?")
    for furniture in ("High views", "2min", "News Bulletin Reports", "Lebanon's debt crisis"):
        assert furniture not in parsed.body
        assert any(furniture in b for b in parsed.boilerplate)


def test_missing_date_header():
    parsed, _ = parse_seed("003")
    assert parsed.published_date is None and parsed.date_text is None
    assert parsed.title.startswith("Iran Leader Khamenei Meets Top Hamas Leaders")


def test_body_offsets_map_back_to_the_source():
    for stem in ("000", "003", "004"):
        parsed, source = parse_seed(stem)
        for start in range(0, len(parsed.body) - 20, 53):
            if "\n" in parsed.body[start : start + 20]:
                continue
            src = parsed.source_offset(start)
            assert source[src : src + 20] == parsed.body[start : start + 20]


def test_invalid_date_is_kept_as_text():
    parsed = parse_text(" date 2024-13-45 Some headline\n\nA sentence of the body.", "x")
    assert parsed.date_text == "2024-13-45" and parsed.published_date is None


def test_byline_names():
    assert authors_from_byline("By Jane Doe and John Smith") == ["Jane Doe", "John Smith"]
    assert authors_from_byline("Report by Toni Mrad, English adaptation by Yasmine Jaroudi") == [
        "Toni Mrad",
        "Yasmine Jaroudi",
    ]
