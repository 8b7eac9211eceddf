#!/usr/bin/env bash
# Who helps whom: Hearth's PageRank against python-igraph's on the same graph, in one run,
# and sampled betweenness at BETWEEN_NODES members (Hearth only, timed).
# Usage: bench/network.sh [NODES] [ACTS] [BETWEEN_NODES]   (default: 1000000 10000000 100000)
# Needs a Python with igraph and numpy: PYTHON=/path/to/python (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=${1:-1000000}
ACTS=${2:-10000000}
BETWEEN=${3:-100000}
PYTHON=${PYTHON:-python3}
OUT=bench/out
mkdir -p "$OUT"
DIR=$(mktemp -d /tmp/hearth-network-XXXXXX)
trap 'rm -rf "$DIR"' EXIT
cargo build --release -q -p hearth-insights --example network_bench
target/release/examples/network_bench "$NODES" "$ACTS" "$BETWEEN" "$DIR" > "$OUT/network-hearth.json"
"$PYTHON" bench/network_igraph.py "$DIR" "$NODES" > "$OUT/network-igraph.json"
"$PYTHON" - "$OUT/network-hearth.json" "$OUT/network-igraph.json" <<'PY'
import json, sys
h = json.load(open(sys.argv[1])); g = json.load(open(sys.argv[2]))
print(f"{h['nodes']:,} members, {h['acts']:,} acts of help, {h['edges']:,} distinct edges; igraph {g['igraph']}")
print(f"ranks: largest difference from igraph {g['max_abs_difference']:.2e}; same top 10: {g['same_top_10']}")
print(f"{'':22}{'Hearth ms':>12}{'igraph ms':>12}{'igraph/Hearth':>15}")
print(f"{'graph build':22}{h['build_ms'][0]:12.1f}{g['build_ms']:12.1f}{g['build_ms']/h['build_ms'][0]:15.2f}")
hp, gp = h['pagerank_ms'][0], g['pagerank_ms'][0]
print(f"{'pagerank':22}{hp:12.1f}{gp:12.1f}{gp/hp:15.2f}   (Hearth {h['pagerank_ms'][1]:.1f}-{h['pagerank_ms'][2]:.1f} in {h['iterations']} sweeps, igraph {g['pagerank_ms'][1]:.1f}-{g['pagerank_ms'][2]:.1f})")
b = h['between_ms']
print(f"sampled betweenness: {h['between_nodes']:,} members, {h['between_edges']:,} edges, {h['between_sources']} sources: {b[0]:.0f} ms ({b[1]:.0f}-{b[2]:.0f}); top bridge {h['between_top']['score']:.0f} ± {h['between_top']['error']:.0f}")
PY
