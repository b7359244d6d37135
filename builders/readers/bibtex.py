"""BibTeX (reference managers' export): one paper per entry that has an ``abstract`` field.

A small parser of our own: entries ``@type{key, field = {..} | ".." | 123 | macro, ...}``
with nested braces, ``#`` concatenation, ``@string`` macros, and ``@comment`` /
``@preamble`` skipped. Each entry keeps the line it starts on, for reports.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from builders.readers.common import Skipped, make_paper, month_number, read_text
from graph.schema import Paper

_ENTRY_START = re.compile(r"@\s*([A-Za-z]+)\s*([{(])")
_FIELD_NAME = re.compile(r"\s*([A-Za-z][\w:.+-]*)\s*=\s*")
_KEY = re.compile(r"\s*([^,\s}]*)\s*,")
_MONTH_MACROS = {m: m for m in "jan feb mar apr may jun jul aug sep oct nov dec".split()}
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b"}
_ACCENT = re.compile(r"\\([`'^\"~=.]|[cvuH](?=[\s{]))\s*\{?\s*(\\[ij](?![A-Za-z])|[A-Za-z])\}?")
_SYMBOLS = {r"\&": "&", r"\%": "%", r"\$": "$", r"\#": "#", r"\_": "_", "---": "\u2014", "--": "\u2013", "~": " "}
_LETTERS = {"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ"}
_LETTER = re.compile(r"\\(ss|ae|AE|[oOlLij])(?![A-Za-z])\s?")  # "\l" but not "\lambda"
_COMMAND = re.compile(r"\\(?:emph|textit|textbf|texttt|textsc|mathrm|url|href\{[^}]*\})\s*")


class _BibError(ValueError):
    """An entry that cannot be parsed; carries the line where parsing failed."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line


def latex_to_text(value: str) -> str:
    r"""Plain text from BibTeX field text: accents, escapes and grouping braces resolved.

    >>> latex_to_text(r"Sch{\"o}lkopf and G\'{e}ron: {BERT} \& {T5} -- a \emph{study}")
    'Schölkopf and Géron: BERT & T5 – a study'
    """
    import unicodedata

    value = _ACCENT.sub(lambda m: unicodedata.normalize("NFC", m.group(2)[-1] + _ACCENTS[m.group(1)]), value)
    value = _LETTER.sub(lambda m: _LETTERS[m.group(1)], value)
    for symbol, plain in _SYMBOLS.items():
        value = value.replace(symbol, plain)
    value = _COMMAND.sub("", value)
    return value.replace("{", "").replace("}", "").replace("\\", "")


