"""Plot time against size for each workload (log-log) and print the results as Markdown tables.

    python benchmarks/plot.py                 # benchmarks/scaling.png from benchmarks/results/*.json
    python benchmarks/plot.py --markdown      # the tables of benchmarks/README.md
    python benchmarks/plot.py --queries 100000   # the per-query table of one size
    python benchmarks/plot.py --readme        # those tables written into benchmarks/README.md

Needs matplotlib (benchmarks/requirements.txt); run.py does not.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# What the plot shows: (result key, label, style).
SERIES = (
    ("build", "cheikg build (records -> store, no SHACL)", "C0-o"),
    ("build_full", "cheikg build with SHACL", "C0--o"),
    ("validate", "validation of the records' nodes (run_shacl, auto)", "C1-s"),
    ("validate_fast", "fast SHACL engine", "C1--s"),
    ("pyshacl", "pySHACL (naive)", "C1:s"),
    ("submission", "1k-record submission", "C2-^"),
    ("queries", "library queries, embedded (sum)", "C3-D"),
    ("oxigraph_queries", "same queries, pyoxigraph direct (sum)", "C3--D"),
    ("rdflib_queries", "same queries, rdflib (sum)", "C3:D"),
    ("export_turtle", "Turtle written from the store", "C4-v"),
    ("export_nt", "N-Triples written from the store", "C4-.v"),
    ("export_jsonld", "JSON-LD written from the store", "C9-v"),
    ("rdflib_serialize_turtle", "rdflib Turtle serialize", "C4:v"),
    ("oxigraph_dump_turtle", "pyoxigraph Turtle dump", "C4--v"),
    ("oxigraph_load", "pyoxigraph bulk load", "C5--x"),
    ("rdflib_parse", "rdflib N-Triples parse", "C5:x"),
    ("network", "network measures (all networks)", "C6-*"),
    ("site", "static site (cheikg site)", "C7-p"),
)


def load(folder: Path) -> list[dict]:
    runs = [json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.json")]
    return sorted((r for r in runs if r.get("triples") and not r.get("quick")), key=lambda r: r["triples"])


def seconds(run: dict, key: str, what: str = "seconds") -> float | None:
    v = run["workloads"].get(key, {})
    return v.get(what) if isinstance(v, dict) and "skipped" not in v and "error" not in v else None


def plot(runs: list[dict], out: Path, what: str = "cpu") -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(13, 7))
    for key, label, style in SERIES:
        points = [(r["triples"], seconds(r, key, what)) for r in runs]
        points = [(x, y) for x, y in points if y]
        if len(points) >= 1:
            xs, ys = zip(*points)
            ax.loglog(xs, ys, style, label=label, markersize=5, linewidth=1.3)
    if runs:
        xs = [r["triples"] for r in runs]
        lo, hi = min(xs), max(xs)
        base = seconds(runs[0], "build", what) or 1.0
        ax.loglog([lo, hi], [base, base * hi / lo], color="0.6", linewidth=0.8, linestyle=(0, (1, 3)), label="linear growth (from build's first point)")
    ax.set_xlabel("triples in the built graph")
    ax.set_ylabel("CPU seconds of the workload's process" if what == "cpu" else "seconds (wall clock)")
    machine = runs[-1]["machine"] if runs else {}
    ax.set_title(f"cheikg benchmarks: time against size ({machine.get('nproc', '?')} cores, {machine.get('cpu', '')})")
    ax.grid(True, which="both", linewidth=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    fig.savefig(out, dpi=110, metadata={"Software": None})
    print(f"wrote {out}")


def _fmt(v: float | None) -> str:
    if v is None:
        return "-"
    return f"{v:.3f}" if v < 1 else f"{v:.2f}" if v < 100 else f"{v:.0f}"


def markdown(runs: list[dict]) -> str:
    """Wall seconds (CPU seconds) / peak MB per workload, then the goals as wall (CPU) ratios."""
    head = "| workload | " + " | ".join(f"{r['triples']:,} triples" for r in runs) + " |"
    lines = [head, "|---|" + "---:|" * len(runs)]
    for key, label, _ in SERIES:
        cells = []
        for r in runs:
            v = r["workloads"].get(key, {})
            if "skipped" in v or "error" in v:
                cells.append("skipped" if "skipped" in v else "error")
            else:
                cpu = f" ({_fmt(v['cpu'])})" if v.get("cpu") is not None else ""
                cells.append(f"{_fmt(v.get('seconds'))}{cpu} s / {v.get('peak_mb', 0):,.0f} MB")
        lines.append(f"| {label} (`{key}`) | " + " | ".join(cells) + " |")
    lines += ["", "| goal (same run) | " + " | ".join(f"{r['triples']:,}" for r in runs) + " |", "|---|" + "---|" * len(runs)]
    names = []
    for r in runs:
        names += [n for n in r["goals"] if n not in names]
    for name in names:
        cells = []
        for r in runs:
            g = r["goals"].get(name)
            if g is None:
                cells.append("-")
                continue
            value = g.get("ratio", g.get("value"))
            cpu = g.get("ratio_cpu", g.get("cpu"))
            extra = f" ({cpu})" if cpu is not None else ""
            if "worst_cpu" in g and g.get("worst_cpu") != g.get("worst"):
                extra += f" worst {g['worst']} (worst by CPU {g['worst_cpu']})"
            elif "worst" in g:
                extra += f" worst {g['worst']}"
            extra += f", judged on {g['judged_on']}" if "judged_on" in g else ""
            extra += f"; `cheikg export` {g['ratio_cli']} ({g.get('ratio_cli_cpu')})" if "ratio_cli" in g else ""
            cells.append(f"{value}{extra}: {'met' if g['met'] else '**missed**'}")
        goal = next(r["goals"][name]["goal"] for r in runs if name in r["goals"])
        lines.append(f"| {name}: {goal} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def queries_markdown(run: dict) -> str:
    """Per library query at one size, in CPU seconds: embedded, pyoxigraph direct on the same store by
    turns with it (the goal's pair), pyoxigraph on its own bulk-loaded store, rdflib; and the ratios."""
    w = run["workloads"]
    emb = w.get("queries", {}).get("queries", {})
    ox = w.get("oxigraph_queries", {}).get("queries", {})
    rd = w.get("rdflib_queries", {}).get("queries", {})
    lines = [f"| query ({run['triples']:,} triples) | rows | embedded | pyoxigraph, same store | embedded / pyoxigraph "
             "| pyoxigraph, own store | rdflib | rdflib / embedded | rdflib / pyoxigraph |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name in sorted(emb, key=lambda n: (-emb[n].get("cpu", 0), n)):
        e, o, r = emb[name], ox.get(name, {}), rd.get(name, {})
        if "cpu" not in e:
            continue
        # the pair of the goal: measured by turns in one process where the run has it, else the other workload
        direct = e.get("direct_cpu", o.get("cpu"))
        if "cpu" in r:
            rdflib, by_emb, by_ox = _fmt(r["cpu"]), f"{r['cpu'] / max(e['cpu'], 1e-9):.1f}", (f"{r['cpu'] / max(o['cpu'], 1e-9):.1f}" if "cpu" in o else "-")
        elif "timeout" in r:
            rdflib, by_emb, by_ox = f"> {r['timeout']} (timeout)", f"> {r['timeout'] / max(e['cpu'], 1e-9):.0f}", (f"> {r['timeout'] / max(o['cpu'], 1e-9):.0f}" if "cpu" in o else "-")
        else:
            rdflib, by_emb, by_ox = (r.get("error", "not run")[:40]), "-", "-"
        ratio = f"{e['cpu'] / max(direct, 1e-9):.2f}" if direct is not None else "-"
        lines.append(f"| {name} | {e.get('rows', '')} | {_fmt(e['cpu'])} | {_fmt(direct)} | {ratio} | {_fmt(o.get('cpu'))} | {rdflib} | {by_emb} | {by_ox} |")
    return "\n".join(lines)


def fill_readme(text: str, runs: list[dict], results: Path) -> str:
    """README text with the generated parts between their markers replaced: ``<!-- tables -->`` ...
    ``<!-- /tables -->`` and ``<!-- queries SIZE -->`` ... ``<!-- /queries -->``."""
    def tables(m: re.Match) -> str:
        return f"{m.group(1)}\n{markdown(runs)}\n{m.group(3)}"

    def queries(m: re.Match) -> str:
        run = json.loads((results / f"{m.group(2)}.json").read_text(encoding="utf-8"))
        return f"{m.group(1)}\n{queries_markdown(run)}\n{m.group(3)}"

    text = re.sub(r"(<!-- tables -->)\n(.*?)(<!-- /tables -->)", tables, text, flags=re.S)
    return re.sub(r"(<!-- queries (\d+) -->)\n.*?(<!-- /queries -->)", queries, text, flags=re.S)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--results", type=Path, default=HERE / "results")
    ap.add_argument("--out", type=Path, default=HERE / "scaling.png")
    ap.add_argument("--markdown", action="store_true", help="print the Markdown tables instead of plotting")
    ap.add_argument("--wall", action="store_true", help="plot wall-clock seconds instead of CPU seconds")
    ap.add_argument("--queries", type=int, metavar="SIZE", help="print the per-query table of the run at SIZE (its results file)")
    ap.add_argument("--readme", action="store_true", help="rewrite the generated tables of benchmarks/README.md between their markers")
    args = ap.parse_args(argv)
    if args.queries:
        print(queries_markdown(json.loads((args.results / f"{args.queries}.json").read_text(encoding="utf-8"))))
        return 0
    runs = load(args.results)
    if not runs:
        sys.exit(f"plot.py: no full runs in {args.results}; run benchmarks/run.py --size N first")
    if args.readme:
        readme = HERE / "README.md"
        readme.write_text(fill_readme(readme.read_text(encoding="utf-8"), runs, args.results), encoding="utf-8")
        print(f"wrote the tables of {readme}")
    elif args.markdown:
        print(markdown(runs))
    else:
        plot(runs, args.out, "seconds" if args.wall else "cpu")
    return 0


if __name__ == "__main__":
    sys.exit(main())
