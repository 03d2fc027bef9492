"""How long exact betweenness takes, to set where `cheikg network metrics` switches to sampling.

Brandes' algorithm costs about nodes x edges; cheikg.network.metrics computes
it exactly while nodes x edges <= EXACT_BETWEENNESS_WORK and samples source
nodes above.  Run on the project's machine (2 cores):

    python benchmarks/network_betweenness.py

Measured on the project's 2-core machine, exact betweenness of random graphs
with 6 edges per node took 0.17 s (250 nodes), 0.77 s (500), 3.2 s (1,000),
18.2 s (2,000) and 143 s (4,000).  Exact is kept while nodes x edges stays
within 6,000,000 (the 1,000-node case, about 3 s); above, k source nodes are
sampled, which costs about k/n of the exact time, and k is chosen so that
k x edges stays near the same budget (at least 100 sources).
"""

from __future__ import annotations

import time

import networkx as nx

from cheikg.network.metrics import EXACT_BETWEENNESS_WORK, betweenness


def main() -> None:
    print(f"{'nodes':>6} {'edges':>6} {'nodes x edges':>14} {'exact s':>8} {'sampled k':>10} {'sampled s':>10}")
    for n in (250, 500, 1000, 2000, 4000):
        graph = nx.gnm_random_graph(n, 6 * n, seed=1)
        m = graph.number_of_edges()
        exact = "-"
        if n * m <= 4 * EXACT_BETWEENNESS_WORK:
            start = time.perf_counter()
            nx.betweenness_centrality(graph)
            exact = f"{time.perf_counter() - start:.2f}"
        start = time.perf_counter()
        _, k = betweenness(graph)
        took = time.perf_counter() - start
        print(f"{n:>6} {m:>6} {n * m:>14,} {exact:>8} {k if k else '-':>10} {took if k else 0:>10.2f}")


if __name__ == "__main__":
    main()
