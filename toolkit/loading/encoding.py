"""Turning the bytes of a file into text: encodings, byte-order marks, mojibake."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer
import ftfy

#: Byte-order marks and the codec that reads a text that starts with one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(ValueError):
    """An input file or table that cannot be read as articles; the message says why."""


@dataclass(frozen=True)
class Decoded:
    """The text of a file and how it was obtained.

    Attributes
    ----------
    text : str
        The decoded text, mojibake repaired.
    encoding : str
        The encoding the bytes were read with.
    repaired : bool
        Whether mojibake (UTF-8 read as a single-byte encoding, say) was repaired.
    notes : tuple of str
        Every decision that changed or may have changed the text: bytes replaced, NUL
        characters removed, an encoding inferred without a byte-order mark, a legacy encoding
        chosen, mojibake repaired. The loader puts them in the load log.
    """

    text: str
    encoding: str
    repaired: bool
    notes: tuple[str, ...] = ()


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
# UTF-8 read as cp1252 or latin-1 turns each multi-byte character into a lead character
# (Â..ô) followed by one that stands for a continuation byte: the mark of mojibake. Text
# without such a pair cannot hold that kind of mojibake, and ftfy (slow) is not called.
_MOJIBAKE_PAIR = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178"
                            "\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]")
# Bytes that are not UTF-8, as Python's "surrogateescape" error handler represents them.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")
#: Above this share of control characters (NUL included), and more than three, a text is taken
#: for a binary file; fewer NULs are removed with a note.
BINARY_SHARE = 0.01


def _line_of(data, position: int) -> int:
    """The line number (from 1) of a position in bytes or text."""
    return data.count(b"\n" if isinstance(data, bytes) else "\n", 0, position) + 1


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" if the bytes have UTF-16's pattern of zero bytes (text in a
    Latin script has a zero in every other byte), else None."""
    sample = data[:4000]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.4 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.4 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _from_bytes(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode bytes with no encoding given: (text, encoding, notes)."""
    bom = next((enc for mark, enc in BYTE_ORDER_MARKS if data.startswith(mark)), None)
    if bom is not None:
        return data.decode(bom), bom, []
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return data.decode(utf16), utf16, [f"no byte-order mark: read as {utf16.upper()} by its pattern of zero bytes"]
        except UnicodeDecodeError:
            pass
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = [m.start() for m in _ESCAPED_BYTE.finditer(escaped)]
    if not bad:
        return escaped, "utf-8", []
    multibyte = len(_NON_ASCII.findall(escaped))
    first_line = _line_of(escaped, bad[0])
    if len(bad) < multibyte:
        # UTF-8 (its multi-byte characters outnumber the bad bytes) with a few bytes damaged
        text = _ESCAPED_BYTE.sub("\ufffd", escaped)
        return text, "utf-8", [f"{len(bad)} byte(s) that are not UTF-8 replaced by \ufffd (first on line {first_line}, "
                               f"character {bad[0] - escaped.rfind(chr(10), 0, bad[0])}); the rest is valid UTF-8 "
                               f"({multibyte} multi-byte characters)"]
    text, legacy = _legacy(data, name)
    return text, legacy, [f"not UTF-8 ({len(bad)} invalid byte(s), first on line {first_line}): read as {legacy}, "
                          "the most likely legacy encoding (charset-normalizer)"]


# UTF-16 and UTF-32 without a byte-order mark are recognized by their zero bytes, not guessed.
_WIDE = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]


def _legacy(data: bytes, name: str) -> tuple[str, str]:
    """Text and encoding by charset-normalizer's detection; cp1252, the commonest legacy
    encoding of news pages, wins a tie (short texts often score the same in a dozen code pages,
    and code pages that decode the bytes alike are grouped in one match)."""
    matches = list(charset_normalizer.from_bytes(data, cp_exclusion=_WIDE))
    if not matches:
        raise InputError(f"{name} is not text in any encoding we can detect (binary file?)")
    best = matches[0]
    for match in matches:
        if "cp1252" in match.could_be_from_charset and (match.chaos, match.coherence) == (best.chaos, best.coherence):
            return str(match), "cp1252"
    return str(best), best.encoding


def decode_bytes(data: bytes, *, name: str = "input", encoding: str | None = None) -> Decoded:
    """Decode the bytes of a text or HTML file.

    A byte-order mark decides first (UTF-8, UTF-16, UTF-32); then UTF-16's pattern of zero
    bytes (a file saved without a mark); then UTF-8: strict, or with the few bytes that are
    not UTF-8 replaced by U+FFFD when the text's valid multi-byte characters outnumber them (a
    damaged UTF-8 file, not another encoding); then charset-normalizer's detection of legacy
    encodings (cp1252, latin-1, cp1251, ...). A few NUL characters (up to 1 %) are removed.
    Mojibake is then repaired with ftfy's ``fix_encoding``, which changes nothing in text
    that has none. Every such decision is a note in the result.

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        The file's name, for error messages.
    encoding : str, optional
        Decode with this encoding and skip detection.

    Returns
    -------
    Decoded
        The text, the encoding used, whether mojibake was repaired, and notes.

    Raises
    ------
    InputError
        If the file is empty, holds only white space, or is binary.

    Examples
    --------
    >>> decode_bytes("Kyiv’s".encode("utf-16")).text
    'Kyiv’s'
    >>> decode_bytes("Kyiv’s".encode("utf-8").decode("cp1252").encode("utf-8")).repaired
    True
    >>> decoded = decode_bytes("“Kyiv” — talks\\n".encode() + b"\\xff")
    >>> decoded.text, decoded.encoding
    ('“Kyiv” — talks\\n\ufffd', 'utf-8')
    >>> decoded.notes
    ('1 byte(s) that are not UTF-8 replaced by \ufffd (first on line 2, character 1); the rest is valid UTF-8 (3 multi-byte characters)',)
    """
    if not data.strip():
        raise InputError(f"{name} is empty")
    if encoding is None:
        text, encoding, notes = _from_bytes(data, name)
    else:
        notes = []
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as err:
            raise InputError(f"{name} cannot be decoded as {encoding}: {err}") from None
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    if controls > max(BINARY_SHARE * len(sample), 3):
        raise InputError(f"{name} looks like a binary file, not text ({controls:,} control characters "
                         f"in its first {len(sample):,})")
    if "\x00" in text:
        notes.append(f"{text.count(chr(0))} NUL character(s) removed (first on line {_line_of(text, text.index(chr(0)))})")
        text = text.replace("\x00", "")
    fixed = ftfy.fix_encoding(text) if _MOJIBAKE_PAIR.search(text) else text
    if fixed != text:
        notes.append("mojibake repaired")
    return Decoded(text=fixed, encoding=encoding, repaired=fixed != text, notes=tuple(notes))
