"""Does a page load anything from the network? A static scan of what a browser would fetch.

Used by the tests and by the report / docs assets (as metadata) to prove the pages an analyst opens
work offline. Only what the browser *loads* counts: ``src``/``srcset``, ``href`` of ``<link>``
(stylesheets, icons, preloads), ``<object data>``, ``<image href>`` in SVG, ``url(...)`` and
``@import`` in CSS (``<style>`` blocks and ``style`` attributes). A plain ``<a href="https://...">``
is a link the reader may follow, not a request, and namespace declarations (``xmlns``) are names.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)", re.IGNORECASE)
# @import "x.css" (the @import url(x.css) form is a url() above)
CSS_IMPORT = re.compile(r"@import\s+(['\"])([^'\"]+)\1", re.IGNORECASE)

# Attributes whose value the browser fetches, per tag ("*" = any tag).
_LOADED = {
    "*": ("src", "srcset", "poster", "background"),
    "link": ("href",),
    "object": ("data",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
}


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def css_remote_urls(css: str) -> list[str]:
    found = [m.group(2) for m in CSS_URL.finditer(css)] + [
        m.group(2) for m in CSS_IMPORT.finditer(css)
    ]
    return [u for u in found if REMOTE.match(u)]


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.remote: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs) -> None:
        attrs = {k.lower(): (v or "") for k, v in attrs}
        tag = tag.lower()
        if tag == "link" and "stylesheet" not in attrs.get("rel", "").lower():
            # <link rel="canonical|alternate|author" href> is metadata, not a load; icons,
            # preloads and manifests are loads.
            rel = attrs.get("rel", "").lower()
            if not any(r in rel for r in ("icon", "preload", "prefetch", "manifest", "modulepre")):
                attrs.pop("href", None)
        names = _LOADED["*"] + _LOADED.get(tag, ())
        for name in names:
            value = attrs.get(name)
            if not value:
                continue
            urls = _srcset_urls(value) if name == "srcset" else [value]
            self.remote += [u for u in urls if REMOTE.match(u)]
        if "style" in attrs:
            self.remote += css_remote_urls(attrs["style"])
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag.lower() == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.remote += css_remote_urls(data)


def remote_resources(html: str) -> list[str]:
    """Every http(s) or protocol-relative URL the page would load, in document order."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.remote
