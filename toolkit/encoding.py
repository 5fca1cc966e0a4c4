"""Turning the bytes of a file into text: encodings, byte-order marks, mojibake."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer
import ftfy

_BOMS = (
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
    """

    text: str
    encoding: str
    repaired: bool


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
# UTF-8 read as cp1252 or latin-1 turns each multi-byte character into a lead character
# (Â..ô) followed by one that stands for a continuation byte: the mark of mojibake. Text
# without such a pair cannot hold that kind of mojibake, and ftfy (slow) is not called.
_MOJIBAKE_PAIR = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178"
                            "\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]")


def _looks_binary(text: str) -> bool:
    """True if the text has a NUL or more than 1 % control characters other than white space."""
    sample = text[:20000]
    return "\x00" in sample or len(_CONTROL.findall(sample)) > 0.01 * max(len(sample), 1)


def decode_bytes(data: bytes, *, name: str = "input", encoding: str | None = None) -> Decoded:
    """Decode the bytes of a text or HTML file.

    A byte-order mark decides first (UTF-8, UTF-16, UTF-32); then strict UTF-8; then
    charset-normalizer's detection of legacy encodings (cp1252, latin-1, cp1251, ...).
    Mojibake is then repaired with ftfy's ``fix_encoding``, which changes nothing in text that
    has none.

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
        The text, the encoding used, and whether mojibake was repaired.

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
    """
    if not data.strip():
        raise InputError(f"{name} is empty")
    if encoding is None:
        encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            best = charset_normalizer.from_bytes(data).best()
            if best is None:
                raise InputError(f"{name} is not text in any encoding we can detect (binary file?)") from None
            text, encoding = str(best), best.encoding
    else:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as err:
            raise InputError(f"{name} cannot be decoded as {encoding}: {err}") from None
    if _looks_binary(text):
        raise InputError(f"{name} looks like a binary file, not text")
    fixed = ftfy.fix_encoding(text) if _MOJIBAKE_PAIR.search(text) else text
    return Decoded(text=fixed, encoding=encoding, repaired=fixed != text)
