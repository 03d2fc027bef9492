"""What the reference data (data/reference) costs a build, its validation and name resolution.

    python benchmarks/reference.py [--data data] [--repeat 3]

Each measurement runs in a fresh process (no table or resolver cache carried
over), ``--repeat`` times; the median wall-clock and CPU seconds are printed
as a Markdown table (benchmarks/README.md, "Reference data"). The record sets:
the five seed articles with the entity files (the tests' seed graph),
and the whole data directory; each built without and with the reference
tables (without them, records that name a reference entity are reported as
unknown references: the build is timed all the same, with --allow-invalid).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

WORKER = r'''
import json, sys, time
from pathlib import Path
what, data, out, build_dir = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
wall, cpu = time.perf_counter(), time.process_time()
extra = {}
if what == "build":
    from cheikg.build import build
    r = build(data, build_dir, allow_invalid=True)
    extra = {"triples": r.triples, "violations": r.report.count("violation")}
elif what == "parts":
    # the steps of cheikg.build.compile_records, timed one by one
    from cheikg.build import read_reference, reference_tables, record_files, referenced_ids, vocabulary
    from cheikg.loaders.records import read_paths
    from cheikg.loaders.reference import attach_keys, claim, reference_graph, reference_index
    from cheikg.loaders.graph import records_to_graph
    def lap(name, t=[time.perf_counter()]):
        now = time.perf_counter(); extra[name] = round(now - t[0], 3); t[0] = now
    records = read_paths(record_files(data)).records; lap("read records")
    tables, _ = read_reference(reference_tables(data)); lap("read tables")
    claims = claim(tables, records); index, claimed = reference_index(tables, claims); lap("claims and index")
    loaded = records_to_graph(records, vocabulary(), context=index); attach_keys(loaded.index, records, claimed); lap("map records")
    ref = reference_graph(tables, claims, referenced_ids(loaded.triples)); lap("make the reference triples")
    extra["reference triples"] = len(ref.triples)
elif what in ("shacl_all", "shacl_all_fast"):
    from cheikg.build import compile_data
    from cheikg.validation import run_shacl
    compiled = compile_data(data)
    graph = compiled.graph
    wall, cpu = time.perf_counter(), time.process_time()
    report = run_shacl(graph, compiled.origins, engine="pyshacl" if what == "shacl_all" else "fast")
    extra = {"triples": len(graph), "violations": report.count("violation")}
elif what == "resolve":
    from cheikg.resolver import resolve_names
    resolve_names(["TYUT"], data)
    extra["first name (index and resolver made)"] = round(time.perf_counter() - wall, 3)
    t = time.perf_counter()
    names = ["太原理工大學", "4136010421", "Jiangxi Univ. of Finance & Economics", "CMU", "江西财大", "xyzzy"] * 10
    resolve_names(names, data)
    extra["per further name"] = round((time.perf_counter() - t) / len(names), 4)
out.write_text(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, **extra}))
'''


def run(what: str, data: Path, repeat: int) -> dict:
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "m.json"
            subprocess.run([sys.executable, "-c", WORKER, what, str(data), str(out), str(Path(tmp) / "build")], check=True, capture_output=True)
            runs.append(json.loads(out.read_text()))
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0] if isinstance(runs[0][k], (int, float))}
    return med


def seed_copy(data: Path, dest: Path, reference: bool) -> Path:
    """The five seed articles and the entity files, as the tests' seed graph (tests/conftest.py copy_seed_data)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from conftest import copy_seed_data

    copy_seed_data(dest)
    if not reference:
        shutil.rmtree(dest / "reference")
    return dest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parent.parent / "data")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sets = {
            "seed articles, without reference": seed_copy(args.data, Path(tmp) / "seed-noref" / "data", False),
            "seed articles, with reference": seed_copy(args.data, Path(tmp) / "seed-ref" / "data", True),
            "whole data/, without reference": seed_copy_all(args.data, Path(tmp) / "all-noref", False),
            "whole data/, with reference": seed_copy_all(args.data, Path(tmp) / "all-ref", True),
        }
        print("| cheikg build (validated, written) | triples | wall s | CPU s |")
        print("|---|---:|---:|---:|")
        for name, data in sets.items():
            m = run("build", data, args.repeat)
            print(f"| {name} | {m['triples']:,.0f} | {m['wall']:.1f} | {m['cpu']:.1f} |", flush=True)
        print()
        parts = run("parts", sets["whole data/, with reference"], args.repeat)
        print("| part of compiling whole data/ with reference | wall s |")
        print("|---|---:|")
        for k, v in parts.items():
            if k not in ("wall", "cpu", "reference triples"):
                print(f"| {k} | {v:.2f} |")
        print(f"| (reference triples: {parts['reference triples']:,.0f}) | |")
        print()
        for what, engine in (("shacl_all", "pySHACL"), ("shacl_all_fast", "the fast engine")):
            m = run(what, sets["seed articles, with reference"], 1)
            print(f"{engine} on every node of the seed graph with reference ({m['triples']:,.0f} triples): {m['wall']:.1f} s wall, "
                  f"{m['cpu']:.1f} s CPU, {m['violations']:.0f} violations")
        m = run("resolve", sets["whole data/, with reference"], args.repeat)
        print(f"cheikg resolve: first name {m['first name (index and resolver made)']:.2f} s (reads the records and tables, "
              f"makes the resolver), then {m['per further name'] * 1000:.1f} ms a name")


def seed_copy_all(data: Path, dest: Path, reference: bool) -> Path:
    shutil.copytree(data, dest, ignore=None if reference else shutil.ignore_patterns("reference"))
    return dest


if __name__ == "__main__":
    main()
