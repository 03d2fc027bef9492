"""Record files (YAML, CSV) to checked records that remember where they came from.

``read_text`` is pure: it takes a file's name and decoded text and returns the
records and the findings.  ``decode`` turns bytes into text; the only I/O is in
``read_paths`` (through ``read_file``, which reads only regular files, and at
most ``max_file_size()`` bytes of each).  Every record and field keeps its line
and column, which is how a SHACL result on the graph is traced back to the
record that produced it.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import difflib
import io
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from cheikg.errors import UsageError
from cheikg.findings import Finding, shown
from cheikg.paths import display_path

from . import schema, yamltree
from .dates import Date, DateError, parse_date
from .schema import Field, Kind

# patterns are matched whole (fullmatch): '$' would also match before a final newline, and let "m-x\n" through
ID_PATTERN = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
RECORD_SUFFIXES = (".yaml", ".yml", ".csv")
DEFAULT_MAX_FILE_SIZE = 64 * 2**20
MAX_FILE_SIZE_VARIABLE = "CHEIKG_MAX_FILE_SIZE"
_max_file_size: int | None = None  # set by `--max-file-size`; else the environment's, else the default


def is_record_file(path: str | Path) -> bool:
    """A .yaml, .yml or .csv file, in any case (sub.YAML)."""
    return Path(path).suffix.lower() in RECORD_SUFFIXES


@dataclass
class Citation:
    source: str
    quote: str | None
    line: int
    column: int | None = None
    path: str | None = None  # set when the record it belongs to is merged with records of other files


@dataclass
class Record:
    """A record (or a nested object such as an agreement party) after checking.

    ``values`` holds parsed field values: ``str`` for TEXT/URL/ID/REF/VOCAB,
    lists for multi-valued fields, ``dict[lang, list[str]]`` for NAMES,
    ``Date`` for DATE, ``list[Record]`` for OBJECTS, ``list[Citation]`` for
    the citations (always under ``sources``).
    """

    kind: Kind | None  # None for nested objects
    fields: tuple[Field, ...]
    path: str
    line: int
    column: int
    id: str | None = None
    values: dict[str, object] = field(default_factory=dict)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    parent: "Record | None" = None
    prefix: str = ""  # nested objects: "parties[2]." for messages
    paths: dict[str, str] = field(default_factory=dict)  # merged records: the file of a field given by another statement

    @property
    def top(self) -> "Record":
        return self.parent.top if self.parent else self

    def position(self, name: str | None) -> tuple[int, int]:
        if name and name in self.positions:
            return self.positions[name]
        return self.line, self.column

    def path_of(self, name: str | None) -> str:
        """The file a field was written in (a merged record's fields come from several)."""
        return self.paths.get(name, self.path) if name else self.path

    def citations(self) -> list[Citation]:
        """This record's citations, or its parent's when it has none of its own."""
        own = self.values.get("sources") or []
        if own or self.parent is None:
            return own  # type: ignore[return-value]
        return self.parent.citations()


@dataclass
class ReadResult:
    records: list[Record] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # record-level: the file was read
    unreadable: list[Finding] = field(default_factory=list)  # the file could not be read at all

    def extend(self, other: "ReadResult") -> None:
        self.records += other.records
        self.findings += other.findings
        self.unreadable += other.unreadable


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)"


# ---------------------------------------------------------------- decoding


