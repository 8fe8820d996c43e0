/**
 * @fileoverview The typo check's compiled data (`rules/typo/typo.bin`, built by `npm run build:typo`,
 * bench/build-typo.ts; docs/checks/typo.md). No report text: words of the segmenter's dictionary and
 * of the archive's vocabulary, character tables and hashes.
 *
 * Format: `RQTY`, version byte, u32 LE header length, header JSON (small tables and the section
 * list), then the sections in order, each starting on a 4-byte boundary: typed arrays (u32 or u8) and
 * one UTF-16 string (the lexicon words, end to end, with their start offsets in a u32 section). Loading is a small JSON parse and copies
 * of typed arrays: nothing is parsed word by word or built at run time.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../version.js";

export const TYPO_DATA_VERSION = 4;

/** Where a lexicon word comes from. */
export type LexiconSource = "dict" | "idiom" | "corpus" | "compound";
export const SOURCE_CODES: Record<LexiconSource, number> = { dict: 0, idiom: 1, corpus: 2, compound: 3 };
export const SOURCES: readonly LexiconSource[] = ["dict", "idiom", "corpus", "compound"];

export interface TypoHeader {
  version: number;
  built: string;
  sources: Record<string, string>;
  params: Record<string, number>;
  /** Total frequency mass of the word model (for log probabilities). */
  total: number;
  /** 通用规范汉字表 (2013): level 1 (3500), level 2 (3000), level 3 (1605) characters. */
  levels: [string, string, string];
  /** Toneless reading → level 1–2 characters with that reading. */
  readings: Record<string, string>;
  /** The readings in the order `charReadings` numbers them. */
  readingNames: string[];
  /**
   * Characters outside the table that look like table characters, and their look-alikes (best first, a
   * few), `|`-separated in the same order: two strings, not an object of 10k keys, so loading parses nothing.
   */
  shapeChars: string;
  shapeLookalikes: string;
  /** Frequent single-character function words (的, 及, 和 …): a word of their own, never a wrong character. */
  functionChars: string;
}

export interface TypoData {
  header: TypoHeader;
  /** Word model: sorted word hashes and one quantized ln(frequency) byte each (value / 8). */
  lmHashes: Uint32Array;
  lmLogFreq: Uint8Array;
  /** Hashes of confusion variants of lexicon words that ≥ 2 writers of the archive wrote: not typos. */
  seen: Uint32Array;
  /** Lexicon: target words of a correction (all in one string, word k is wordText.slice(wordStarts[k], wordStarts[k + 1])), with their dictionary frequency, writers and source code. */
  wordText: string;
  wordStarts: Uint32Array;
  freqs: Uint32Array;
  writers: Uint32Array;
  kinds: Uint8Array;
  /** Wildcard index: hash of a lexicon word with one character replaced by `?`, sorted, and the word's index. */
  maskedHashes: Uint32Array;
  maskedWords: Uint32Array;
  /** Table level (1–3, 0 outside) of every BMP code unit: 65,536 bytes copied, nothing built at run time. */
  levels: Uint8Array;
  /** Sorted `charCode << 16 | reading index` for the level 1–2 characters. */
  charReadings: Uint32Array;
}

