/**
 * @fileoverview Synthetic material for the benchmark, built from real sentences (the seed reports and
 * the gwr2026 corpus): sentence pools, a light segmented-document builder (paragraphs, sentences,
 * clauses; no jieba, so that the duplicate check's own cost is measured), and archives of compact
 * texts with planted copied passages of known length and position.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { Block, SegmentedDocument, Sentence } from "../pipeline/model/document.js";
import { OffsetMap } from "../pipeline/model/offset-map.js";
import { compactString } from "../pipeline/fingerprint/compact.js";

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sentences (10–150 characters) of every .txt file in the given directories. */
export function sentencePool(dirs: string[]): string[] {
  const out = new Set<string>();
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".txt")).sort()) {
      const text = readFileSync(join(dir, f), "utf8");
      for (const s of text.split(/(?<=[。！？；])|\n+/u)) {
        const t = s.trim();
        const n = compactString(t).length;
        if (n >= 10 && n <= 150) out.add(t);
      }
    }
  }
  return [...out];
}

/** A SegmentedDocument built without jieba: one paragraph per line, sentences at 。！？；, clauses at ，、：. */
export function syntheticDocument(text: string, path = "synthetic.txt"): SegmentedDocument {
  const blocks: Block[] = [];
  const sentences: Sentence[] = [];
  let at = 0;
  for (const line of text.split("\n")) {
    const start = at;
    const end = at + line.length;
    at = end + 1;
    if (!line.trim()) continue;
    const bi = blocks.length;
    blocks.push({ kind: "paragraph", index: bi, start, end, text: line });
    let s0 = start;
    for (let i = start; i < end; i++) {
      const ch = text[i]!;
      if ("。！？；".includes(ch) || i === end - 1) {
        const s1 = i + 1;
        const clauses: [number, number][] = [];
        let c0 = s0;
        for (let j = s0; j < s1; j++) {
          if ("，、：".includes(text[j]!) || j === s1 - 1) {
            clauses.push([c0, j + 1]);
            c0 = j + 1;
          }
        }
        sentences.push({ index: sentences.length, blockIndex: bi, start: s0, end: s1, text: text.slice(s0, s1), clauses });
        s0 = s1;
      }
    }
  }
  return {
    normalized: { raw: { path, format: "txt", encoding: "utf-8", original: text, meta: {} }, text, map: OffsetMap.identity(text.length), noise: [] },
    text,
    blocks,
    sentences,
    tokens: [],
    numbers: [],
    dates: [],
    derived: { title: null, unit: null, publishedDate: null, signatureDate: null },
  };
}

/** A report of about `chars` characters: random pool sentences in paragraphs of 4–8 sentences. */
export function randomReport(pool: string[], chars: number, rand: () => number): string {
  const paras: string[] = [];
  let n = 0;
  while (n < chars) {
    const k = 4 + Math.floor(rand() * 5);
    let p = "";
    for (let i = 0; i < k && n < chars; i++) {
      const s = pool[Math.floor(rand() * pool.length)]!;
      p += s;
      n += s.length;
    }
    paras.push(p);
  }
  return paras.join("\n");
}

/**
 * Per-document substitution of CJK characters (an affine bijection on U+4E00–U+9FA5). Sentences keep
 * their real length and rhythm, but two documents built from the same pool sentence no longer share
 * text: only what is planted is shared, so recall and precision can be counted exactly.
 */
const UTF16 = new TextDecoder("utf-16le");

export function cipher(text: string, key: number): string {
  const N = 20902; // U+4E00..U+9FA5; 20902 = 2 × 7 × 1493
  let a = (key * 2 + 1) % N;
  while (a % 7 === 0 || a % 1493 === 0 || a % 2 === 0) a = (a + 2) % N;
  const b = (key * 7919) % N;
  // NOTE: built in a typed array and decoded once; `out += char` would leave millions of cons-string
  // nodes alive on a 20,000-document archive.
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    codes[i] = c >= 0x4e00 && c < 0x4e00 + N ? 0x4e00 + ((((c - 0x4e00) * a + b) % N) >>> 0) : c;
  }
  return UTF16.decode(codes);
}

