"""Reading rendered pages in tests with the standard library only: elements by class, and every
resource a page would load (src / href / url() / @import)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[Element] = []
        self.elements: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        for element in self.stack:
            element.parts.append(data)


def elements(html: str, css_class: str | None = None, tag: str | None = None) -> list[Element]:
    collector = _Collector()
    collector.feed(html)
    return [
        e
        for e in collector.elements
        if (css_class is None or css_class in e.classes) and (tag is None or e.tag == tag)
    ]


LOADED_ATTR = re.compile(
    r"<(?P<tag>[a-zA-Z]+)\b[^>]*?\s(?P<attr>src|href|srcset|data|poster)\s*=\s*([\"'])(?P<url>[^\"']*)\3",
    re.DOTALL,
)
CSS_LOAD = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"']?)(?P<url>[^\"')\s;]+)", re.IGNORECASE)
REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


def loaded_urls(html: str) -> list[str]:
    """What a browser may fetch: src/srcset/data/poster of any tag, href of <link>, url() and
    @import anywhere (``<a href>`` is a link the reader follows, not a load)."""
    urls = []
    for m in LOADED_ATTR.finditer(html):
        if m["attr"] == "href" and m["tag"].lower() != "link":
            continue
        urls.append(m["url"])
    urls += [m["url"] for m in CSS_LOAD.finditer(html)]
    return urls


def remote_loads(html: str) -> list[str]:
    return [u for u in loaded_urls(html) if REMOTE.match(u)]
