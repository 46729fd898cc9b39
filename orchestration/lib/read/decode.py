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


# Windows-1252 is by far the commonest legacy encoding of news text: it wins over the detector's
# first choice when it is nearly as clean (chaos within this margin) and reads at least as much
# like a language (coherence), or when the first choice is an exotic code page (Mac, DOS, ...)
# that short texts often tie with. Regional Windows / ISO pages (cp1250 Czech, cp1254 Turkish,
# cp1251, ...) keep their win when their text is more coherent.
WESTERN_MARGIN = 0.1
_REGIONAL_PREFIXES = ("cp125", "iso8859", "koi8", "latin", "windows")
# A UTF-8 file with a few stray single bytes (text pasted from a cp1252 source) is still UTF-8:
# decoded as such, the stray bytes as cp1252, when valid multi-byte characters outnumber them.
MIXED_UTF8_RATIO = 2
MIXED_ENCODING = "utf-8+cp1252"


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
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return Decoded(_repair(mixed), MIXED_ENCODING)
    best = from_bytes(data).best()
    # Short texts leave the detector torn between many single-byte code pages that decode the
    # bytes equally "cleanly" (French in cp1252 reads as cp1257 with "aprčs" for "après").
    western = from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is not None and (best is None or _western_wins(western, best)):
        best = western
    if best is None:
        raise UndecodableError("no text encoding fits the bytes")
    return Decoded(_repair(str(best)), best.encoding)


def _western_wins(western, best) -> bool:
    if western.chaos > best.chaos + WESTERN_MARGIN:
        return False
    exotic = not best.encoding.lower().startswith(_REGIONAL_PREFIXES)
    return exotic or western.coherence >= best.coherence


def _cp1252_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error("newsdesk_cp1252", _cp1252_bytes)


def _mostly_utf8(data: bytes) -> str | None:
    replaced = data.decode("utf-8", errors="replace")
    invalid = replaced.count("\ufffd")
    multibyte = sum(1 for ch in replaced if ord(ch) > 0x7F) - invalid
    if invalid == 0 or multibyte < MIXED_UTF8_RATIO * invalid:
        return None
    return data.decode("utf-8", errors="newsdesk_cp1252")


def _repair(text: str) -> str:
    # ftfy fixes mojibake ("Ã©" -> "é") and leaves sound text untouched; keep quotes as written.
    return ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC").replace("\r\n", "\n")