export interface Plant {
  target: number;
  source: number;
  /** Range in the target's compact text. */
  t0: number;
  t1: number;
  s0: number;
  s1: number;
  edited: boolean;
}

export interface Archive {
  texts: string[];
  plants: Plant[];
  /** Ranges of template text (shared by many documents), per document. */
  templates: [number, number, number][];
}

/**
 * Builds `n` compact documents of about `chars` characters. A share `plantRate` of them receives one
 * passage of 50–300 characters copied from another (non-receiving) document, a third of them with
 * small edits (one character in 40 changed); `templateRate` of all documents carry one of 5 shared
 * template passages (boilerplate: must not be reported as copying).
 */
export function buildArchive(pool: string[], n: number, chars: number, seed: number, plantRate = 0.05, templateRate = 0.3): Archive {
  const rand = rng(seed);
  const compactPool = pool.map(compactString).filter((s) => s.length >= 10);
  const texts: string[] = [];
  for (let i = 0; i < n; i++) {
    let t = "";
    while (t.length < chars) t += compactPool[Math.floor(rand() * compactPool.length)]!;
    texts.push(cipher(t, i + 1));
  }
  const templates = Array.from({ length: 5 }, (_, j) => cipher(compactPool.slice(j * 3, j * 3 + 3).join("").slice(0, 80), 999_983 + j));
  const templateRanges: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (rand() >= templateRate) continue;
    const tpl = templates[Math.floor(rand() * templates.length)]!;
    const at = Math.floor(rand() * texts[i]!.length);
    texts[i] = texts[i]!.slice(0, at) + tpl + texts[i]!.slice(at);
    templateRanges.push([i, at, at + tpl.length]);
  }
  const plants: Plant[] = [];
  const receivers = new Set<number>();
  const nPlants = Math.max(1, Math.round(n * plantRate));
  while (receivers.size < nPlants) receivers.add(Math.floor(rand() * n));
  for (const target of receivers) {
    let source = Math.floor(rand() * n);
    while (receivers.has(source) || source === target) source = Math.floor(rand() * n);
    const len = 50 + Math.floor(rand() * 251);
    const src = texts[source]!;
    let s0 = Math.floor(rand() * (src.length - len));
    // keep template text out of planted passages so the two kinds stay separable
    if (templateRanges.some(([d, a, b]) => d === source && s0 < b && s0 + len > a)) s0 = 0;
    let passage = src.slice(s0, s0 + len);
    const edited = rand() < 1 / 3;
    if (edited) {
      const chars = [...passage];
      for (let i = 20; i < chars.length - 20; i += 40) chars[i] = String.fromCharCode(0x4e00 + Math.floor(rand() * 20902));
      passage = chars.join("");
    }
    const tt = texts[target]!;
    let at = Math.floor(rand() * tt.length);
    for (const [d, a, b] of templateRanges) if (d === target && at > a && at < b) at = b;
    texts[target] = tt.slice(0, at) + passage + tt.slice(at);
    for (const r of templateRanges) if (r[0] === target && r[1] >= at) {
      r[1] += passage.length;
      r[2] += passage.length;
    }
    plants.push({ target, source, t0: at, t1: at + passage.length, s0, s1: s0 + len, edited });
  }
  // Flatten the concatenated strings (a flat two-byte string instead of a rope of slices).
  for (let i = 0; i < n; i++) {
    const t = texts[i]!;
    const codes = new Uint16Array(t.length);
    for (let j = 0; j < t.length; j++) codes[j] = t.charCodeAt(j);
    texts[i] = UTF16.decode(codes);
  }
  return { texts, plants, templates: templateRanges };
}
