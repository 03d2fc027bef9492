"""Time the fast SHACL validator (cheikg.shacl) against pySHACL on synthetic graphs of the project's shape.

    python benchmarks/fastshacl_timing.py --size 100000                  # both engines, about 3 minutes
    python benchmarks/fastshacl_timing.py --size 1000000 --pyshacl-max 100000

For each size: records from benchmarks/generate.py (cached in --work), compiled
to N-Triples as `cheikg build` compiles them, then broken in a seeded way
(0.1% of the lines deleted, 0.1% given the object of another line with the same
predicate, so the report has results of many constraints). Each engine runs in
its own process, so its peak memory (ru_maxrss) is its own:

* fast: N-Triples bytes -> in-memory Oxigraph store (load), then validation;
* pySHACL: N-Triples -> rdflib graph (parse), then pyshacl.validate as
  cheikg.validation calls it. Above --pyshacl-max its time is extrapolated
  linearly from the largest size it ran at (said so in the table).

Where both ran, their results (focus, path, value, component, shape, severity,
sh:detail included) must be the same multiset; the table says so. Times are
wall clock and CPU (the machine is shared: CPU is the steadier of the two).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def prepare(size: int, work: Path) -> Path:
    """The broken N-Triples of a generated graph of about ``size`` triples (cached)."""
    folder = work / str(size)
    broken = folder / "broken.nt"
    if broken.is_file():
        return broken
    if not (folder / "manifest.json").is_file():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--triples", str(size), "--out", str(folder)],
                       check=True)
    whole = folder / "graph.nt"
    if not whole.is_file():
        from cheikg.build import compile_records, record_files

        compiled = compile_records(record_files(folder / "data"))
        whole.write_bytes(compiled.graph.serialize(format="nt", encoding="utf-8"))
    lines = whole.read_bytes().splitlines(keepends=True)
    lines.sort()
    rng = random.Random(size)
    by_predicate: dict[bytes, list[int]] = {}
    for i, line in enumerate(lines):
        by_predicate.setdefault(line.split(b" ", 2)[1], []).append(i)
    for i in rng.sample(range(len(lines)), len(lines) // 500):
        s, p, _rest = lines[i].split(b" ", 2)
        if rng.random() < 0.5:
            lines[i] = b""
        else:
            other = lines[rng.choice(by_predicate[p])].split(b" ", 2)[2]
            lines[i] = s + b" " + p + b" " + other
    broken.write_bytes(b"".join(lines))
    return broken


def child(engine: str, nt_path: Path, keys_out: Path) -> dict:
    """Run one engine in this process; write its result keys; return times and peak memory."""
    from cheikg.validation import shapes_graph

    shapes = shapes_graph()
    data = nt_path.read_bytes()
    out: dict = {"engine": engine}
    wall, cpu = time.perf_counter(), time.process_time()
    if engine == "fast":
        from cheikg.shacl.engine import validate
        from cheikg.shacl.load import load

        loaded = load(data)
        out["triples"] = len(loaded.store)
        out["load_s"], out["load_cpu_s"] = time.perf_counter() - wall, time.process_time() - cpu
        wall, cpu = time.perf_counter(), time.process_time()
        report = validate(loaded, shapes, allow_warnings=True)
        out["validate_s"], out["validate_cpu_s"] = time.perf_counter() - wall, time.process_time() - cpu
        keys = Counter(_fast_key(r) for r in report.all_results())
    else:
        from pyshacl import validate
        from rdflib import Graph, URIRef
        from rdflib.namespace import RDF

        graph = Graph().parse(data=data, format="nt")
        out["triples"] = len(graph)
        out["load_s"], out["load_cpu_s"] = time.perf_counter() - wall, time.process_time() - cpu
        wall, cpu = time.perf_counter(), time.process_time()
        _conforms, report, _text = validate(graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
        out["validate_s"], out["validate_cpu_s"] = time.perf_counter() - wall, time.process_time() - cpu
        keys = Counter(_graph_key(report, r) for r in report.subjects(RDF.type, URIRef(_SH + "ValidationResult")))
    out["results"] = sum(keys.values())
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    keys_out.write_text("".join(f"{k}\t{n}\n" for k, n in sorted(keys.items())), encoding="utf-8")
    return out


_SH = "http://www.w3.org/ns/shacl#"


def _show(t) -> str:
    from rdflib import BNode, Literal

    if t is None:
        return "-"
    if isinstance(t, BNode):
        return "(blank)"
    if isinstance(t, Literal):
        return repr(str(t)) + (f"@{t.language.lower()}" if t.language else "")
    return str(t)


def _fast_key(r) -> str:
    return "|".join([_show(r.focus), _show(r.path_term), _show(r.value), str(r.component), _show(r.shape), str(r.severity)])


def _graph_key(g, r) -> str:
    from rdflib import URIRef

    v = lambda p: g.value(r, URIRef(_SH + p))  # noqa: E731
    return "|".join([_show(v("focusNode")), _show(v("resultPath")), _show(v("value")), str(v("sourceConstraintComponent")),
                     _show(v("sourceShape")), str(v("resultSeverity"))])


def run_child(engine: str, nt: Path) -> dict:
    keys = nt.with_suffix(f".{engine}.keys")
    done = subprocess.run([sys.executable, __file__, "--child", engine, str(nt), str(keys)], check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1]) | {"keys": str(keys)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, action="append", help="triples (repeatable); default 100000 and 1000000")
    parser.add_argument("--pyshacl-max", type=int, default=100_000, help="largest size pySHACL runs at (default 100000)")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "work" / "fastshacl", help="cache of generated graphs")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        engine, nt, keys = args.child
        print(json.dumps(child(engine, Path(nt), Path(keys))))
        return
    rows = []
    reference: dict | None = None
    for size in sorted(args.size or [100_000, 1_000_000]):
        nt = prepare(size, args.work)
        fast = run_child("fast", nt)
        row = {"size": size, "fast": fast}
        if size <= args.pyshacl_max:
            slow = run_child("pyshacl", nt)
            row["pyshacl"] = slow
            row["same_results"] = Path(slow["keys"]).read_text(encoding="utf-8") == Path(fast["keys"]).read_text(encoding="utf-8")
            reference = slow
        elif reference is not None:
            scale = fast["triples"] / reference["triples"]
            row["pyshacl"] = {k: reference[k] * scale for k in ("validate_s", "validate_cpu_s", "load_s", "load_cpu_s")}
            row["pyshacl"] |= {"extrapolated_from": reference["triples"], "peak_mb": None, "results": None}
        rows.append(row)
    print(_table(rows))
    print(json.dumps(rows, indent=1))


def _table(rows: list[dict]) -> str:
    head = (f"{'triples':>9} {'results':>7} | {'fast load s':>11} {'fast valid. s (cpu)':>19} {'fast MB':>7} | "
            f"{'pySHACL valid. s (cpu)':>22} {'pySHACL MB':>10} | {'ratio wall':>10} {'ratio cpu':>9} | same")
    lines = [head, "-" * len(head)]
    for r in rows:
        f, p = r["fast"], r.get("pyshacl")
        est = "~" if p and p.get("extrapolated_from") else ""
        slow = f"{est}{p['validate_s']:.1f} ({est}{p['validate_cpu_s']:.1f})" if p else "-"
        mb = f"{p['peak_mb']:.0f}" if p and p.get("peak_mb") else "-"
        ratio = f"{est}{p['validate_s'] / f['validate_s']:.0f}x" if p else "-"
        ratio_cpu = f"{est}{p['validate_cpu_s'] / f['validate_cpu_s']:.0f}x" if p else "-"
        same = {True: "yes", False: "NO"}.get(r.get("same_results"), "-")
        lines.append(f"{f['triples']:>9} {f['results']:>7} | {f['load_s']:>11.1f} {f['validate_s']:>10.1f} ({f['validate_cpu_s']:.1f})"
                     f"{'':>3} {f['peak_mb']:>7.0f} | {slow:>22} {mb:>10} | {ratio:>10} {ratio_cpu:>9} | {same}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
