"""Bytes to text: BOMs first, then UTF-8, then a maintained detector; mojibake repaired."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import ftfy
from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


WESTERN_MARGIN = 0.05


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data``; raise :class:`UndecodableError` for binary content."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(_repair(data.decode(encoding)), encoding)
    if b"\x00" in data:
        raise UndecodableError("the file contains NUL bytes (binary, not text)")
    try:
        return Decoded(_repair(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    # Short texts leave the detector torn between many single-byte code pages that decode the
    # bytes equally "cleanly"; Windows-1252 is by far the commonest legacy encoding of news text,
    # so it wins whenever it is as plausible as the detector's first choice.
    western = from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is not None and (best is None or western.chaos <= best.chaos + WESTERN_MARGIN):
        best = western
    if best is None:
        raise UndecodableError("no text encoding fits the bytes")
    return Decoded(_repair(str(best)), best.encoding)


def _repair(text: str) -> str:
    # ftfy fixes mojibake ("Ã©" -> "é") and leaves sound text untouched; keep quotes as written.
    return ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC").replace("\r\n", "\n")
