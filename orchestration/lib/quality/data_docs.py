"""Great Expectations Data Docs that open offline, styled.

GX writes pages that pull Bootstrap, jQuery, Popper, bootstrap-table, a datepicker, Font Awesome
and Vega from CDNs, and a logo from S3 (the URL carries a timestamp). Offline such a page is bare
and its index table is empty (bootstrap-table draws it). After each build, ``localise_site``
copies local files next to the pages and rewrites every page to load them instead:

* Bootstrap 4.5 (CSS + bundle with Popper), jQuery 3.7 and Font Awesome 6 from the XStatic
  packages on PyPI (MIT; Font Awesome Free: icons CC BY 4.0, fonts SIL OFL 1.1, code MIT - its
  LICENSE.txt is copied along);
* ``orchestration/web/data_docs/``: our own stand-in for the part of bootstrap-table GX calls
  (render, sort, search, row links) and its few styles;
* the logo GX already ships in ``static/images/``.

GX's own links into ``static/`` are re-anchored on each page's depth (its validation pages point
the favicon one folder too high).

Dropped: the table filter-control and datepicker add-ons, the dark-mode stylesheet, and Vega
(only profiling pages draw charts; our suites have none). Anything else remote that a page would
load is removed and reported, so no page ever waits on the network.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from orchestration.lib.pages.offline import remote_resources

STATIC = "static"
OWN_FILES = Path(__file__).resolve().parents[2] / "web" / "data_docs"

# CDN URL pattern -> local file under <site>/static/ (None: drop the tag). First match wins.
RULES: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(p, re.IGNORECASE), target)
    for p, target in [
        (r"bootstrap-table.*filter-control", None),
        (r"bootstrap-table(\.min)?\.css", "vendor/newsdesk/data-docs.css"),
        (r"bootstrap-table(\.min)?\.js", "vendor/newsdesk/table.js"),
        (r"bootstrap-datepicker", None),
        (r"bootstrap-dark|prefers-dark", None),
        (r"bootstrap(\.min)?\.css", "vendor/bootstrap/css/bootstrap.min.css"),
        (r"bootstrap(\.bundle)?(\.min)?\.js", "vendor/bootstrap/js/bootstrap.bundle.min.js"),
        (r"popper", None),  # inside Bootstrap's bundle
        (r"jquery[-.\d]*(\.min)?\.js", "vendor/jquery/jquery.min.js"),
        (r"font-?awesome.*\.css", "vendor/font-awesome/css/all.min.css"),
        (r"vega", None),
        (r"logo[-_]long|full_logo", "images/logo-long.png"),
    ]
]

_URL = r"(?:https?:)?//[^\"'\s)]+"
# A loading tag with a remote src/href (a <script> with its closing tag).
REMOTE_TAG = re.compile(
    rf"<(script|link|img)\b[^>]*?\b(?:src|href)\s*=\s*([\"'])(?P<url>{_URL})\2[^>]*>"
    r"(?:\s*</script>)?",
    re.IGNORECASE | re.DOTALL,
)
REMOTE_CSS_URL = re.compile(rf"url\(\s*([\"']?)(?P<url>{_URL})\1\s*\)", re.IGNORECASE)
# GX's own relative links to its static/ folder (it gets the depth of validation pages wrong for
# the favicon): re-anchored on the page's real depth.
LOCAL_STATIC = re.compile(r"""\b(src|href)=(["'])(?:\./|(?:\.\./)*)static/""")
SRI_ATTRS = re.compile(r"\s(?:integrity|crossorigin)\s*=\s*([\"'])[^\"']*\1", re.IGNORECASE)


@dataclass(frozen=True)
class LocalisedSite:
    pages: int
    # remote URLs found in the generated pages -> the local file (under static/) or "dropped"
    replaced: dict[str, str]
    # anything still remote after the rewrite (always empty unless a rule is broken)
    remaining: list[str]


def vendored_files() -> dict[str, Path]:
    """Local file (relative to the site's static/ folder) -> the file it is copied from."""
    import xstatic.pkg.bootstrap as bootstrap
    import xstatic.pkg.font_awesome as font_awesome
    import xstatic.pkg.jquery as jquery

    bs, fa, jq = Path(bootstrap.BASE_DIR), Path(font_awesome.BASE_DIR), Path(jquery.BASE_DIR)
    files = {
        "vendor/bootstrap/css/bootstrap.min.css": bs / "css" / "bootstrap.min.css",
        "vendor/bootstrap/js/bootstrap.bundle.min.js": bs / "js" / "bootstrap.bundle.min.js",
        "vendor/jquery/jquery.min.js": jq / "jquery.min.js",
        "vendor/font-awesome/css/all.min.css": fa / "css" / "all.min.css",
        "vendor/font-awesome/LICENSE.txt": fa / "LICENSE.txt",
        "vendor/newsdesk/table.js": OWN_FILES / "newsdesk-table.js",
        "vendor/newsdesk/data-docs.css": OWN_FILES / "newsdesk-data-docs.css",
    }
    # all.min.css loads its fonts from ../webfonts/
    for font in sorted((fa / "webfonts").iterdir()):
        files[f"vendor/font-awesome/webfonts/{font.name}"] = font
    return files


def copy_vendored(static_dir: Path) -> int:
    """Copy the local files into ``static_dir`` (skipping ones already there); returns copies."""
    copied = 0
    for relative, source in vendored_files().items():
        target = static_dir / relative
        if target.exists() and target.stat().st_size == source.stat().st_size:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        copied += 1
    return copied


def local_target(url: str) -> str | None:
    for pattern, target in RULES:
        if pattern.search(url):
            return target
    return None


def localise_html(html: str, static_prefix: str) -> tuple[str, dict[str, str]]:
    """Rewrite one page: remote loads -> ``<static_prefix>/<local file>``, or removed.

    ``static_prefix`` is the relative path from the page to the site's static/ folder."""
    replaced: dict[str, str] = {}

    def tag(match: re.Match[str]) -> str:
        url = match.group("url")
        target = local_target(url)
        if target is None:
            replaced[url] = "dropped"
            return ""
        replaced[url] = target
        return SRI_ATTRS.sub("", match.group(0).replace(url, f"{static_prefix}/{target}"))

    def css_url(match: re.Match[str]) -> str:
        url = match.group("url")
        target = local_target(url)
        replaced[url] = target or "dropped"
        return f"url('{static_prefix}/{target}')" if target else "none"

    html = REMOTE_TAG.sub(tag, html)
    html = REMOTE_CSS_URL.sub(css_url, html)
    html = LOCAL_STATIC.sub(lambda m: f"{m[1]}={m[2]}{static_prefix}/", html)
    return html, replaced


def localise_site(site_dir: Path, since: float | None = None) -> LocalisedSite:
    """Make every page of a Data Docs site load only files inside the site; with ``since`` (a
    time.time()), only the pages written since then (the others were localised when written)."""
    static_dir = site_dir / STATIC
    copy_vendored(static_dir)
    replaced: dict[str, str] = {}
    remaining: list[str] = []
    pages = sorted(
        p for p in site_dir.rglob("*.html") if since is None or p.stat().st_mtime >= since
    )
    for page in pages:
        prefix = Path(os.path.relpath(static_dir, page.parent)).as_posix()
        html = page.read_text(encoding="utf-8")
        new, page_replaced = localise_html(html, prefix)
        if new != html:
            page.write_text(new, encoding="utf-8")
        replaced.update(page_replaced)
        remaining += remote_resources(new)
    return LocalisedSite(pages=len(pages), replaced=replaced, remaining=sorted(set(remaining)))
