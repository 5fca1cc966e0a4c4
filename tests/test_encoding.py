import codecs

import pytest

from toolkit.loading.encoding import InputError, decode_bytes

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


# --- issue 9: no silent loss in decoding ----------------------------------------------------

def test_a_bad_byte_inside_utf8_is_replaced_and_noted():
    """One byte that is not UTF-8 must not turn the whole file into mojibake (it was read as mac_iceland)."""
    decoded = decode_bytes((TEXT + "\n").encode("utf-8") * 20 + b"\xff", name="x.txt")
    assert decoded.text == (TEXT + "\n") * 20 + "\ufffd"
    assert decoded.encoding == "utf-8"
    assert decoded.notes == ("1 byte(s) that are not UTF-8 replaced by \ufffd (first on line 21, character 1); "
                             "the rest is valid UTF-8 (100 multi-byte characters)",)


def test_a_legacy_encoding_is_recorded():
    decoded = decode_bytes(TEXT.encode("cp1252"))
    assert (decoded.text, decoded.encoding) == (TEXT, "cp1252")
    assert decoded.notes == ("not UTF-8 (5 invalid byte(s), first on line 1): read as cp1252, the most likely "
                             "legacy encoding (charset-normalizer)",)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_not_called_binary(codec):
    decoded = decode_bytes(TEXT.encode(codec), name="x.txt")
    assert (decoded.text, decoded.encoding) == (TEXT, codec)
    assert decoded.notes == (f"no byte-order mark: read as {codec.upper()} by its pattern of zero bytes",)


def test_a_few_nul_characters_are_removed_and_noted():
    decoded = decode_bytes(b"text,outlet\n" + TEXT.encode() + b",A\x00\n" + TEXT.encode() + b",B\n", name="t.csv")
    assert decoded.text == f"text,outlet\n{TEXT},A\n{TEXT},B\n"
    assert decoded.notes == ("1 NUL character(s) removed (first on line 2)",)


def test_binary_message_counts_the_control_characters():
    with pytest.raises(InputError, match=r"x.txt looks like a binary file, not text \(150 control characters in its first 500\)"):
        decode_bytes(b"\x00\x01\x02abcdefg" * 50, name="x.txt")
