/**
 * @fileoverview Cross-document copy detection over compact texts.
 *
 * 1. Winnow every document (k-gram noise threshold k, guarantee t): any shared substring ≥ t
 *    characters yields a shared fingerprint (winnow.ts).
 * 2. Join fingerprints by hash with a radix sort (no per-posting objects; linear in the archive).
 *    A hash found in documents of at least `commonUnits` different units is text many reports share
 *    (templates, quotations of the same central document): it is marked common and seeds nothing.
 * 3. The other shared hashes seed (target, source) document pairs; each seed grows into a maximal
 *    aligned passage that bridges small edits (align.ts), scored by Levenshtein similarity.
 *
 * A document is never compared with itself: same index, identical text, or the same unit's report
 * for the same year (a draft and its archived copy) are skipped. The same unit's reports of other
 * years are compared only for the genres in `sameUnitGenres` (when given).
 */
import { fmix32, hashString } from "./hash.js";
import { winnow, type Fingerprints } from "./winnow.js";
import { extendSeed, mergePassages, PassageIndex, similarity, type AlignOptions } from "./align.js";
import { IntColumn, radixOrder, radixSort } from "./radix.js";

export interface CopyInput {
  /** Compact text (compact.ts). */
  text: string;
  /** Who wrote it: passages shared by different units are copies; the same unit's other years too. */
  unit: string;
  year: number | null;
  /** Genre of the report (fingerprint/writer.ts): decides whether the same unit's other years are compared. */
  genre?: string;
  /** Findings are wanted for this document (batch documents; reference-archive documents are sources only). */
  target: boolean;
}

export interface CopyOptions {
  /** k-gram length (noise threshold). */
  k: number;
  /** Winnowing guarantee threshold t ≥ k. */
  t: number;
  /** Shortest reported passage (characters of the target). */
  minLength: number;
  /** Minimum passage similarity. */
  similarity: number;
  maxGap: number;
  anchor: number;
  /** Distinct units from which a fingerprint counts as common text. */
  commonUnits: number;
  /**
   * Genres whose reports are compared with the same unit's reports of other years (recycling last
   * year's text is the defect). Absent: every genre. Reports of different genres by one unit are not compared then.
   */
  sameUnitGenres?: readonly string[];
  /** Postings of one hash beyond which it is not used to seed pairs (very frequent = common anyway). */
  maxPostings?: number;
}

export interface CopyPassage {
  target: number;
  source: number;
  /** Target range [t0, t1) and source range [s0, s1), compact offsets. */
  t0: number;
  t1: number;
  s0: number;
  s1: number;
  similarity: number;
  /** Characters of the target range inside common (many-unit) text. */
  commonChars: number;
}

export interface CopyResult {
  passages: CopyPassage[];
  /** Per document: 1 where the compact character lies in text shared by ≥ commonUnits units (targets only; empty for sources). */
  common: Uint8Array[];
  stats: { fingerprints: number; seeds: number; candidatePairs: number; ms: Record<string, number> };
}

