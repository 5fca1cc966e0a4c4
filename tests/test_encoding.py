import codecs

import pytest

from toolkit.encoding import InputError, decode_bytes

TEXT = "Zelenskyy said Kyiv\u2019s \u201cdelegation\u201d met in Miami \u2014 caf\u00e9 talks."


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
])
def test_unicode_encodings_are_read(data, encoding):
    decoded = decode_bytes(data)
    assert (decoded.text, decoded.encoding, decoded.repaired) == (TEXT, encoding, False)


def test_legacy_single_byte_encoding_is_detected():
    decoded = decode_bytes(TEXT.encode("cp1252"))
    assert decoded.text == TEXT
    assert decoded.encoding.startswith("cp125")


def test_mojibake_is_repaired():
    clean = "Kyiv\u2019s caf\u00e9 \u2014 talks"
    mojibake = clean.encode("utf-8").decode("cp1252")
    assert mojibake == "Kyiv\u00e2\u20ac\u2122s caf\u00c3\u00a9 \u00e2\u20ac\u201d talks"
    decoded = decode_bytes(mojibake.encode("utf-8"))
    assert decoded.text == clean
    assert decoded.repaired is True


def test_explicit_encoding():
    assert decode_bytes("caf\u00e9".encode("latin-1"), encoding="latin-1").text == "caf\u00e9"


@pytest.mark.parametrize("data, message", [
    (b"", "x.txt is empty"),
    (b"  \n\t\n", "x.txt is empty"),
    (bytes(range(256)) * 8, "x.txt is not text|x.txt looks like a binary file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "x.txt is not text|x.txt looks like a binary file"),
])
def test_bad_bytes_are_named(data, message):
    with pytest.raises(InputError, match=message):
        decode_bytes(data, name="x.txt")


def test_wrong_explicit_encoding_is_named():
    with pytest.raises(InputError, match="x.txt cannot be decoded as utf-8"):
        decode_bytes(b"caf\xe9", name="x.txt", encoding="utf-8")
    with pytest.raises(InputError, match="cannot be decoded as no-such-codec"):
        decode_bytes(b"cafe", name="x.txt", encoding="no-such-codec")
