"""python-igraph on the graph the network benchmark wrote: the same PageRank, timed the
same way (median of five after a warm-up), and how far its ranks are from Hearth's.

Usage: network_igraph.py DIR NODES
Reads DIR/edges.u32 (helped, helper pairs), DIR/weights.f32 and DIR/ranks.f64 (Hearth's).
Building igraph's graph is timed apart from the PageRank.
"""
import json
import statistics
import sys
import time

import igraph
import numpy as np

d, nodes = sys.argv[1], int(sys.argv[2])
edges = np.fromfile(f"{d}/edges.u32", dtype="<u4").reshape(-1, 2)
weights = np.fromfile(f"{d}/weights.f32", dtype="<f4").astype(float)
ours = np.fromfile(f"{d}/ranks.f64", dtype="<f8")


def timed(f, runs=5):
    f()
    times, last = [], None
    for _ in range(runs):
        t = time.perf_counter()
        last = f()
        times.append((time.perf_counter() - t) * 1000)
    return [statistics.median(times), min(times), max(times)], last


t = time.perf_counter()
g = igraph.Graph(n=nodes, edges=edges.tolist(), directed=True)
g.es["weight"] = weights.tolist()
build_ms = (time.perf_counter() - t) * 1000
rank_ms, rank = timed(lambda: g.pagerank(weights="weight", damping=0.85, directed=True))
rank = np.array(rank)
print(json.dumps({
    "igraph": igraph.__version__,
    "build_ms": build_ms,
    "pagerank_ms": rank_ms,
    "max_abs_difference": float(np.abs(rank - ours).max()),
    "same_top_10": sorted(np.argsort(-rank)[:10].tolist()) == sorted(np.argsort(-ours)[:10].tolist()),
}))
