#!/usr/bin/env bash
# Sentiment and trending terms on generated posts (English and Spanish), against the floor of
# splitting the same text into words, in one run.
# Usage: bench/sentiment.sh [POSTS]   (default 200000)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p hearth-insights --example sentiment_bench
for run in 1 2 3; do
  target/release/examples/sentiment_bench "${1:-200000}"
done
