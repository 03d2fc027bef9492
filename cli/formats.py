"""Answers and reports as text: table, CSV, TSV, JSON, Markdown."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from cheikg.findings import Finding
from cheikg.queries.results import Answer

ANSWER_FORMATS = ("table", "csv", "tsv", "json", "md")


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cells(answer: Answer) -> list[list[str]]:
    return [["" if t is None else t.compact() for t in row] for row in answer.terms]


def format_answer(answer: Answer, fmt: str) -> str:
    if fmt == "json":
        doc = {
            "head": {"vars": list(answer.columns)},
            "results": {"bindings": [{c: t.to_json() for c, t in zip(answer.columns, row) if t is not None} for row in answer.terms]},
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    cells = _cells(answer)
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n", delimiter="," if fmt == "csv" else "\t")
        writer.writerow(answer.columns)
        writer.writerows(cells)
        return out.getvalue()
    if fmt == "md":
        esc = lambda s: s.replace("|", "\\|").replace("\n", " ")  # noqa: E731
        lines = ["| " + " | ".join(answer.columns) + " |", "|" + "|".join("---" for _ in answer.columns) + "|"]
        lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in cells]
        return "\n".join(lines) + "\n"
    widths = [max([_width(c) for c in [col] + [r[i] for r in cells]]) for i, col in enumerate(answer.columns)]
    pad = lambda s, w: s + " " * (w - _width(s))  # noqa: E731
    lines = ["  ".join(pad(c, w) for c, w in zip(answer.columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(pad(c.replace("\n", " "), w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


def findings_text(findings: list[Finding], colour: bool = False) -> str:
    """Grouped by file, then record: one line per result with line:column, field, severity, message, value."""
    import click

    out: list[str] = []
    style = {"violation": "red", "warning": "yellow", "info": "blue"}
    last_file, last_record = None, object()
    for f in findings:
        if f.path != last_file:
            out.append(click.style(f.path, bold=True) if colour else f.path)
            last_file, last_record = f.path, object()
        if f.record != last_record:
            out.append(f"  record {f.record}" if f.record else "  (file)")
            last_record = f.record
        where = f"{f.line}" + (f":{f.column}" if f.column else "") if f.line is not None else "-"
        sev = click.style(f.severity, fg=style[f.severity]) if colour else f.severity
        field = f" {f.field}:" if f.field else ""
        value = f" [value: {f.value}]" if f.value is not None and f.value not in f.message else ""
        out.append(f"    {where} {sev}{field} {f.message}{value}")
    return "\n".join(out) + ("\n" if out else "")


def findings_json(findings: list[Finding]) -> str:
    rows = [
        {k: getattr(f, k) for k in ("path", "line", "column", "record", "field", "severity", "message", "value", "rule", "focus")}
        for f in findings
    ]
    return json.dumps({"results": rows}, ensure_ascii=False, indent=2) + "\n"


def findings_sarif(findings: list[Finding], version: str) -> str:
    """SARIF 2.1.0, so code review tools annotate the submitted files."""
    level = {"violation": "error", "warning": "warning", "info": "note"}
    results = []
    for f in findings:
        region = {"startLine": f.line} if f.line else {}
        if f.line and f.column:
            region["startColumn"] = f.column
        location = {"physicalLocation": {"artifactLocation": {"uri": f.path}, **({"region": region} if region else {})}}
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
        "runs": [{"tool": {"driver": {"name": "cheikg", "version": version, "informationUri": "https://w3id.org/cheikg"}}, "results": results}],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
