/**
 * @fileoverview The background model: how many different writers (units) of real reports use each
 * short passage. Built offline over an archive of real reports (bench/build-background.ts, `npm run
 * build:background`; docs/background-model.md) and shipped as rules/background/phrases.bin, so that
 * cross-document-copy and boilerplate can tell "everyone writes this" (central formulations, thanks,
 * mandated openings, statistical sentence frames) from "this unit copied that one", whatever the size
 * of the batch being checked.
 *
 * What is counted: character n-grams of a *skeleton* of the compact text (compact.ts): every run of
 * digits becomes one `#` (a frame with other figures is the same frame) and a level word after
 * 全/我/本/各 or before 委/政府/人大/政协 becomes `□` (全省/全市, 省委/市委: the same formula written by a
 * province and by a city). Each gram's hash is stored once with its document frequency counted in
 * distinct writers (a writer's reports of several years count once), capped at 255; grams used by
 * fewer than `minUnits` writers are not stored (they are the specific text copying is about).
 *
 * File: `RQBG` magic, u8 version, u32 LE header length, header JSON (n, minUnits, counts, sources)
 * padded to 4 bytes, the sorted hashes (u32 LE), one df byte per hash. Uncompressed on purpose: loading
 * is one copy (git and npm compress it anyway).
 */
import { existsSync } from "node:fs";
import { readRegularFileSync } from "../files.js";

/** Far above the bundled model (223 KiB): a model is read whole, so a device or FIFO named as one must not be. */
const MAX_BACKGROUND_BYTES = 256 * 1024 * 1024;
import { join } from "node:path";
import { fmix32 } from "./hash.js";
import { defaultBuiltinDir } from "../ruleset/builtin.js";

export const BACKGROUND_VERSION = 1;

export interface BackgroundHeader {
  version: number;
  /** Gram length, in skeleton characters. */
  n: number;
  /** Grams used by fewer writers were dropped when the file was built. */
  minUnits: number;
  documents: number;
  writers: number;
  grams: number;
  /** What it was built from (directory names and document counts), for docs and `--version` readers. */
  sources: { dir: string; documents: number }[];
  built: string;
}

export interface BackgroundModel {
  header: BackgroundHeader;
  /** Sorted gram hashes. */
  hashes: Uint32Array;
  /** Writers using each gram (capped at 255), parallel to `hashes`. */
  df: Uint8Array;
}

/** The skeleton of a compact text, with the compact offset of every skeleton character. */
export interface Skeleton {
  text: string;
  /** `from[i]` = compact offset where skeleton character i starts. */
  from: Int32Array;
  /** `to[i]` = compact offset after skeleton character i (a digit run maps to its whole run). */
  to: Int32Array;
}

const LEVEL = /[省市区县州盟旗镇乡]/u;
const LEVEL_BEFORE = new Set(["全", "我", "本", "各"]);
const LEVEL_AFTER = ["委", "政府", "人大", "政协"];

function isDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

/** Skeleton of a compact text: digit runs → `#`, level words of scope formulae → `□` (see the file comment). */
export function skeleton(compact: string): Skeleton {
  const out: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < compact.length; ) {
    const c = compact.charCodeAt(i);
    if (isDigit(c)) {
      let j = i + 1;
      while (j < compact.length && isDigit(compact.charCodeAt(j))) j++;
      out.push("#");
      from.push(i);
      to.push(j);
      i = j;
      continue;
    }
    const ch = compact[i]!;
    const scope = LEVEL.test(ch) && (LEVEL_BEFORE.has(compact[i - 1] ?? "") || LEVEL_AFTER.some((w) => compact.startsWith(w, i + 1)));
    out.push(scope ? "□" : ch);
    from.push(i);
    to.push(i + 1);
    i++;
  }
  return { text: out.join(""), from: Int32Array.from(from), to: Int32Array.from(to) };
}

/**
 * Hash of every n-gram of a skeleton (FNV-1a over the code units, finalized); 0 marks a gram that
 * crosses a block separator (U+0000) and is never looked up.
 */
export function gramHashes(text: string, n: number): Uint32Array {
  const len = Math.max(0, text.length - n + 1);
  const out = new Uint32Array(len);
  // Nearest separator at or after each position, scanned backwards.
  let nextSep = text.length;
  const sepAfter = new Int32Array(text.length + 1).fill(text.length);
  for (let i = text.length - 1; i >= 0; i--) {
    if (text.charCodeAt(i) === 0) nextSep = i;
    sepAfter[i] = nextSep;
  }
  for (let i = 0; i < len; i++) {
    if (sepAfter[i]! < i + n) continue;
    let h = 0x811c9dc5;
    for (let x = 0; x < n; x++) h = Math.imul(h ^ text.charCodeAt(i + x), 0x01000193);
    out[i] = fmix32(h) || 1;
  }
  return out;
}

