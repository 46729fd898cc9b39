import codecs

import pytest

from orchestration.lib.decode import UndecodableError, decode_bytes

TEXT = "Café owners in Zürich said “yes” — 80% of them."


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("cp1252"), None),
    ],
)
def test_same_text_from_every_encoding(data, encoding):
    decoded = decode_bytes(data)
    assert decoded.text == TEXT
    if encoding:
        assert decoded.encoding == encoding


def test_mojibake_is_repaired():
    assert decode_bytes("CafÃ© owners".encode()).text == "Café owners"


def test_binary_is_refused():
    with pytest.raises(UndecodableError):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
