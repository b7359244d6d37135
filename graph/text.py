"""Text made safe for every output: no lone surrogates, no characters XML 1.0 forbids."""
from __future__ import annotations

import re

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 up, except
# surrogates and U+FFFE/U+FFFF; other controls must go before text reaches any export.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """``text`` with characters no XML or RDF writer may carry replaced by U+FFFD.

    >>> clean_text("a\\x00b\\ud800c")
    'a\\ufffdb\\ufffdc'
    """
    if text.isprintable():  # the common case, tested in C: no control, surrogate or non-character
        return text
    return _NOT_XML.sub("\ufffd", text)
