/**
 * @fileoverview Finds a wrong character inside a fixed word (docs/checks/typo.md): a character
 * sequence the word model does not know, where replacing ONE character by a confusable one (same
 * reading, or a look-alike outside the 通用规范汉字表) gives a word of the lexicon, and the corrected
 * text reads much better than the original under the segmenter's own word model (a unigram
 * noisy-channel test over a few characters of context).
 */
import type { Token } from "../../model/document.js";
import { firstTokenEndingAfter } from "../../text/term-token-bounds.js";
import { findHash, hashString, lookalikesOf, readingsOf, lowerBound, maskedHash, SOURCES, wordAt, type TypoData } from "./data.js";

export type Relation = "same-reading" | "variant-shape";

export interface TypoCandidate {
  /** Span of the observed word, relative to the text given to {@link findTypos}. */
  start: number;
  end: number;
  observed: string;
  expected: string;
  /** Offset of the wrong character inside the word. */
  at: number;
  wrongChar: string;
  rightChar: string;
  relation: Relation;
  /** Shared reading (same-reading). */
  reading?: string;
  /** ln P(corrected context) − ln P(original context) under the word model. */
  gain: number;
  /** Evidence about the expected word. */
  freq: number;
  writers: number;
  source: string;
  /** A wrong first character, a sequence of real words, or another correction scoring close: weaker evidence. */
  weak: boolean;
}

/** Indexes built once per data object. */
export interface TypoIndex {
  data: TypoData;
  level: Uint8Array;
  readings: { get(ch: string): string[] | undefined };
  logTotal: number;
  unknownLogP: number;
  minModelQ: number;
}

const built = new WeakMap<TypoData, TypoIndex>();

export function indexTypoData(data: TypoData): TypoIndex {
  let ix = built.get(data);
  if (ix) return ix;
  const h = data.header;
  const level = data.levels;
  const readings = { get: (ch: string) => readingsOf(data, ch) };
  const logTotal = Math.log(h.total);
  ix = { data, level, readings, logTotal, unknownLogP: Math.log(0.5) - logTotal, minModelQ: Math.round(8 * Math.log(h.params.modelMinFreq ?? 10)) };
  built.set(data, ix);
  return ix;
}

/** Quantized ln(frequency) of a word the model knows, or -1. */
function modelQ(ix: TypoIndex, s: string, from: number, to: number): number {
  const i = findHash(ix.data.lmHashes, hashString(s, from, to));
  return i < 0 ? -1 : ix.data.lmLogFreq[i]!;
}

/** Best segmentation log-probability of `s` under the unigram word model (words up to 8 characters). */
export function segmentLogP(ix: TypoIndex, s: string): number {
  const n = s.length;
  const best = new Float64Array(n + 1).fill(-Infinity);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    if (best[i] === -Infinity) continue;
    for (let L = 1; L <= 8 && i + L <= n; L++) {
      const q = modelQ(ix, s, i, i + L);
      const lp = q >= 0 ? q / 8 - ix.logTotal : L === 1 ? ix.unknownLogP : null;
      if (lp === null) continue;
      if (best[i]! + lp > best[i + L]!) best[i + L] = best[i]! + lp;
    }
  }
  return best[n]!;
}

/**
 * True when text[from, to) splits into known words of two or more characters only (市志|档案, 绝不|允许):
 * the sequence is a phrase of real words, and calling it a typo is only a weak guess.
 */
function wordsOnly(ix: TypoIndex, text: string, from: number, to: number): boolean {
  const ok = new Uint8Array(to - from + 1);
  ok[0] = 1;
  for (let i = from; i < to; i++) {
    if (!ok[i - from]) continue;
    for (let j = i + 2; j <= to; j++) if (modelQ(ix, text, i, j) >= ix.minModelQ) ok[j - from] = 1;
  }
  return ok[to - from] === 1;
}

export interface FindOptions {
  /** Minimum log-probability gain of the correction (the channel cost of a typo). */
  minGain: number;
  /** Characters of context on each side for the word-model comparison. */
  context: number;
}

/** A character the check may call wrong: common (level 1, typed by reading) or outside the table (a look-alike). */
function relationOf(ix: TypoIndex, wrong: string, right: string): { relation: Relation; reading?: string } | null {
  const lv = ix.level[wrong.charCodeAt(0)]!;
  if (lv === 1) {
    const a = ix.readings.get(wrong);
    const b = ix.readings.get(right);
    const shared = a && b ? a.find((p) => b.includes(p)) : undefined;
    return shared ? { relation: "same-reading", reading: shared } : null;
  }
  if (lv === 0 && lookalikesOf(ix.data, wrong).includes(right)) return { relation: "variant-shape" };
  return null;
}