/** Serializes a model (hashes sorted ascending, unique). */
export function encodeBackground(m: BackgroundModel): Buffer {
  const head = Buffer.from(JSON.stringify(m.header), "utf8");
  // Hashes start 4-byte aligned so that loading is one copy into a Uint32Array.
  const pad = (4 - ((9 + head.length) % 4)) % 4;
  const fixed = Buffer.alloc(9);
  fixed.write("RQBG", 0, "latin1");
  fixed.writeUInt8(BACKGROUND_VERSION, 4);
  fixed.writeUInt32LE(head.length + pad, 5);
  const hashes = Buffer.alloc(m.hashes.length * 4);
  for (let i = 0; i < m.hashes.length; i++) hashes.writeUInt32LE(m.hashes[i]!, i * 4);
  return Buffer.concat([fixed, head, Buffer.alloc(pad, 0x20), hashes, Buffer.from(m.df)]);
}

export function decodeBackground(buf: Uint8Array): BackgroundModel {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.toString("latin1", 0, 4) !== "RQBG") throw new Error("not a background model (magic)");
  if (b.readUInt8(4) !== BACKGROUND_VERSION) throw new Error(`background model version ${b.readUInt8(4)}, expected ${BACKGROUND_VERSION}`);
  const hl = b.readUInt32LE(5);
  const header = JSON.parse(b.toString("utf8", 9, 9 + hl)) as BackgroundHeader;
  const at = 9 + hl;
  const n = header.grams;
  if (b.length < at + n * 5) throw new Error("background model truncated");
  const hashes = new Uint32Array(n);
  // Little-endian on every platform Node runs on in practice; read explicitly otherwise.
  if (new Uint8Array(new Uint32Array([1]).buffer)[0] === 1) new Uint8Array(hashes.buffer).set(b.subarray(at, at + n * 4));
  else for (let i = 0; i < n; i++) hashes[i] = b.readUInt32LE(at + i * 4);
  const df = new Uint8Array(b.subarray(at + n * 4, at + n * 5));
  return { header, hashes, df };
}

/** Default location of the shipped model. */
export function defaultBackgroundPath(): string {
  return join(defaultBuiltinDir(), "background", "phrases.bin");
}

const loaded = new Map<string, BackgroundModel | null>();

/**
 * The model at `path` ("" = none), loaded on first use and kept for the process. A missing default
 * file gives null (checks then judge by the batch alone); an explicit path that cannot be read throws.
 */
export function loadBackground(path: string = defaultBackgroundPath()): BackgroundModel | null {
  if (!path) return null;
  if (loaded.has(path)) return loaded.get(path)!;
  let m: BackgroundModel | null = null;
  if (existsSync(path) || path !== defaultBackgroundPath()) m = decodeBackground(readRegularFileSync(path, MAX_BACKGROUND_BYTES));
  loaded.set(path, m);
  return m;
}

/** Writers using the gram with this hash (0 when below the model's minUnits). */
export function gramDf(m: BackgroundModel, h: number): number {
  const a = m.hashes;
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  return lo < a.length && a[lo] === h ? m.df[lo]! : 0;
}

const maskCache = new WeakMap<BackgroundModel, Map<string, Uint8Array>>();

/**
 * Marks the compact characters covered by grams that at least `minUnits` writers use (background
 * language). Memoized per (model, text, minUnits) for the checks that share a batch; read-only.
 */
export function backgroundMask(m: BackgroundModel, compact: string, minUnits: number): Uint8Array {
  let byText = maskCache.get(m);
  if (!byText) maskCache.set(m, (byText = new Map()));
  const key = `${minUnits}\u0000${compact}`;
  const hit = byText.get(key);
  if (hit) return hit;
  const mask = new Uint8Array(compact.length);
  const sk = skeleton(compact);
  const n = m.header.n;
  const hs = gramHashes(sk.text, n);
  for (let i = 0; i < hs.length; i++) {
    if (!hs[i] || gramDf(m, hs[i]!) < minUnits) continue;
    mask.fill(1, sk.from[i]!, sk.to[i + n - 1]!);
  }
  if (byText.size > 2000) byText.clear();
  byText.set(key, mask);
  return mask;
}
