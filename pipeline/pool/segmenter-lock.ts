/**
 * @fileoverview One-at-a-time access to the word segmenter across the pool's worker threads.
 *
 * Why: @node-rs/jieba 2.0.2 (jieba-rs) keeps its regular expressions in process-wide statics; a Rust
 * `Regex` shared by several threads hands out its scratch space through a mutex, and under
 * concurrent use that mutex is contended so hard that two threads cutting at once are slower than
 * one (measured here: 2 workers each took 2× as long for the same cuts, with the CPU in system time;
 * rust-lang/regex#934, fixed in jieba-rs by thread-local regexes, messense/jieba-rs#122, not in the
 * pinned 2.0.2). nodejieba keeps one process-global dictionary. Serializing `cut`/`tag` through a
 * SharedArrayBuffer lock removes the contention; segmentation is ≈10–15 % of a document's time, so
 * the rest (ingest, normalize, checks) still runs in parallel.
 */
import type { Segmenter } from "../segmenter/index.js";

/** A lock word shared by the pool's threads (0 free, 1 held). */
export function createLockBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(4);
}

function withLock<T>(cell: Int32Array, fn: () => T): T {
  while (Atomics.compareExchange(cell, 0, 0, 1) !== 0) Atomics.wait(cell, 0, 1);
  try {
    return fn();
  } finally {
    Atomics.store(cell, 0, 0);
    Atomics.notify(cell, 0, 1);
  }
}

/** The segmenter with every call taken under the shared lock. */
export function lockedSegmenter(inner: Segmenter, buffer: SharedArrayBuffer): Segmenter {
  const cell = new Int32Array(buffer);
  return {
    name: inner.name,
    cut: (text) => withLock(cell, () => inner.cut(text)),
    tag: (text) => withLock(cell, () => inner.tag(text)),
  };
}
