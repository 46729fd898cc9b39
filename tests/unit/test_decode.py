import codecs

import pytest

from orchestration.lib.read.decode import UndecodableError, decode_bytes

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


@pytest.mark.parametrize(
    "text",
    [
        "Le café de la gare a fermé ses portes après trente ans. Les habitués regrettent déjà "
        "l'ambiance.",
        "Élections: le maire sortant a été réélu dès le premier tour, avec 62 % des voix.",
        "El señor García afirmó que la situación económica mejorará el próximo año.",
        "Officials said the talks—held behind closed doors—ended. “We’re disappointed,” one said.",
    ],
)
def test_western_text_in_cp1252_is_read_as_cp1252(text):
    decoded = decode_bytes(text.encode("cp1252"))
    assert (decoded.text, decoded.encoding) == (text, "cp1252")


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Předseda vlády řekl, že jednání budou pokračovat příští týden v Brně.", "cp1250"),
        (
            "Cumhurbaşkanı salı günü yaptığı açıklamada görüşmelerin gelecek hafta süreceğini "
            "söyledi.",
            "cp1254",
        ),
        ("Президент заявил во вторник, что переговоры продолжатся на следующей неделе.", "cp1251"),
    ],
)
def test_regional_code_pages_keep_their_letters(text, encoding):
    assert decode_bytes(text.encode(encoding)).text == text


def test_utf8_with_a_stray_cp1252_byte_is_still_read():
    data = TEXT.encode("utf-8") + b" It\x92s done."
    decoded = decode_bytes(data)
    assert decoded.text == TEXT + " It’s done."
    assert decoded.encoding == "utf-8+cp1252"
