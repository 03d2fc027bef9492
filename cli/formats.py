"""Answers and reports as text: table, CSV, TSV, JSON, Markdown, SARIF.

Safe to show and to open:

- Tables and Markdown show control characters in values as escapes
  (``\\x1b``), so a value cannot move the cursor, erase a line or set the
  window title; on a terminal (``fit=WIDTH``) a table is cut to the width,
  CJK characters counted as the two columns they take, and cut text marked ``…``.
- CSV and TSV neutralise cells a spreadsheet would run as a formula, as OWASP
  recommends and well-kept exporters do (Symfony's CsvEncoder, csv-stringify's
  ``escape_formulas``): a text cell whose first character, or the first
  character of one of its lines, after any spaces, is ``=``, ``+``, ``-``, ``@``,
  a tab or a carriage return gets a ``'`` before it. Numbers are left alone.
  Such a cell does not read back as it was: ``--raw-csv`` writes every value
  unchanged, for programs that read the file.
- JSON escapes every control character (``\\u001b``), which JSON readers undo.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from pathlib import Path
from urllib.parse import quote

import click
from rich.cells import cell_len

from cheikg.findings import Finding
from cheikg.queries.results import Answer, Term

from .output import printable

ANSWER_FORMATS = ("table", "csv", "tsv", "json", "md")
_FORMULA_START = re.compile(r"(^|[\n\r])([ \t\u00a0]*)(?=[=+\-@\t\r])")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_READABLE = 12  # a cut column narrower than this says too little: show fewer columns instead


def neutralise(cell: str) -> str:
    """A CSV cell a spreadsheet will show as text: a ``'`` before a line that starts (after spaces) with = + - @ tab or CR."""
    if not cell or _NUMBER.match(cell):
        return cell
    return _FORMULA_START.sub(lambda m: f"{m.group(1)}'{m.group(2)}", cell)


def json_text(doc: object) -> str:
    """JSON with every control character escaped (json escapes C0 itself; DEL, C1 and bidi controls here)."""
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text) + "\n"


def _text(t: Term | None) -> str:
    return "" if t is None else t.compact()


def format_answer(answer: Answer, fmt: str, *, fit: int | None = None, colour: bool = False, raw_csv: bool = False, total: int | None = None) -> str:
    """``answer`` as ``fmt``. A table is cut to ``fit`` columns when given; ``total`` is the row count before a --limit."""
    if fmt == "json":
        doc = {
            "head": {"vars": list(answer.columns)},
            "results": {"bindings": [{c: t.to_json() for c, t in zip(answer.columns, row) if t is not None} for row in answer.terms]},
        }
        return json_text(doc)
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n", delimiter="," if fmt == "csv" else "\t")
        writer.writerow(answer.columns)
        for row in answer.terms:
            writer.writerow([_text(t) if raw_csv or (t is not None and t.is_number) else neutralise(_text(t)) for t in row])
        return out.getvalue()
    cells = [[printable(_text(t)) for t in row] for row in answer.terms]
    if fmt == "md":
        esc = lambda s: s.replace("|", "\\|")  # noqa: E731
        lines = ["| " + " | ".join(answer.columns) + " |", "|" + "|".join("---" for _ in answer.columns) + "|"]
        lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in cells]
        return "\n".join(lines) + "\n"
    return table(list(answer.columns), cells, fit=fit, colour=colour, total=total)


def split_columns(option: str) -> list[str]:
    """The names of --columns A,B,..."""
    return [c.strip() for c in option.split(",") if c.strip()]


