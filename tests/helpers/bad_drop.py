"""A drop with every kind of input newsdesk must account for, and what each one must become.

``build_bad_drop(folder, max_file_bytes)`` writes the drop and returns, for every row the drop
must produce (a file, or one record of a JSON / JSONL file), the expected status, reasons and
article_id. The large and binary files are generated here, at test time; nothing is committed.

Contents: good ``.txt`` (seed articles), the same article in five encodings (UTF-8, UTF-8 with
BOM, cp1252, UTF-16 with BOM, and UTF-8 mojibake), an HTML page with cookie banner, navigation,
related links and footer, a ``.htm`` page without a date, a page with no article text, JSON Lines
with good, malformed and non-object records, a ``.json`` object and a broken ``.json``, an exact
and a syndicated copy (new headline, one sentence added), and the broken files: empty,
whitespace-only, binary (NUL bytes), undecodable noise, too large, a dangling symlink, a FIFO,
a file without read permission (only when not running as root), an unsupported format, missing,
unparsable, future and pre-1990 dates, unfilled template text, two files sharing a name.

Run by hand: ``python tests/helpers/bad_drop.py OUT_DIR [--max-file-bytes N]`` writes the drop
and prints the expectations.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TEHRAN_MEETING = "000_487a1938f6ae5f90.txt"
NAKHALAH_MEETING = "002_2c0d5d5d41ac60ca.txt"
LBCI_PAGE = "004_f3bea19917c7ffeb.txt"
RESOLUTION_STORY = "001_0cafc27f6667d54f.txt"
LBCI_TITLE = "Hamas and Iran: Haniyeh meets Iranian FM amid Gaza crisis"
SYNDICATED_TITLE = "Iran's foreign minister receives Hamas chief for talks in Tehran"
ADDED_SENTENCE = "Iran is one of the few countries that openly back the Palestinian group."

# One article with the characters legacy encodings get wrong (accents, curly quotes, dash, euro).
CAFE_ARTICLE = """\
 date 2024-05-14 Zürich cafés win their fight over the terrace levy

Café owners in Zürich said “yes” to the city’s compromise on Tuesday — 80% of them voted for it.
The €5 levy on each terrace seat will now apply only between May and September, the council said.
Naïve critics had warned that the charge would empty the old town’s squares, but bookings rose.
“We can plan the season again,” said Käthe Müller, who runs a crêperie near the Großmünster.
The council will review the levy’s effect on small businesses after the first full summer.
"""

COUNCIL_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Council approves northern tram extension | Riverside Gazette</title>
<meta property="og:title" content="Council approves northern tram extension">
<meta property="og:site_name" content="Riverside Gazette">
<meta name="author" content="Priya Raman">
<meta property="article:published_time" content="2024-06-03T09:30:00+01:00">
</head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience.
By continuing to browse you agree to our cookie policy.</p><button>Accept all cookies</button>
</div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<main>
<article>
<h1>Council approves northern tram extension</h1>
<p class="byline">By Priya Raman</p>
<p>The city council voted on Monday to extend the tram line from the central station to the
northern districts, ending a decade of debate over the route.</p>
<p>The extension will add seven stops and about four kilometres of track, and the first trams
are expected to run in the spring of 2027, according to the transport department.</p>
<p>Residents of the northern districts have campaigned for the line since the bus services were
cut, and several of them watched the vote from the public gallery of the council chamber.</p>
<p>The opposition said the budget of the project was too optimistic and asked for an independent
review of the costs before the construction contracts are signed next year.</p>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Bus fares to rise in September</a></li>
<li><a href="/b">Bridge closure causes traffic chaos</a></li></ul></aside>
</main>
<footer><p>© 2024 Riverside Gazette. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>
</body>
</html>
"""

NO_DATE_PAGE = """\
<html><head><title>Library reopens after renovation</title></head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article><h1>Library reopens after renovation</h1>
<p>The central library reopened on Saturday after an eighteen-month renovation that added a
children's wing, a café and a roof garden overlooking the river.</p>
<p>More than two thousand visitors came through the doors on the first day, the library said,
and the new reading rooms were full by the middle of the afternoon.</p>
</article><footer>Contact us</footer></body></html>
"""

MENU_ONLY_PAGE = """\
<html><head><title>Section index</title>
<meta property="article:published_time" content="2024-04-02T08:00:00Z"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<footer><a href="/about">About us</a></footer></body></html>
"""