def _author_names(value: str) -> list[str]:
    """BibTeX author lists ("Last, First and First Last") as "First Last" names."""
    names = []
    for part in re.split(r"\s+and\s+", value.strip()):
        if not part or part.lower() == "others":
            continue
        if "," in part:
            last, _, first = part.partition(",")
            part = f"{first.strip()} {last.strip()}"
        names.append(" ".join(part.split()))
    return names


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.macros = dict(_MONTH_MACROS)
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def line_of(self, pos: int) -> int:
        from bisect import bisect_right

        return bisect_right(self.newlines, pos - 1) + 1

    def entries(self) -> Iterator[tuple[int, str, str, dict[str, str]] | _BibError]:
        """(line, type, key, fields) per entry, or a _BibError, after which parsing resumes at the next '@'."""
        pos = 0
        while True:
            match = _ENTRY_START.search(self.text, pos)
            if not match:
                return
            kind, line = match.group(1).lower(), self.line_of(match.start())
            close = "}" if match.group(2) == "{" else ")"
            try:
                if kind in ("comment", "preamble"):
                    pos = self._skip_group(match.end(), close)
                    continue
                if kind == "string":
                    fields, pos = self._fields(match.end(), close)
                    self.macros.update({k.lower(): v for k, v in fields.items()})
                    continue
                key = _KEY.match(self.text, match.end())
                if not key:
                    raise _BibError(line, "entry has no citation key followed by ','")
                fields, pos = self._fields(key.end(), close)
                yield line, kind, key.group(1), fields
            except _BibError as err:  # reported at the entry's first line; parsing resumes after its '@'
                yield _BibError(line, f"{err} (parsing stopped at line {err.line})")
                pos = match.end()

    def _skip_group(self, pos: int, close: str) -> int:
        depth = 1
        while pos < len(self.text):
            char = self.text[pos]
            depth += char in "{(" and (char == "{" or close == ")")
            depth -= char in "})" and (char == "}" or close == ")")
            pos += 1
            if depth == 0:
                return pos
        raise _BibError(self.line_of(pos), "entry not closed before the end of the file")

    def _fields(self, pos: int, close: str) -> tuple[dict[str, str], int]:
        fields: dict[str, str] = {}
        text = self.text
        while True:
            while pos < len(text) and text[pos] in " \t\r\n,":
                pos += 1
            if pos >= len(text):
                raise _BibError(self.line_of(pos), "entry not closed before the end of the file")
            if text[pos] == close:
                return fields, pos + 1
            name = _FIELD_NAME.match(text, pos)
            if not name:
                raise _BibError(self.line_of(pos), f"expected 'field = value' at {text[pos:pos + 20]!r}")
            value, pos = self._value(name.end())
            fields[name.group(1).lower()] = value

    def _value(self, pos: int) -> tuple[str, int]:
        parts = []
        text = self.text
        while True:
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos >= len(text):
                raise _BibError(self.line_of(pos), "value not closed before the end of the file")
            if text[pos] == "{":
                end = self._skip_group(pos + 1, "}")
                parts.append(text[pos + 1:end - 1])
                pos = end
            elif text[pos] == '"':
                end, depth = pos + 1, 0
                while end < len(text) and (text[end] != '"' or depth > 0):
                    depth += (text[end] == "{") - (text[end] == "}")
                    end += 1
                if end >= len(text):
                    raise _BibError(self.line_of(pos), "quoted value not closed before the end of the file")
                parts.append(text[pos + 1:end])
                pos = end + 1
            else:
                word = re.match(r"[\w:.+-]+", text[pos:pos + 200])
                if not word:
                    raise _BibError(self.line_of(pos), f"expected a value at {text[pos:pos + 20]!r}")
                parts.append(self.macros.get(word.group().lower(), word.group()))
                pos += word.end()
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos < len(text) and text[pos] == "#":
                pos += 1
                continue
            return "".join(parts), pos


def read_bibtex(path: Path) -> Iterator[Paper | Skipped]:
    """Entries of a ``.bib`` file; unparseable ones are skipped with their line and reason."""
    path = Path(path)
    for item in _Parser(read_text(path)).entries():
        if isinstance(item, _BibError):
            yield Skipped(f"{path.name}:{item.line}", f"unreadable BibTeX entry ({item})")
            continue
        line, _, key, fields = item
        plain = {name: latex_to_text(value) for name, value in fields.items()}
        year, month = plain.get("year", "").strip(), month_number(plain.get("month"))
        date = f"{year}-{month:02d}" if year and month else year or None
        arxiv = plain.get("eprint") if plain.get("archiveprefix", "").lower() == "arxiv" else None
        if not arxiv and "arxiv" in plain.get("journal", "").lower():
            arxiv = plain["journal"]  # Google Scholar: journal = {arXiv preprint arXiv:2312.09876}
        yield make_paper(f"{path.name}:{line}", plain.get("title"), plain.get("abstract"),
                         arxiv_id=arxiv or (plain.get("eprint") if re.fullmatch(r"\d{4}\.\d{4,5}(v\d+)?", plain.get("eprint", "")) else None),
                         doi=plain.get("doi"), url=plain.get("url"), date=date,
                         authors=_author_names(plain.get("author", "")),
                         venue=plain.get("booktitle") or plain.get("journal"),
                         categories=[k.strip() for k in plain.get("keywords", "").split(",")])