/**
 * Typo candidates in `text` (one block). `tokens` are the document's tokens and `offset` the absolute
 * start of `text`, so a character's token is known; `skip(i)` marks characters not to look at
 * (quoted titles, page chrome).
 */
export function findTypos(ix: TypoIndex, text: string, tokens: readonly Token[], offset: number, skip: (i: number) => boolean, opts: FindOptions): TypoCandidate[] {
  const h = ix.data.header;
  // Characters that are a word of their own or part of an unknown word: where a non-word error shows.
  const loose = new Uint8Array(text.length);
  for (let k = firstTokenEndingAfter(tokens, offset); k < tokens.length && tokens[k]!.start < offset + text.length; k++) {
    const t = tokens[k]!;
    const s = Math.max(0, t.start - offset);
    const e = Math.min(text.length, t.end - offset);
    const single = t.end - t.start === 1;
    if (single || modelQ(ix, text, s, e) < ix.minModelQ) for (let i = s; i < e; i++) loose[i] = 1;
  }
  const out: TypoCandidate[] = [];
  for (const run of text.matchAll(/\p{Script=Han}+/gu)) {
    const r0 = run.index;
    const r1 = r0 + run[0].length;
    for (let p = r0; p < r1; p++) {
      if (!loose[p] || skip(p)) continue;
      const lv = ix.level[text.charCodeAt(p)]!;
      if (lv !== 1 && !(lv === 0 && lookalikesOf(ix.data, text[p]!))) continue;
      if (h.functionChars.includes(text[p]!)) continue;
      const found: TypoCandidate[] = [];
      for (let L = 2; L <= 6; L++) {
        for (let s = Math.max(r0, p - L + 1); s <= p && s + L <= r1; s++) {
          const i = p - s;
          const key = maskedHash(text, s, s + L, p);
          for (let j = lowerBound(ix.data.maskedHashes, key); j < ix.data.maskedHashes.length && ix.data.maskedHashes[j] === key; j++) {
            const k = ix.data.maskedWords[j]!;
            const w = wordAt(ix.data, k);
            if (w.length !== L || w.slice(0, i) !== text.slice(s, p) || w.slice(i + 1) !== text.slice(p + 1, s + L)) continue;
            const rel = relationOf(ix, text[p]!, w[i]!);
            if (!rel) continue;
            // Two- and three-character sequences are names and local terms too often (南通博物苑, 驻葫央企,
            // 成都世运会); there only a look-alike outside the table counts.
            if (L < 4 && rel.relation !== "variant-shape") continue;
            const vHash = hashString(text, s, s + L);
            if (findHash(ix.data.seen, vHash) >= 0 || modelQ(ix, text, s, s + L) >= ix.minModelQ) continue;
            let quoted = false;
            for (let x = s; x < s + L; x++) if (skip(x)) quoted = true;
            if (quoted) continue;
            const c0 = Math.max(r0, s - opts.context);
            const c1 = Math.min(r1, s + L + opts.context);
            const original = text.slice(c0, c1);
            const corrected = text.slice(c0, p) + w[i]! + text.slice(p + 1, c1);
            const gain = segmentLogP(ix, corrected) - segmentLogP(ix, original);
            if (gain < opts.minGain) continue;
            found.push({
              start: s,
              end: s + L,
              observed: text.slice(s, s + L),
              expected: w,
              at: i,
              wrongChar: text[p]!,
              rightChar: w[i]!,
              relation: rel.relation,
              ...(rel.reading ? { reading: rel.reading } : {}),
              gain,
              freq: ix.data.freqs[k]!,
              writers: ix.data.writers[k]!,
              source: SOURCES[ix.data.kinds[k]!] ?? "dict",
              // A wrong first character may belong to the word before it (百姓说事点建设, 被定为省医联体) or
              // start another compound (市志档案, 绝不允许): only a weak candidate.
              weak: (i === 0 && rel.relation !== "variant-shape") || wordsOnly(ix, text, s, s + L),
            });
          }
        }
      }
      if (!found.length) continue;
      // One finding per wrong character: the replacement with the best gain, shown in its longest word.
      const byChar = new Map<string, TypoCandidate[]>();
      for (const c of found) (byChar.get(c.rightChar) ?? byChar.set(c.rightChar, []).get(c.rightChar)!).push(c);
      const ranked = [...byChar.values()].map((cs) => cs.sort((a, b) => b.expected.length - a.expected.length || b.gain - a.gain)[0]!).sort((a, b) => b.gain - a.gain);
      const best = { ...ranked[0]!, gain: Math.max(...byChar.get(ranked[0]!.rightChar)!.map((c) => c.gain)) };
      if (ranked.length > 1 && ranked[1]!.gain > best.gain - 2) best.weak = true;
      out.push(best);
    }
  }
  return out;
}