HARBOUR_STORY = (
    "The port authority said on Wednesday that container traffic through the harbour rose for "
    "the third month in a row, helped by a new weekly service to West Africa.\n\n"
    "Dock workers agreed a new pay deal last month after two days of talks, and the authority "
    "expects the record set in 2019 to be broken before the end of the year."
)


def _article(date: str | None, title: str, body: str) -> str:
    header = f" date {date} " if date else ""
    return f"{header}{title}\n\n{body}\n"


@dataclass(frozen=True)
class Expected:
    status: str  # accepted | quarantined | duplicate
    reasons: list[str] = field(default_factory=list)
    article_id: str | None = None
    duplicate_of: str | None = None


def _write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def build_bad_drop(folder: Path, max_file_bytes: int, today: dt.date | None = None) -> dict:
    """Write the drop into ``folder``; return {row key: Expected}. The row key is the path
    relative to the drop, plus ``:<record>`` for a record of a JSON / JSONL file."""
    import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252, the mojibake browsers make

    today = today or dt.date.today()
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, Expected] = {}

    def good(name: str, data: str | bytes, article_id: str | None = None) -> None:
        _write(folder, name, data)
        expected[name] = Expected("accepted", article_id=article_id or Path(name).stem)

    def bad(name: str, reasons: list[str], data: str | bytes | None = None) -> None:
        if data is not None:
            _write(folder, name, data)
        expected[name] = Expected("quarantined", reasons, Path(name).stem)

    # --- plain text in the seeds' layout, and copies of it ---------------------------------
    lbci = (SEEDS / LBCI_PAGE).read_text(encoding="utf-8")
    good("tehran_meeting.txt", (SEEDS / TEHRAN_MEETING).read_bytes())
    good("lbci_haniyeh.txt", lbci)
    _write(folder, "lbci_haniyeh_mirror.txt", lbci)  # the same bytes under another name
    expected["lbci_haniyeh_mirror.txt"] = Expected(
        "duplicate", ["exact_duplicate"], "lbci_haniyeh_mirror", "lbci_haniyeh"
    )
    first_paragraph_end = lbci.index("Following their hour-long meeting")
    syndicated = (
        lbci[:first_paragraph_end] + ADDED_SENTENCE + "\n\n" + lbci[first_paragraph_end:]
    ).replace(LBCI_TITLE, SYNDICATED_TITLE)
    _write(folder, "syndicated_haniyeh.txt", syndicated)
    expected["syndicated_haniyeh.txt"] = Expected(
        "duplicate", ["near_duplicate"], "syndicated_haniyeh", "lbci_haniyeh"
    )

    # --- one article, five encodings: the first by article_id is the original ----------------
    encodings = {
        "enc_cp1252.txt": CAFE_ARTICLE.encode("cp1252"),
        "enc_mojibake.txt": CAFE_ARTICLE.encode("utf-8")
        .decode("sloppy-windows-1252")
        .encode("utf-8"),
        "enc_utf16.txt": CAFE_ARTICLE.encode("utf-16"),
        "enc_utf8.txt": CAFE_ARTICLE.encode("utf-8"),
        "enc_utf8_bom.txt": CAFE_ARTICLE.encode("utf-8-sig"),
    }
    for name, data in encodings.items():
        _write(folder, name, data)
        expected[name] = Expected("duplicate", ["exact_duplicate"], Path(name).stem, "enc_cp1252")
    expected["enc_cp1252.txt"] = Expected("accepted", article_id="enc_cp1252")

    # --- HTML -------------------------------------------------------------------------------
    good("council_tram.html", COUNCIL_PAGE)
    bad("library_no_date.htm", ["missing_publication_date"], NO_DATE_PAGE)
    bad("menu_only.html", ["empty_body"], MENU_ONLY_PAGE)

    # --- JSON Lines and JSON ------------------------------------------------------------------
    nakhalah = (SEEDS / NAKHALAH_MEETING).read_text(encoding="utf-8")
    nakhalah_body = nakhalah.split(" ", 3)[3] if nakhalah.startswith(" date ") else nakhalah
    future = (today + dt.timedelta(days=400)).isoformat()
    lines = [
        json.dumps(
            {
                "title": "Islamic Jihad leader meets Iran's foreign minister",
                "date": "2024-03-30",
                "body": nakhalah_body,
                "url": "https://example.org/nakhalah",
                "author": "Desk Reporter",
            }
        ),
        "",
        '{"title": "Truncated record", "date": "2024-03-2',
        json.dumps(
            {
                "title": "Container traffic rises again at the harbour",
                "date": "2024-04-17T08:15:00Z",
                "text": HARBOUR_STORY,
                "author": ["Lena Ortiz", "Sam Cole"],
            }
        ),
        json.dumps(
            {
                "title": "Stadium to open",
                "date": future,
                "text": "The new stadium opened its "
                "gates to the public for the first time, the club said in a statement.",
            }
        ),
        json.dumps(["not", "an", "object"]),
    ]
    _write(folder, "feed.jsonl", "\n".join(lines) + "\n")
    expected["feed.jsonl:1"] = Expected("accepted", article_id="feed_1")
    expected["feed.jsonl:3"] = Expected("quarantined", ["malformed_record"], "feed_3")
    expected["feed.jsonl:4"] = Expected("accepted", article_id="feed_4")
    expected["feed.jsonl:5"] = Expected("quarantined", ["implausible_publication_date"], "feed_5")
    expected["feed.jsonl:6"] = Expected("quarantined", ["malformed_record"], "feed_6")

    good(
        "market_report.json",
        json.dumps(
            {
                "headline": "Farmers' market moves to the old railway yard",
                "published": "Tue, 21 May 2024 07:00:00 +0000",
                "content": "The weekly farmers' market will move to the old railway yard from "
                "June, the organisers said, because the square is needed for repairs.\n\n"
                "Stall holders welcomed the larger site, which has room for forty more stalls "
                "and a covered area for the winter months.",
                "site_name": "Valley Courier",
            }
        ),
    )
    bad("broken.json", ["malformed_record"], '{"title": "Cut off", "body": "The text stops')

    # --- broken files -------------------------------------------------------------------------
    bad("empty.txt", ["empty_file"], b"")
    bad("whitespace.txt", ["empty_file"], b"  \n\t\n   \r\n")
    bad("binary.txt", ["binary_file"], b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    noise = random.Random(7).randbytes(4096).replace(b"\x00", b"\x01")
    bad("noise.txt", ["binary_file"], noise)
    line = b"A line of perfectly ordinary text that just goes on and on.\n"
    bad("huge.txt", ["file_too_large"], line * (max_file_bytes // len(line) + 2))
    os.symlink(folder / "nowhere" / "gone.txt", folder / "dangling.txt")
    bad("dangling.txt", ["unreadable_file"])
    os.mkfifo(folder / "pipe.txt")
    bad("pipe.txt", ["unreadable_file"])
    if not is_root():  # root reads a chmod-000 file: only a non-root run can test permissions
        bad("locked.txt", ["unreadable_file"], _article("2024-05-01", "Locked", HARBOUR_STORY))
        (folder / "locked.txt").chmod(0)
    bad("scan.pdf", ["unsupported_format"], b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    bad(
        "no_date.txt",
        ["missing_publication_date"],
        _article(None, "Harbour traffic at a record", HARBOUR_STORY),
    )
    bad(
        "bad_date.txt",
        ["unparsable_publication_date"],
        _article("2024-13-45", "Ferry timetable changes", HARBOUR_STORY.replace("port", "ferry")),
    )
    bad(
        "future.txt",
        ["implausible_publication_date"],
        _article(future, "Tomorrow's news today", HARBOUR_STORY.replace("harbour", "marina")),
    )
    bad(
        "ancient.txt",
        ["implausible_publication_date"],
        _article("1985-06-01", "Old news", HARBOUR_STORY.replace("container", "grain")),
    )
    bad(
        "template.txt",
        ["unfilled_template_text"],
        _article(
            "2024-05-02",
            "Minister to visit [insert city here]",
            "The minister will travel to [insert city here] on [insert date here] to open the "
            "new hospital wing, her office said in a statement.",
        ),
    )
    # Two files of one drop with the same name (here the same article re-sent into a sub-folder):
    # both quarantined, neither silently dropped, and their mentions do not collide.
    twin = (SEEDS / RESOLUTION_STORY).read_bytes()
    bad("twin.txt", ["duplicate_article_id"], twin)
    bad("more/twin.txt", ["duplicate_article_id"], twin)
    return expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--max-file-bytes", type=int, default=100_000)
    args = parser.parse_args()
    expected = build_bad_drop(args.folder, args.max_file_bytes)
    for key, item in sorted(expected.items()):
        print(f"{key:28} {item.status:12} {','.join(item.reasons)}")
    print(f"{len(expected)} rows; run with NEWSDESK_MAX_FILE_BYTES={args.max_file_bytes}")


if __name__ == "__main__":
    main()