def with_columns(answer: Answer, columns: list[str], what: str) -> Answer:
    """``answer`` with only ``columns``, in that order; a column it lacks is a usage error naming the ones it has."""
    import difflib

    for c in columns:
        if c not in answer.columns:
            close = difflib.get_close_matches(c, answer.columns, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise click.BadParameter(f"{what} has no column '{c}'.{hint} Its columns: {', '.join(answer.columns)}", param_hint="--columns")
    return answer.select(columns)


def table(columns: list[str], cells: list[list[str]], *, fit: int | None = None, colour: bool = False, total: int | None = None) -> str:
    """Aligned columns under a header, and a count of rows; cut to ``fit`` columns of screen when given."""
    natural = [max([cell_len(c) for c in [col] + [r[i] for r in cells]]) for i, col in enumerate(columns)]
    widths = natural if fit is None else _fitted(natural, fit)
    shown = len(widths)
    cut = widths != natural[:shown]
    head = "  ".join(_cell(c, w) for c, w in zip(columns, widths)).rstrip()
    lines = [click.style(head, bold=True) if colour else head, "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_cell(c, w) for c, w in zip(row, widths)).rstrip() for row in cells]
    n = len(cells)
    count = f"{n} of {total} rows" if total is not None and total != n else f"{n} row{'s' if n != 1 else ''}"
    if shown < len(columns):
        count += f"; {len(columns) - shown} more columns (--columns)"
    if cut:
        count += "; cut to fit the terminal"
    lines += textwrap.wrap(f"({count})", fit) if fit else [f"({count})"]
    return "\n".join(lines) + "\n"


def _fitted(natural: list[int], width: int) -> list[int]:
    """Column widths that fit ``width``: the widest columns narrowed alike until they fit, and trailing columns
    left out while that would leave the cut ones narrower than a few words (--columns chooses others)."""
    for n in range(len(natural), 0, -1):
        widths = natural[:n]
        budget = width - 2 * (n - 1)
        if sum(widths) <= budget:
            return widths
        # the largest cap that fits: columns narrower than it keep their width, the others get the cap
        cap = 0
        while sum(min(w, cap + 1) for w in widths) <= budget:
            cap += 1
        if cap >= _READABLE or n == 1:
            fitted = [min(w, cap) for w in widths]
            spare = budget - sum(fitted)
            for i, w in enumerate(widths):  # less than one column each: to the first cut columns
                if spare > 0 and w > fitted[i]:
                    fitted[i] += 1
                    spare -= 1
            return [max(w, 1) for w in fitted]
    return natural[:1]


def _cell(text: str, width: int) -> str:
    """``text`` padded to ``width`` columns of screen, or cut to it with an ellipsis."""
    size = cell_len(text)
    if size <= width:
        return text + " " * (width - size)
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…" + " " * (width - used - 1)


def findings_text(findings: list[Finding], colour: bool = False) -> str:
    """Grouped by file, then record: one line per result with line:column, field, severity, message, value."""
    out: list[str] = []
    style = {"violation": "red", "warning": "yellow", "info": "blue"}
    last_file, last_record = None, object()
    for f in findings:
        if f.path != last_file:
            out.append(click.style(printable(f.path), bold=True) if colour else printable(f.path))
            last_file, last_record = f.path, object()
        if f.record != last_record:
            out.append(f"  record {printable(f.record)}" if f.record else "  (file)")
            last_record = f.record
        where = f"{f.line}" + (f":{f.column}" if f.column else "") if f.line is not None else "-"
        sev = click.style(f.severity, fg=style[f.severity]) if colour else f.severity
        field = f" {printable(f.field)}:" if f.field else ""
        value = f" [value: {printable(f.value)}]" if f.value is not None and f.value not in f.message else ""
        out.append(f"    {where} {sev}{field} {printable(f.message)}{value}")
    return "\n".join(out) + ("\n" if out else "")


def findings_json(findings: list[Finding]) -> str:
    rows = [
        {k: getattr(f, k) for k in ("path", "line", "column", "record", "field", "severity", "message", "value", "rule", "focus")}
        for f in findings
    ]
    return json_text({"results": rows})


SRCROOT = "%SRCROOT%"


def findings_sarif(findings: list[Finding], version: str, root: Path) -> str:
    """SARIF 2.1.0, so code review tools annotate the submitted files.

    Locations are URIs relative to ``root`` (the repository's top folder) with
    ``uriBaseId`` %SRCROOT%, which ``originalUriBaseIds`` maps to ``root``, as
    GitHub code scanning and other SARIF viewers expect; a file outside ``root``
    keeps its absolute ``file:`` URI.
    """
    level = {"violation": "error", "warning": "warning", "info": "note"}
    results = []
    for f in findings:
        region = {"startLine": f.line} if f.line else {}
        if f.line and f.column:
            region["startColumn"] = f.column
        location = {"physicalLocation": {"artifactLocation": _artifact(f.path, root), **({"region": region} if region else {})}}
        results.append(
            {
                "ruleId": f.rule or "cheikg",
                "level": level[f.severity],
                "message": {"text": (f"{f.field}: " if f.field else "") + f.message},
                "locations": [location],
            }
        )
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "cheikg", "version": version, "informationUri": "https://w3id.org/cheikg"}},
                "originalUriBaseIds": {SRCROOT: {"uri": root.resolve().as_uri() + "/"}},
                "results": results,
            }
        ],
    }
    return json_text(doc)


def _artifact(path: str, root: Path) -> dict:
    absolute = Path(path).absolute()
    try:
        relative = absolute.resolve().relative_to(root.resolve())
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": SRCROOT}


def repository_root(start: Path | None = None) -> Path:
    """The top folder of the git checkout holding ``start`` (default: the working directory), else ``start`` itself."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here