/** FNV-1a over UTF-16 code units (build and run must agree). */
export function hashString(s: string, from = 0, to = s.length): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hash of `s.slice(from, to)` with the character at `at` replaced by `?` (the wildcard index key). */
export function maskedHash(s: string, from: number, to: number, at: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= i === at ? 0x3f : s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

type SectionName = "lmHashes" | "lmLogFreq" | "seen" | "wordText" | "wordStarts" | "freqs" | "writers" | "kinds" | "maskedHashes" | "maskedWords" | "levels" | "charReadings";
const SECTIONS: readonly { name: SectionName; type: "u32" | "u8" | "text" }[] = [
  { name: "lmHashes", type: "u32" },
  { name: "lmLogFreq", type: "u8" },
  { name: "seen", type: "u32" },
  { name: "wordText", type: "text" },
  { name: "wordStarts", type: "u32" },
  { name: "freqs", type: "u32" },
  { name: "writers", type: "u32" },
  { name: "kinds", type: "u8" },
  { name: "maskedHashes", type: "u32" },
  { name: "maskedWords", type: "u32" },
  { name: "levels", type: "u8" },
  { name: "charReadings", type: "u32" },
];

const align = (n: number) => n + ((4 - (n % 4)) % 4);

export function encodeTypoData(d: TypoData): Buffer {
  const bodies = SECTIONS.map(({ name, type }) => {
    if (type === "text") return Buffer.from(d.wordText, "utf16le");
    const a = d[name] as Uint32Array | Uint8Array;
    const b = Buffer.alloc(a.byteLength);
    if (type === "u32") a.forEach((v, i) => b.writeUInt32LE(v, 4 * i));
    else b.set(a);
    return b;
  });
  const head = Buffer.from(JSON.stringify({ ...d.header, sections: SECTIONS.map((s, i) => ({ ...s, bytes: bodies[i]!.length })) }), "utf8");
  let size = align(9 + head.length);
  for (const b of bodies) size = align(size + b.length);
  const buf = Buffer.alloc(size);
  buf.write("RQTY", 0, "latin1");
  buf.writeUInt8(d.header.version, 4);
  buf.writeUInt32LE(head.length, 5);
  head.copy(buf, 9);
  let o = align(9 + head.length);
  for (const b of bodies) {
    b.copy(buf, o);
    o = align(o + b.length);
  }
  return buf;
}

export function decodeTypoData(buf: Buffer): TypoData {
  if (buf.toString("latin1", 0, 4) !== "RQTY") throw new Error("not a typo data file (magic RQTY expected)");
  const version = buf.readUInt8(4);
  if (version !== TYPO_DATA_VERSION) throw new Error(`typo data version ${version}, expected ${TYPO_DATA_VERSION} (run npm run build:typo)`);
  const headLen = buf.readUInt32LE(5);
  const { sections, ...header } = JSON.parse(buf.toString("utf8", 9, 9 + headLen)) as TypoHeader & { sections: { name: SectionName; type: string; bytes: number }[] };
  const out: Partial<TypoData> = { header };
  let o = align(9 + headLen);
  for (const s of sections) {
    const start = buf.byteOffset + o;
    // Copies: a pooled Buffer may start at any offset, and typed arrays need aligned memory.
    if (s.type === "text") out.wordText = buf.toString("utf16le", o, o + s.bytes);
    else if (s.type === "u32") (out as Record<string, unknown>)[s.name] = new Uint32Array(buf.buffer.slice(start, start + s.bytes));
    else (out as Record<string, unknown>)[s.name] = new Uint8Array(buf.buffer.slice(start, start + s.bytes));
    o = align(o + s.bytes);
  }
  return out as TypoData;
}

/** Word `k` of the lexicon. */
export function wordAt(d: TypoData, k: number): string {
  return d.wordText.slice(d.wordStarts[k]!, d.wordStarts[k + 1]!);
}

export function wordCount(d: TypoData): number {
  return d.wordStarts.length - 1;
}

/** Toneless readings of a level 1–2 character (binary search in `charReadings`). */
export function readingsOf(d: TypoData, ch: string): string[] {
  const code = ch.charCodeAt(0);
  const out: string[] = [];
  for (let i = lowerBound(d.charReadings, (code << 16) >>> 0); i < d.charReadings.length && d.charReadings[i]! >>> 16 === code; i++) out.push(d.header.readingNames[d.charReadings[i]! & 0xffff]!);
  return out;
}

const lookalikeMaps = new WeakMap<TypoData, Map<string, string>>();

/** Look-alikes (table characters) of a character outside the table, or "" (map built on first use). */
export function lookalikesOf(d: TypoData, ch: string): string {
  let m = lookalikeMaps.get(d);
  if (!m) {
    m = new Map();
    const values = d.header.shapeLookalikes.split("|");
    let k = 0;
    for (const c of d.header.shapeChars) m.set(c, values[k++]!);
    lookalikeMaps.set(d, m);
  }
  return m.get(ch) ?? "";
}

export function defaultTypoDataPath(): string {
  return join(PACKAGE_ROOT, "rules", "typo", "typo.bin");
}

const cache = new Map<string, TypoData>();

/** Loads (once per path and process) the compiled data. */
export function loadTypoData(path = defaultTypoDataPath()): TypoData {
  let d = cache.get(path);
  if (!d) {
    d = decodeTypoData(readFileSync(path));
    cache.set(path, d);
  }
  return d;
}

/** Index of the first element ≥ `h` in a sorted Uint32Array. */
export function lowerBound(sorted: Uint32Array, h: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of `h` in a sorted Uint32Array, or -1. */
export function findHash(sorted: Uint32Array, h: number): number {
  const i = lowerBound(sorted, h);
  return i < sorted.length && sorted[i] === h ? i : -1;
}