def decode(path: str, data: bytes) -> tuple[str | None, list[Finding]]:
    """Bytes to text. A UTF-8 byte-order mark is dropped; other encodings are refused, saying which."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return None, [_unreadable(path, 1, "the file is UTF-32; save it as UTF-8", "input/encoding")]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [_unreadable(path, 1, "the file is UTF-16; save it as UTF-8", "input/encoding")]
    wide = _wide_encoding(data)
    if wide:
        return None, [_unreadable(path, 1, f"the file looks like {wide} without a byte-order mark (a NUL byte beside each character); save it as UTF-8", "input/encoding")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _line_column(data, e.start)
        return None, [
            _unreadable(
                path,
                line,
                f"byte 0x{data[e.start]:02X} is not UTF-8; save the file as UTF-8 (GBK and other encodings are not read)",
                "input/encoding",
                column=col,
            )
        ]
    nul = text.find("\x00")
    if nul >= 0:
        line, col = _line_column(text, nul)
        return None, [_unreadable(path, line, "a NUL byte: the file is not a text file", "input/binary", column=col)]
    return text, []


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 written without a byte-order mark, told by where the NUL bytes of ASCII text fall."""
    head = data[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return None
    head = head[: len(head) // 4 * 4]
    zeros = [head[i::4].count(0) / (len(head) // 4) for i in range(4)]
    if min(zeros[1:]) > 0.9 and zeros[0] < 0.5:
        return "UTF-32 (little-endian)"
    if min(zeros[:3]) > 0.9 and zeros[3] < 0.5:
        return "UTF-32 (big-endian)"
    odd, even = (zeros[1] + zeros[3]) / 2, (zeros[0] + zeros[2]) / 2
    if odd > 0.6 and even < 0.2:
        return "UTF-16 (little-endian)"
    if even > 0.6 and odd < 0.2:
        return "UTF-16 (big-endian)"
    return None


def _line_column(text: str | bytes, at: int) -> tuple[int, int]:
    newline = "\n" if isinstance(text, str) else b"\n"
    return text.count(newline, 0, at) + 1, at - (text.rfind(newline, 0, at) + 1) + 1


def _unreadable(path: str, line: int | None, message: str, rule: str, column: int | None = None) -> Finding:
    return Finding(path=path, line=line, column=column, message=message, rule=rule)


# ---------------------------------------------------------------- reading


def parse_size(text: str) -> int:
    """'64M', '200MB', '1G', '500000': a size in bytes (K, M and G are powers of 1024); UsageError if not one."""
    m = re.fullmatch(r"\s*([0-9]+)\s*([kmg]?)i?b?\s*", text, re.IGNORECASE | re.ASCII)
    if not m or int(m.group(1)) == 0:
        raise UsageError(f"'{text}' is not a file size; write a number of bytes, or one with K, M or G, such as 200M")
    return int(m.group(1)) * 1024 ** " kmg".index(m.group(2).lower() or " ")


def set_max_file_size(size: int | None) -> None:
    """The largest record or RDF file read, in bytes (None: ``$CHEIKG_MAX_FILE_SIZE``, else 64 MiB)."""
    global _max_file_size
    _max_file_size = size


def max_file_size() -> int:
    if _max_file_size is not None:
        return _max_file_size
    env = os.environ.get(MAX_FILE_SIZE_VARIABLE)
    if env:
        try:
            return parse_size(env)
        except UsageError as e:
            raise UsageError(f"{MAX_FILE_SIZE_VARIABLE}: {e}") from None
    return DEFAULT_MAX_FILE_SIZE


def _size(n: int) -> str:
    return f"{n / 2**20:,.1f} MiB" if n >= 2**20 else f"{n:,} bytes"


_NOT_REGULAR = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
                (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def read_file(path: Path, name: str | None = None) -> tuple[bytes | None, list[Finding]]:
    """The bytes of a regular file of at most ``max_file_size()`` bytes, or why it is not read.

    What is not a regular file (a FIFO would block forever, /dev/zero never end)
    is refused before it is opened, and again after (it may have been swapped);
    a file larger than the limit is refused before it is read, and a file that
    grows while read is not read past it.
    """
    name = name or display_path(path)
    limit = max_file_size()

    def refused(message: str, rule: str = "input/io") -> tuple[None, list[Finding]]:
        return None, [_unreadable(name, None, message, rule)]

    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return refused(_not_a_file(st.st_mode), "input/not-a-file")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as e:
        return refused(f"cannot be read: {e.strerror or e}; check that the file exists and that you may read it")
    with contextlib.closing(os.fdopen(fd, "rb", buffering=0)) as fh:
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return refused(_not_a_file(st.st_mode), "input/not-a-file")
            if st.st_size > limit:
                return refused(_too_large(st.st_size, limit), "input/too-large")
            chunks, total = [], 0
            while total <= limit:
                chunk = fh.read(min(limit + 1 - total, 2**22))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
        except OSError as e:
            return refused(f"cannot be read: {e.strerror or e}")
    if total > limit:
        return refused(_too_large(total, limit), "input/too-large")
    return b"".join(chunks), []


def _not_a_file(mode: int) -> str:
    what = next((w for test, w in _NOT_REGULAR if test(mode)), "not a regular file")
    return f"is {what}, not a file; give a file of records"


def _too_large(size: int, limit: int) -> str:
    return (f"is {_size(size)}, more than the {_size(limit)} a file may have; split it, "
            f"or raise the limit with --max-file-size (or {MAX_FILE_SIZE_VARIABLE}), such as --max-file-size {max(2 * limit, size) // 2**20 + 1}M")


def read_paths(paths: Iterable[Path]) -> ReadResult:
    """Read record files and folders (recursively, in name order); messages name files as display_path does."""
    result = ReadResult()
    for path in _expand(paths, result.unreadable):
        name = display_path(path)
        data, problems = read_file(path, name)
        if data is None:
            result.unreadable += problems
            continue
        text, problems = decode(name, data)
        if text is None:
            result.unreadable += problems
            continue
        result.extend(read_text(name, text))
    return result


def expand_folder(folder: Path, wanted, unreadable: list[Finding]) -> list[Path]:
    """The files under ``folder`` for which ``wanted(path)`` holds, in name order; a sub-folder that cannot be
    listed is a finding in ``unreadable`` (pathlib's rglob would skip it without a word)."""
    out: list[Path] = []

    def failed(e: OSError) -> None:
        unreadable.append(_unreadable(display_path(Path(e.filename)) if e.filename else display_path(folder), None,
                                      f"cannot be read: {e.strerror or e}; check that you may list this folder", "input/io"))

    for root, dirs, names in os.walk(folder, onerror=failed):
        dirs.sort()
        out += (Path(root) / n for n in names if wanted(Path(root) / n))
    return sorted(out)


def _expand(paths: Iterable[Path], unreadable: list[Finding]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from expand_folder(path, is_record_file, unreadable)
        else:
            yield path


def read_text(path: str, text: str) -> ReadResult:
    """Parse the text of one record file, named ``path`` in messages."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return ReadResult(unreadable=[_unreadable(path, 1, "the file is empty; a record file lists records under kind names such as 'organizations:'", "input/empty")])
    suffix = Path(path).suffix.lower()
    if suffix in RECORD_SUFFIXES:
        bad = _NOT_IN_TEXT.search(text)
        if bad:
            line, col = _line_column(text, bad.start())
            return ReadResult(unreadable=[_unreadable(path, line, _character_message(bad.group(), written=False), "input/control-character", column=col)])
    if suffix in (".yaml", ".yml"):
        return _read_yaml(path, text)
    if suffix == ".csv":
        return _read_csv(path, text)
    return ReadResult(
        unreadable=[
            _unreadable(path, None, f"'{suffix or path}' files are not record files; give .yaml or .csv files (or Turtle to `validate`)", "input/kind")
        ]
    )


# What a record file may not hold, written raw: C0 controls but tab and line ends, DEL, C1 controls (which
# YAML does not allow raw either), a byte-order mark past the start, non-characters. Printed, a control
# character can retitle a terminal window or erase a line (ESC, BEL, CSI ...).
_NOT_IN_TEXT = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
# ... and what no value may hold, however written (YAML's escapes "\e", "\a", "\x9b", "\ud800" make them):
# the same, with CR (a value's line breaks are LF) and the halves of UTF-16 surrogate pairs, which are no characters
_NOT_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")


def _character_message(char: str, *, written: bool) -> str:
    code = ord(char)
    escape = f"\\u{code:04x}"
    if code == 0xFEFF and not written:
        return "a byte-order mark (U+FEFF) in the middle of the file, often left where two files were joined; delete it"
    if 0xD800 <= code <= 0xDFFF:
        return (f"the escape {escape} is half of a UTF-16 surrogate pair, not a character; write the character itself, "
                "or its escape \\UXXXXXXXX (such as \\U0001F600)")
    how = ", written as an escape," if written else ""
    what = "non-character" if code in (0xFFFE, 0xFFFF) else "byte-order mark" if code == 0xFEFF else "control character"
    message = f"the {what} U+{code:04X} ({escape}){how} is not allowed in a record"
    if 0x80 <= code <= 0x9F:
        with contextlib.suppress(UnicodeDecodeError):
            meant = bytes([code]).decode("cp1252")
            return f"{message}; it is most likely '{meant}' of a Windows-1252 text decoded wrongly: write '{meant}' instead, or delete it"
    return f"{message}; delete it"


class _Constructor(RoundTripConstructor):
    """Keeps dates as the text written, so an impossible date is our message, not ruamel's crash;
    refuses numbers too long to convert (Python stops at 4,300 digits) with their line."""

    def construct_yaml_int(self, node):
        if len(node.value.lstrip("+-")) > yamltree.MAX_DIGITS:
            raise yamltree.Refused(node.start_mark.line + 1, node.start_mark.column + 1, yamltree.long_number_message(node.value))
        return super().construct_yaml_int(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_str)
_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)


def _yaml() -> YAML:
    y = YAML(typ="rt", pure=True)
    y.Constructor = _Constructor
    y.allow_duplicate_keys = False
    return y


def _read_yaml(path: str, text: str) -> ReadResult:
    try:
        try:
            doc = yamltree.load(text)
        except yamltree.Fallback:
            return _read_yaml_ruamel(path, text)
        return _read_document(path, _checked_values(doc) if _ESCAPE.search(text) else doc)
    except yamltree.Refused as e:
        rule = "input/control-character" if isinstance(e, _BadValue) else "input/yaml"
        return ReadResult(unreadable=[_unreadable(path, e.line, e.message, rule, column=e.column)])


def _read_yaml_ruamel(path: str, text: str) -> ReadResult:
    """The reference reader: slow, but its errors (and odd constructs) are the ones we phrase."""
    try:
        yamltree.check_structure(text)  # ruamel would expand aliases and recurse as deep as the text asks
        try:
            doc = _yaml().load(text)
        except MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            line = mark.line + 1 if mark else None
            col = mark.column + 1 if mark else None
            return ReadResult(unreadable=[_unreadable(path, line, _yaml_message(e, text, line), "input/yaml", column=col)])
        except YAMLError as e:  # pragma: no cover - ruamel marks nearly all of its errors
            return ReadResult(unreadable=[_unreadable(path, None, f"is not valid YAML: {e}", "input/yaml")])
        except RecursionError:  # deeper than Python goes, where libyaml could not parse the text to say where
            return ReadResult(unreadable=[_unreadable(path, None, yamltree.too_deep_message(), "input/yaml")])
        tree = yamltree.from_ruamel(doc, len(text))
        return _read_document(path, _checked_values(tree) if _ESCAPE.search(text) else tree)
    except yamltree.Refused as e:
        rule = "input/control-character" if isinstance(e, _BadValue) else "input/yaml"
        return ReadResult(unreadable=[_unreadable(path, e.line, e.message, rule, column=e.column)])


# the escapes of double-quoted YAML that can make a character _NOT_IN_VALUE refuses (\" \\ \n \t cannot)
_ESCAPE = re.compile(r"\\[0abefvrxuUN]")


class _BadValue(yamltree.Refused):
    """A control character or surrogate that a YAML escape put in a value."""


def _checked_values(doc: object) -> object:
    """``doc``, once no key or value in it holds what no record value may (see _NOT_IN_VALUE); else _BadValue.

    Only YAML's escapes make these (the raw text was checked), so only files with such an escape are walked.
    """
    def walk(value: object, line: int, col: int) -> None:
        if isinstance(value, str):
            bad = _NOT_IN_VALUE.search(value)
            if bad:
                raise _BadValue(line + 1, col + 1, _character_message(bad.group(), written=True))
        elif isinstance(value, yamltree.Map):
            for key, item in value.items():
                kline, kcol, vline, vcol = value.positions[key]
                walk(key, kline, kcol)
                walk(item, vline, vcol)
        elif isinstance(value, yamltree.Seq):
            for item, (iline, icol) in zip(value, value.positions):
                walk(item, iline, icol)

    walk(doc, 0, 0)
    return doc


def _read_document(path: str, doc: object) -> ReadResult:
    if not isinstance(doc, yamltree.Map):
        what = "a list" if isinstance(doc, yamltree.Seq) else "a single value"
        return ReadResult(
            unreadable=[
                _unreadable(path, 1, f"the file holds {what}; a record file is a mapping of kind names to lists of records, such as 'organizations:'", "input/kind")
            ]
        )
    result = ReadResult()
    for key, items in doc.items():
        kline, kcol = doc.positions[key][:2]
        if not isinstance(key, str) or key not in schema.KINDS:
            kinds = ", ".join(schema.KINDS)
            result.findings.append(
                Finding(path, kline + 1, f"'{key}' is not a kind of record{_suggest(str(key), schema.KINDS)}; the kinds are {kinds}", column=kcol + 1, rule="record/unknown-kind", value=str(key))
            )
            continue
        kind = schema.KINDS[key]
        if items is None:
            continue
        if not isinstance(items, yamltree.Seq):
            result.findings.append(
                Finding(path, kline + 1, f"'{key}' must be a list of records, each starting with '- id:'", column=kcol + 1, rule="record/not-a-list")
            )
            continue
        for i, item in enumerate(items):
            line, col = items.positions[i]
            rec = _record_from_mapping(path, kind, kind.fields, item, line + 1, col + 1, None, result.findings)
            if rec is not None:
                result.records.append(rec)
    return result


def _yaml_message(e: MarkedYAMLError, text: str, line: int | None) -> str:
    problem = (e.problem or e.context or "invalid YAML").strip()
    if "found character '\\t'" in problem or "found character '\t'" in problem:
        return "a tab character; YAML indents with spaces only: replace the tab with spaces"
    if "duplicate key" in problem:
        key = re.search(r'duplicate key "?([^"]+)"?', problem)
        name = f" '{key.group(1)}'" if key else ""
        return f"the key{name} appears twice in the same record; keep one"
    if line is not None:
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1]:
            return "a tab character; YAML indents with spaces only: replace the tab with spaces"
    return f"is not valid YAML: {problem}; check the indentation and quoting on this line"


def csv_kind(path: str | Path) -> Kind | None:
    """The kind a CSV file holds, from its name: memberships.csv, memberships-jiangxi.csv (in any case)."""
    stem = Path(path).stem.lower()
    return schema.KINDS.get(stem) or next((k for plural, k in schema.KINDS.items() if stem.startswith((plural + "-", plural + "_"))), None)


def _read_csv(path: str, text: str) -> ReadResult:
    stem = Path(path).stem
    kind = csv_kind(path)
    if kind is None:
        return ReadResult(
            unreadable=[
                _unreadable(path, 1, f"a CSV file is named after the kind of its records, such as 'memberships.csv' or 'memberships-jiangxi.csv'{_suggest(stem, schema.KINDS)}", "input/kind")
            ]
        )
    result = ReadResult()
    try:
        rows = csv_rows(text)
    except CsvError as e:
        hint = "; a quoted cell is not closed: check the quotes" if "unexpected end of data" in str(e) else ""
        return ReadResult(unreadable=[_unreadable(path, e.line, f"is not valid CSV: {e}{hint}", "input/csv")])
    header = [h.strip() for h in rows[0]]
    first: dict[str, int] = {}
    for col, name in enumerate(header, 1):
        top, dot, sub = name.partition(".")
        spec = kind.field(top)
        if name in first:
            result.findings.append(
                Finding(path, 1, f"the column '{name}' appears twice (columns {first[name]} and {col}); keep one, and put several values in one cell separated by '|'",
                        column=col, field=name, rule="record/duplicate-column", value=name)
            )
            continue
        first[name] = col
        if spec is None:
            result.findings.append(
                Finding(path, 1, f"'{name}' is not a field of {kind.name} records{_suggest(top, [f.name for f in kind.fields])}", column=col, field=name, rule="record/unknown-field", value=name)
            )
        elif dot and spec.type != schema.NAMES:
            result.findings.append(
                Finding(path, 1, f"'{name}' is not a column: only name fields take a language after a dot (such as 'name.en'); call the column '{top}'",
                        column=col, field=name, rule="record/unknown-field", value=name)
            )
    columns = _read_columns(kind, header)
    # csv.reader keeps quoted newlines inside one row, so count physical lines as we go
    line = _physical_lines(rows[0])
    for row in rows[1:]:
        start = line + 1
        line += _physical_lines(row)
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            result.findings.append(
                Finding(path, start, f"the row has {len(row)} cells but the header has {len(header)} columns; quote cells that contain commas", rule="record/csv-row")
            )
            continue
        mapping = _csv_mapping(kind, header, row, start, columns)
        rec = _record_from_mapping(path, kind, kind.fields, mapping, start, 1, None, result.findings)
        if rec is not None:
            result.records.append(rec)
    return result


class CsvError(ValueError):
    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line


def csv_rows(text: str) -> list[list[str]]:
    """The rows of a CSV text (CsvError with the line if it is not CSV).

    A cell may be as long as the file: csv's default limit of 131,072 characters
    refused a long quote without saying which cell, and the file's size is capped already.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, len(text) + 1))
    try:
        return list(reader)
    except csv.Error as e:
        raise CsvError(reader.line_num or None, str(e)) from None
    finally:
        csv.field_size_limit(old)


def _read_columns(kind: Kind, header: list[str]) -> list[bool]:
    """Which columns are read: fields of the kind, a language only after a name field, each name once."""
    out = []
    for col, name in enumerate(header):
        top, dot, _sub = name.partition(".")
        spec = kind.field(top)
        out.append(spec is not None and (not dot or spec.type == schema.NAMES) and name not in header[:col])
    return out


def _physical_lines(row: list[str]) -> int:
    return 1 + sum(cell.count("\n") for cell in row)


class _CsvMap(dict):
    """A dict that knows the column of each field, as a YAML mapping knows its lines."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.columns: dict[str, int] = {}


def _csv_mapping(kind: Kind, header: list[str], row: list[str], line: int, columns: list[bool] | None = None) -> _CsvMap:
    out = _CsvMap(line)
    columns = columns if columns is not None else _read_columns(kind, header)
    for col, (name, cell, read) in enumerate(zip(header, row, columns), 1):
        cell = cell.strip()
        if cell == "" or not read:
            continue
        if "\r" in cell:  # a cell's line breaks are LF, as a YAML value's are
            cell = cell.replace("\r\n", "\n").replace("\r", "\n")
        top, _, sub = name.partition(".")
        spec = kind.field(top)
        out.columns.setdefault(top, col)
        if spec.type == schema.NAMES and sub:
            out.setdefault(top, {})[sub] = cell.split("|") if "|" in cell else cell
        elif spec.multi or spec.type == schema.TEXTS:
            out[top] = [v.strip() for v in cell.split("|")]
        elif spec.type == schema.INT and cell.isascii() and cell.isdigit() and len(cell) <= yamltree.MAX_DIGITS:
            out[top] = int(cell)
        elif spec.type == schema.BOOL and cell.lower() in ("true", "false"):
            out[top] = cell.lower() == "true"
        else:
            out[top] = cell
    return out


# ---------------------------------------------------------------- checking fields


def _positions(mapping: object, key: str, line: int, col: int) -> tuple[int, int]:
    if isinstance(mapping, yamltree.Map):
        try:
            _, _, vline, vcol = mapping.positions[key]
            return vline + 1, vcol + 1
        except (KeyError, TypeError):
            return line, col
    if isinstance(mapping, _CsvMap):
        return mapping.line, mapping.columns.get(key, col)
    return line, col


def _record_from_mapping(
    path: str,
    kind: Kind | None,
    fields: tuple[Field, ...],
    mapping: object,
    line: int,
    col: int,
    parent: Record | None,
    findings: list[Finding],
    prefix: str = "",
) -> Record | None:
    what = kind.name if kind else "entry"
    if not isinstance(mapping, dict):
        findings.append(
            Finding(path, line, f"each {what} must be a mapping of field names to values, such as 'id: ...'", column=col, rule="record/not-a-mapping")
        )
        return None
    rec = Record(kind=kind, fields=fields, path=path, line=line, column=col, parent=parent, prefix=prefix)
    names = {f.name for f in fields}
    raw_id = mapping.get("id")
    if kind is not None:
        if raw_id is None:
            findings.append(Finding(path, line, f"the {kind.name} has no 'id'; give it a short unique id such as 'tyut'", column=col, field="id", rule="record/required"))
        elif not isinstance(raw_id, str) or not ID_PATTERN.fullmatch(raw_id):
            iline, icol = _positions(mapping, "id", line, col)
            findings.append(
                Finding(path, iline, f"'{shown(raw_id)}' is not a valid id; use lower-case letters, digits and hyphens, such as 'jiangxi-normal-university'", column=icol, field="id", rule="record/id", value=shown(raw_id))
            )
        else:
            rec.id = raw_id
    label = rec.id or (parent.top.id if parent else None)

    def problem(name: str, message: str, rule: str, value: object = None) -> None:
        fline, fcol = _positions(mapping, name, line, col)
        findings.append(
            Finding(path, fline, message, record=label, field=rec.prefix + name, column=fcol, rule=rule, value=None if value is None else str(value))
        )

    for key in mapping:
        if key not in names:
            problem(str(key), f"'{key}' is not a field of {what} records{_suggest(str(key), names)}", "record/unknown-field", key)
    for spec in fields:
        present = spec.name in mapping and mapping[spec.name] is not None and mapping[spec.name] != "" and mapping[spec.name] != []
        if not present:
            if spec.required and spec.name != "id":
                problem(spec.name, f"'{spec.name}' is required: {spec.help}", "record/required")
            continue
        if spec.name == "id":
            continue
        rec.positions[spec.name] = _positions(mapping, spec.name, line, col)
        try:
            rec.values[spec.name] = _convert(path, spec, mapping[spec.name], mapping, rec, findings)
        except _FieldError as e:
            problem(spec.name, str(e), e.rule, e.value)
    if "source" in mapping and "sources" in mapping:
        problem("sources", "give either 'source' (with 'quote') or 'sources', not both", "record/citation")
    elif "quote" in rec.values and "source" not in rec.values:
        problem("quote", "a 'quote' needs the 'source' it is quoted from", "record/citation")
    if "source" in rec.values:
        sline, scol = rec.positions["source"]
        rec.values["sources"] = [Citation(rec.values.pop("source"), rec.values.pop("quote", None), sline, scol)]  # type: ignore[arg-type]
    return rec


_MAX_INT = 2**63 - 1


class _FieldError(ValueError):
    def __init__(self, message: str, rule: str, value: object = None):
        super().__init__(message)
        self.rule = rule
        self.value = value


def _convert(path: str, spec: Field, value: object, mapping: object, rec: Record, findings: list[Finding]) -> object:
    t = spec.type
    if t in (schema.TEXT, schema.URL):
        return _scalar_text(spec, value, url=t == schema.URL)
    if t == schema.TEXTS:
        values = value if isinstance(value, list) else [value]
        return [_scalar_text(spec, v) for v in values]
    if t in (schema.REF, schema.VOCAB):
        if isinstance(value, list):
            if not spec.multi:
                raise _FieldError(f"'{spec.name}' takes one value, not a list", "record/type", value)
            return [_token(spec, v) for v in value]
        token = _token(spec, value)
        return [token] if spec.multi else token
    if t == schema.NAMES:
        return _names(spec, value)
    if t == schema.INT:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise _FieldError(f"'{spec.name}' must be a whole number such as 15, not '{shown(value)}'", "record/type", shown(value))
        if value > _MAX_INT:  # the stores hold xsd:integer in 64 bits
            raise _FieldError(f"'{spec.name}' must be a whole number such as 15, not one of {len(str(value))} digits", "record/type", shown(value))
        return value
    if t == schema.BOOL:
        if not isinstance(value, bool):
            raise _FieldError(f"'{spec.name}' must be true or false, not '{shown(value)}'", "record/type", shown(value))
        return value
    if t == schema.DATE:
        return _date(spec, value)
    if t == schema.SOURCES:
        return _citations(path, spec, value, mapping, rec)
    if t == schema.OBJECTS:
        if not isinstance(value, list):
            raise _FieldError(f"'{spec.name}' must be a list of entries, each starting with '- '", "record/type")
        out: list[Record] = []
        line, col = _positions(mapping, spec.name, rec.line, rec.column)
        for i, item in enumerate(value):
            iline, icol = (value.positions[i] if isinstance(value, yamltree.Seq) else (line - 1, col - 1))
            prefix = f"{rec.prefix}{spec.name}[{i + 1}]."
            sub = _record_from_mapping(path, None, spec.fields, item, iline + 1, icol + 1, rec, findings, prefix)
            if sub is not None:
                out.append(sub)
        return out
    raise AssertionError(f"unknown field type {t}")  # pragma: no cover


def _scalar_text(spec: Field, value: object, url: bool = False) -> str:
    if isinstance(value, (dict, list)):
        raise _FieldError(f"'{spec.name}' must be text, not a {'mapping' if isinstance(value, dict) else 'list'}", "record/type")
    if isinstance(value, (dt.date, bool)):
        raise _FieldError(f"'{spec.name}' must be text; put the value in quotes", "record/type", value)
    text = str(value).strip()
    if url and not _URL.fullmatch(text):
        raise _FieldError(f"'{shown(text)}' is not a web address; write a full URL starting with https://", "record/url", shown(text))
    return text


def _token(spec: Field, value: object) -> str:
    if not isinstance(value, str) or isinstance(value, bool):
        raise _FieldError(f"'{spec.name}' must be an id or code such as '{spec.example or 'tyut'}', not '{shown(value)}'", "record/type", shown(value))
    return value.strip()


def _names(spec: Field, value: object) -> dict[str, list[str]]:
    if isinstance(value, str):
        return {"en": [value.strip()]}
    if isinstance(value, list) and spec.multi:
        out: dict[str, list[str]] = {}
        for v in value:
            for lang, vals in _names(Field(spec.name, spec.type, spec.help), v).items():
                out.setdefault(lang, []).extend(vals)
        return out
    if not isinstance(value, dict) or not value:
        raise _FieldError(f"'{spec.name}' must be text or a mapping of languages to text, such as {{en: ..., zh: ...}}", "record/type")
    out = {}
    for lang, text in value.items():
        if not isinstance(lang, str) or not _LANG.fullmatch(lang):
            hint = "; a name with a comma or colon inside {...} must be quoted: {en: \"Beijing, July 2017\"}" if " " in str(lang) or not str(lang).isalpha() else ""
            raise _FieldError(f"'{shown(lang)}' is not a language code; use en, zh or another BCP 47 code{hint}", "record/language", shown(lang))
        if isinstance(text, list) and not spec.multi:
            # in a CSV cell "|" separates values: a name holding one arrives here as a list
            joined = " | ".join(str(t).strip() for t in text)
            raise _FieldError(f"'{spec.name}' takes one {lang} name, not {len(text)} ('{joined}'); a CSV cell separates values with '|', "
                              "so write the name without it (or the record in YAML)", "record/type", joined)
        texts = text if isinstance(text, list) and spec.multi else [text]
        for t in texts:
            if not isinstance(t, (str, int)) or isinstance(t, bool) or str(t).strip() == "":
                raise _FieldError(f"the {lang} name in '{spec.name}' must be non-empty text", "record/type", t)
        out[lang] = [str(t).strip() for t in texts]
    return out


def _date(spec: Field, value: object) -> Date:
    inferred: tuple[str, ...] = ()
    note = None
    if isinstance(value, dict):
        unknown = set(value) - {"value", "inferred", "note"}
        if unknown:
            raise _FieldError(f"a date mapping takes 'value', 'inferred' and 'note', not '{sorted(unknown)[0]}'", "record/unknown-field", sorted(unknown)[0])
        if "value" not in value:
            raise _FieldError("a date mapping needs its 'value'", "record/required")
        raw_inf = value.get("inferred") or []
        if raw_inf is True:
            raw_inf = ["year", "month", "day"]
        if isinstance(raw_inf, str):
            raw_inf = [raw_inf]
        bad = [p for p in raw_inf if p not in ("year", "month", "day")]
        if bad or not isinstance(raw_inf, list):
            raise _FieldError(f"'inferred' of a date lists the parts the source does not print: year, month or day; not '{bad[0] if bad else raw_inf}'", "record/date", bad[0] if bad else raw_inf)
        inferred = tuple(sorted(raw_inf, key=("year", "month", "day").index))
        note = value.get("note")
        value = value["value"]
    try:
        parsed = parse_date(value)
    except DateError as e:
        raise _FieldError(str(e), "record/date", value) from None
    return Date(parsed.year, parsed.month, parsed.day, inferred, None if note is None else str(note))


def _citations(path: str, spec: Field, value: object, mapping: object, rec: Record) -> list[Citation]:
    if not isinstance(value, list):
        value = [value]
    out: list[Citation] = []
    line, col = _positions(mapping, spec.name, rec.line, rec.column)
    for i, item in enumerate(value):
        iline, icol = value.positions[i] if isinstance(value, yamltree.Seq) else (line - 1, col - 1)
        if isinstance(item, str):
            out.append(Citation(item.strip(), None, iline + 1, icol + 1))
        elif isinstance(item, dict) and isinstance(item.get("source"), str):
            extra = set(item) - {"source", "quote"}
            if extra:
                raise _FieldError(f"a citation takes 'source' and 'quote', not '{sorted(extra)[0]}'", "record/unknown-field", sorted(extra)[0])
            quote = item.get("quote")
            out.append(Citation(item["source"].strip(), None if quote is None else str(quote), iline + 1, icol + 1))
        else:
            raise _FieldError("each citation is a source id, or {source: ID, quote: TEXT}", "record/citation")
    return out