export function detectCopies(docs: readonly CopyInput[], o: CopyOptions): CopyResult {
  const ms: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    ms[name] = (ms[name] ?? 0) + (now - t0);
    t0 = now;
  };
  const unitIds = new Map<string, number>();
  const unitOf = docs.map((d) => {
    let id = unitIds.get(d.unit);
    if (id === undefined) unitIds.set(d.unit, (id = unitIds.size));
    return id;
  });
  const contentHash = docs.map((d) => hashString(d.text) ^ d.text.length);

  // 1. fingerprints
  const fps: Fingerprints[] = docs.map((d) => winnow(d.text, o.k, o.t));
  let total = 0;
  const firstFp = new Int32Array(docs.length + 1);
  fps.forEach((f, i) => {
    firstFp[i] = total;
    total += f.hashes.length;
  });
  firstFp[docs.length] = total;
  const keys = new Uint32Array(total);
  const docOf = new Int32Array(total);
  // Join key: an independent hash of each selected k-gram. The winnowing hashes are window minima,
  // crowded at the low end of the hash space, so they would collide about w times more often.
  fps.forEach((f, i) => {
    const text = docs[i]!.text;
    const base = firstFp[i]!;
    for (let x = 0; x < f.positions.length; x++) keys[base + x] = identityHash(text, f.positions[x]!, o.k);
    docOf.fill(i, base, firstFp[i + 1]!);
  });
  lap("winnow");

  // 2. join by hash
  const { order, sorted } = radixSort(keys);
  lap("sort");
  const commonFp = new Uint8Array(total);
  const seedT = new IntColumn();
  const seedS = new IntColumn();
  const seedTp = new IntColumn();
  const seedSp = new IntColumn();
  const maxPostings = o.maxPostings ?? 200;
  const unitsSeen = new Set<number>();
  const posOf = (g: number) => fps[docOf[g]!]!.positions[g - firstFp[docOf[g]!]!]!;
  for (let i = 0; i < total; ) {
    let j = i + 1;
    const h = sorted[i]!;
    while (j < total && sorted[j]! === h) j++;
    const n = j - i;
    if (n > 1) {
      unitsSeen.clear();
      for (let x = i; x < j && unitsSeen.size < o.commonUnits; x++) unitsSeen.add(unitOf[docOf[order[x]!]!]!);
      if (unitsSeen.size >= o.commonUnits) {
        for (let x = i; x < j; x++) commonFp[order[x]!] = 1;
      } else if (n <= maxPostings) {
        for (let x = i; x < j; x++) {
          const gx = order[x]!;
          const dx = docOf[gx]!;
          for (let y = x + 1; y < j; y++) {
            const gy = order[y]!;
            const dy = docOf[gy]!;
            if (dx === dy || !comparable(dx, dy)) continue;
            // Winnowing keeps window minima, so selected hashes crowd the low end of the hash space
            // and collide far more often than uniform ones: check the k-grams themselves.
            if (!sameKgram(docs[dx]!.text, posOf(gx), docs[dy]!.text, posOf(gy), o.k)) continue;
            if (docs[dx]!.target) pushSeed(dx, dy, posOf(gx), posOf(gy));
            if (docs[dy]!.target) pushSeed(dy, dx, posOf(gy), posOf(gx));
          }
        }
      }
    }
    i = j;
  }
  function comparable(a: number, b: number): boolean {
    if (contentHash[a] === contentHash[b] && docs[a]!.text === docs[b]!.text) return false;
    const da = docs[a]!;
    const db = docs[b]!;
    if (da.unit !== db.unit) return true;
    if (da.year !== null && da.year === db.year) return false;
    // The same unit in another year: only where each year must be written anew (not 统计公报 frames).
    return !o.sameUnitGenres || (da.genre === db.genre && o.sameUnitGenres.includes(da.genre ?? "other"));
  }
  function pushSeed(t: number, s: number, tp: number, sp: number): void {
    seedT.push(t);
    seedS.push(s);
    seedTp.push(tp);
    seedSp.push(sp);
  }
  lap("join");

  // common masks of targets
  const common: Uint8Array[] = docs.map((d, i) => {
    if (!d.target) return new Uint8Array(0);
    const mask = new Uint8Array(d.text.length);
    const pos = fps[i]!.positions;
    const w = o.t - o.k + 1;
    let prev = -1;
    for (let f = 0; f < pos.length; f++) {
      if (!commonFp[firstFp[i]! + f]) {
        prev = -1;
        continue;
      }
      const p = pos[f]!;
      // Consecutive common fingerprints at most w apart: the text between them is common too.
      const from = prev >= 0 && p - prev <= w ? prev : p;
      mask.fill(1, from, Math.min(d.text.length, p + o.k));
      prev = p;
    }
    return mask;
  });
  lap("common");

  // 3. seeds → passages, grouped by (target, source)
  const nSeeds = seedT.length;
  const pairKey = new Uint32Array(nSeeds);
  const nDocs = docs.length;
  const T = seedT.view();
  const S = seedS.view();
  const big = nDocs * nDocs > 0xffffffff;
  for (let i = 0; i < nSeeds; i++) pairKey[i] = big ? (hashString(`${T[i]}:${S[i]}`) >>> 0) : T[i]! * nDocs + S[i]!;
  const seedOrder = radixOrder(pairKey);
  const align: AlignOptions = { maxGap: o.maxGap, anchor: o.anchor, minSeed: o.k };
  const passages: CopyPassage[] = [];
  let candidatePairs = 0;
  const Tp = seedTp.view();
  const Sp = seedSp.view();
  for (let i = 0; i < nSeeds; ) {
    const key = pairKey[seedOrder[i]!]!;
    let j = i + 1;
    while (j < nSeeds && pairKey[seedOrder[j]!]! === key) j++;
    // With hashed keys two pairs may share a key: split by the real pair.
    const groups = new Map<string, number[]>();
    for (let x = i; x < j; x++) {
      const s = seedOrder[x]!;
      const g = `${T[s]}:${S[s]}`;
      const list = groups.get(g);
      if (list) list.push(s);
      else groups.set(g, [s]);
    }
    for (const list of groups.values()) {
      candidatePairs++;
      const t = T[list[0]!]!;
      const s = S[list[0]!]!;
      const A = docs[s]!.text;
      const B = docs[t]!.text;
      const found = new PassageIndex(o.maxGap);
      list.sort((x, y) => Tp[x]! - Tp[y]!);
      for (const x of list) {
        if (found.covered(Sp[x]!, Tp[x]!)) continue;
        const p = extendSeed(A, B, Sp[x]!, Tp[x]!, align);
        if (p) found.add(p);
      }
      for (const p of mergePassages(found.all)) {
        if (p.b1 - p.b0 < o.minLength) continue;
        const sim = similarity(A, B, p);
        if (sim < o.similarity) continue;
        let c = 0;
        const mask = common[t]!;
        for (let q = p.b0; q < p.b1; q++) c += mask[q]!;
        passages.push({ target: t, source: s, t0: p.b0, t1: p.b1, s0: p.a0, s1: p.a1, similarity: sim, commonChars: c });
      }
    }
    i = j;
  }
  lap("align");
  return { passages, common, stats: { fingerprints: total, seeds: nSeeds, candidatePairs, ms } };
}

/** FNV-1a over k code units, finalized: uniform, independent of the rolling hash used for selection. */
function identityHash(s: string, at: number, k: number): number {
  let h = 0x811c9dc5;
  for (let x = 0; x < k; x++) h = Math.imul(h ^ s.charCodeAt(at + x), 0x01000193);
  return fmix32(h);
}

function sameKgram(a: string, i: number, b: string, j: number, k: number): boolean {
  for (let x = 0; x < k; x++) if (a.charCodeAt(i + x) !== b.charCodeAt(j + x)) return false;
  return true;
}

/** Distinct units from which shared text counts as common: share × units, clamped to [min, max]. */
export function commonThreshold(units: number, o: { commonShare: number; commonMinUnits: number; commonMaxUnits: number }): number {
  return Math.max(o.commonMinUnits, Math.min(o.commonMaxUnits, Math.ceil(o.commonShare * units)));
}
