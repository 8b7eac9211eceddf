#!/usr/bin/env python3
"""The reference for the search benchmark: the same posts and queries through tantivy
(Python bindings, `pip install tantivy`), a dedicated search engine, on the same machine.

    python3 bench/search_tantivy.py /path/to/bench.db COMMON_WORD

Reads every live post from the SQLite database that `examples/search_bench --data DIR`
kept, indexes title (first posts) and body, then times the benchmark's queries (first
page of 20, newest first like Hearth, and by relevance) 200 times each.
"""
import sqlite3
import sys
import tempfile
import time

import tantivy

ROUNDS = 200


def pct(xs, p):
    xs = sorted(xs)
    return xs[round((len(xs) - 1) * p)] * 1000


def main(path):
    db = sqlite3.connect(path)
    rows = db.execute(
        "SELECT p.id, CASE WHEN p.position = 1 THEN t.title ELSE '' END, p.body_md "
        "FROM posts p JOIN topics t ON t.id = p.topic_id "
        "WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL"
    ).fetchall()
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("title", stored=False)
    builder.add_text_field("body", stored=False)
    schema = builder.build()
    with tempfile.TemporaryDirectory() as d:
        index = tantivy.Index(schema, path=d)
        writer = index.writer(heap_size=256_000_000, num_threads=2)
        t = time.perf_counter()
        for pid, title, body in rows:
            writer.add_document(tantivy.Document(id=pid, title=title, body=body))
        writer.commit()
        writer.wait_merging_threads()
        build = time.perf_counter() - t
        index.reload()
        print(f"tantivy: {len(rows)} posts indexed in {build:.1f} s = {len(rows) / build:.0f} posts/s")
        searcher = index.searcher()
        queries = [
            ("one word, common", sys.argv[2] if len(sys.argv) > 2 else "bread"),
            ("one word, not there", "cardamom"),
            ("three words", "+quick +answer +solved"),
            ("phrase", '"the same question"'),
        ]
        print("\n| query | p50 ms (newest first) | p99 ms (newest first) | p50 ms (by relevance) | p99 ms (by relevance) |")
        print("|---|---|---|---|---|")
        for name, text in queries:
            q = index.parse_query(text, ["title", "body"])
            newest, relevant = [], []
            for _ in range(ROUNDS):
                t = time.perf_counter()
                searcher.search(q, 20, order_by_field="id")
                newest.append(time.perf_counter() - t)
                t = time.perf_counter()
                searcher.search(q, 20)
                relevant.append(time.perf_counter() - t)
            print(f"| {name} (`{text}`) | {pct(newest, .5):.2f} | {pct(newest, .99):.2f} | {pct(relevant, .5):.2f} | {pct(relevant, .99):.2f} |")


if __name__ == "__main__":
    main(sys.argv[1])
