/**
 * The fingerprint library under the duplication checks: winnowing's guarantee and density, the radix
 * join, alignment over small edits, in-document blocking against all pairs, and the benchmark's
 * synthetic archive (planted copies found, template text not).
 */
import { describe, expect, it } from "vitest";
import levenshtein from "fast-levenshtein";
import { winnow } from "../pipeline/fingerprint/winnow.js";
import { kgramHashes } from "../pipeline/fingerprint/hash.js";
import { radixOrder } from "../pipeline/fingerprint/radix.js";
import { differsOnlyInFigures, extendSeed, mergePassages, PassageIndex, similarity, type Passage } from "../pipeline/fingerprint/align.js";
import { defaultSeedBudget, isPeriodic, selfRepeats, selfRepeatsBounded } from "../pipeline/fingerprint/repeats.js";
import { detectCopies } from "../pipeline/fingerprint/copy-index.js";
import duplicateText, { findRepeats } from "../pipeline/checks/duplicate-text.js";
import { buildArchive, randomReport, rng, sentencePool, syntheticDocument } from "../bench/synthetic.js";
import { CORPUS, ROOT } from "./helpers/pipeline.js";

const rand = rng(1234);
const CJK = () => String.fromCharCode(0x4e00 + Math.floor(rand() * 3000));
const randomText = (n: number) => Array.from({ length: n }, CJK).join("");
const POOL = sentencePool([CORPUS]);

describe("winnowing", () => {
  it("every shared substring of length ≥ t yields a shared fingerprint (the guarantee)", () => {
    const k = 8;
    const t = 16;
    for (let trial = 0; trial < 200; trial++) {
      const shared = randomText(t + Math.floor(rand() * 10));
      const a = randomText(Math.floor(rand() * 200)) + shared + randomText(Math.floor(rand() * 200));
      const b = randomText(Math.floor(rand() * 200)) + shared + randomText(Math.floor(rand() * 200));
      const fa = new Set(winnow(a, k, t).hashes);
      expect(winnow(b, k, t).hashes.some((h) => fa.has(h)), `trial ${trial}`).toBe(true);
    }
  });

  it("selects about 2/(w+1) of the k-grams and never crosses a block separator", () => {
    const text = randomText(50_000);
    const f = winnow(text, 12, 24);
    expect(f.hashes.length / text.length).toBeCloseTo(2 / 14, 2);
    const { valid } = kgramHashes("甲乙丙丁\u0000戊己庚辛壬", 4);
    expect(Array.from(valid)).toEqual([1, 0, 0, 0, 0, 1, 1]);
  });

  it("radixOrder sorts 32-bit keys stably", () => {
    const keys = Uint32Array.from({ length: 5000 }, () => Math.floor(rand() * 2 ** 32) >>> (rand() < 0.5 ? 20 : 0));
    const order = radixOrder(keys);
    for (let i = 1; i < order.length; i++) {
      expect(keys[order[i - 1]!]! < keys[order[i]!]! || (keys[order[i - 1]!] === keys[order[i]!] && order[i - 1]! < order[i]!)).toBe(true);
    }
  });
});

describe("alignment", () => {
  it("extends a seed over small edits to the whole passage", () => {
    const base = randomText(120);
    const edited = base.slice(0, 30) + "番禺" + base.slice(32, 80) + "荔" + base.slice(81);
    const A = randomText(50) + base + randomText(50);
    const B = randomText(70) + edited + randomText(30);
    const p = extendSeed(A, B, 50 + 40, 70 + 40, { maxGap: 6, anchor: 6, minSeed: 8 })!;
    expect([p.a0, p.a1, p.b0, p.b1]).toEqual([50, 170, 70, 190]);
    expect(p.edits).toBe(2);
  });

  it("tells figures-only differences from real edits", () => {
    expect(differsOnlyInFigures("地区生产总值增长5.2%，固定资产投资增长1.6%", "地区生产总值增长5%左右，固定资产投资增长3%左右")).toBe(true);
    expect(differsOnlyInFigures("番禺区2021年营商环境改革工作要点", "荔湾区2021年营商环境改革工作要点")).toBe(false);
    expect(differsOnlyInFigures("完全相同2021", "完全相同2021")).toBe(false);
  });
});

describe("in-document blocking", () => {
  it("finds every planted repeat and every near-duplicate pair that all-pairs Levenshtein finds", () => {
    const c = duplicateText.compile(duplicateText.options.parse({ phrasesFile: "", passageMinLength: 30 }), { ruleFileDir: ROOT, builtinRulesDir: ROOT + "rules" });
    let text = randomReport(POOL, 20000, rand);
    const sentences = text.split(/(?<=[。；])/u).filter((s) => s.replace(/\W/gu, "").length >= 25);
    // plant 10 near copies (≈10% of characters changed) as new paragraphs
    const planted: string[] = [];
    for (let i = 0; i < 10; i++) {
      const s = sentences[Math.floor(rand() * sentences.length)]!;
      const chars = [...s];
      for (let j = 3; j < chars.length - 2; j += 10) chars[j] = CJK();
      planted.push(chars.join(""));
    }
    text += "\n" + planted.join("\n");
    const doc = syntheticDocument(text);
    const found = findRepeats(doc, c).list;
    // One hit per later passage and tier (a minor and a major repeat may start at the same place).
    const laterStarts = new Set(found.map((h) => `${h.tier} ${h.b0}`));
    expect(found.length).toBeGreaterThanOrEqual(10);
    // all pairs of sentences ≥ 20 characters at similarity ≥ 0.8: each later one is covered
    const units = doc.sentences.map((s) => s.text.replace(/[^\p{L}\p{N}]/gu, "")).map((t, i) => ({ t, i }));
    const { list, compact } = findRepeats(doc, c);
    const covered = (sentenceIndex: number) => {
      const s = doc.sentences[sentenceIndex]!;
      return list.some((h) => compact.pos[h.b0]! <= s.end && compact.pos[h.b1 - 1]! >= s.start);
    };
    for (const x of units) {
      if (x.t.length < 20) continue;
      for (const y of units) {
        if (y.i >= x.i || y.t.length < 20) continue;
        const sim = 1 - levenshtein.get(x.t, y.t) / Math.max(x.t.length, y.t.length);
        if (sim >= 0.8 && !differsOnlyInFigures(x.t, y.t)) expect(covered(x.i), `${y.t} ≈ ${x.t}`).toBe(true);
      }
    }
    expect(laterStarts.size).toBe(found.length);
  });

  it("selfRepeats never pairs a passage with an overlapping copy of itself", () => {
    const r = selfRepeats("哈".repeat(50), { k: 8, maxGap: 4, anchor: 6 });
    for (const p of r) expect(p.a1).toBeLessThanOrEqual(p.b0);
  });

  it("selfRepeats (k-gram chains in typed arrays, passages pruned as the scan passes them) finds exactly what the Map-of-arrays blocking found", () => {
    const r = rng(77);
    for (let t = 0; t < 12; t++) {
      let text = randomReport(POOL, 3000 + t * 500, r);
      // plant near and exact repeats, and a run of a few words
      for (let i = 0; i < 4; i++) {
        const at = Math.floor(r() * (text.length - 100));
        const piece = text.slice(at, at + 40 + Math.floor(r() * 60));
        const to = Math.floor(r() * text.length);
        text = text.slice(0, to) + (i % 2 ? piece.replace(/./u, "甲") : piece) + text.slice(to);
      }
      if (t % 3 === 0) text += "依法行政法治政府".repeat(20) + "建设法治".repeat(15);
      const o = { k: 8, maxGap: 4, anchor: 6 };
      expect(selfRepeats(text, o)).toEqual(referenceSelfRepeats(text, o));
    }
  });

  it("selfRepeats stops at its work budget on text made of a few words, and says where", () => {
    const words = ["法治", "政府", "建设", "依法行政"];
    const r = rng(5);
    let text = "";
    while (text.length < 20000) text += words[Math.floor(r() * 4)];
    const res = selfRepeatsBounded(text, { k: 8, maxGap: 4, anchor: 6 });
    expect(res.stoppedAt).not.toBeNull();
    expect(res.seeds).toBeLessThanOrEqual(defaultSeedBudget(text.length));
    // real prose of the same length stays far below the budget
    const prose = randomReport(POOL, 20000, rng(6));
    const real = selfRepeatsBounded(prose, { k: 8, maxGap: 4, anchor: 6 });
    expect(real.stoppedAt).toBeNull();
  });
});

describe("cross-document detection on a synthetic archive", () => {
  it("finds the planted copies (≥ 50 characters) and leaves template text out", () => {
    const archive = buildArchive(POOL, 300, 3000, 99, 0.1, 0.3);
    const res = detectCopies(
      archive.texts.map((text, i) => ({ text, unit: `u${i}`, year: 2024, target: true })),
      { k: 12, t: 24, minLength: 40, similarity: 0.8, maxGap: 6, anchor: 6, commonUnits: 10 },
    );
    const reported = res.passages.filter((p) => p.commonChars < 0.5 * (p.t1 - p.t0));
    for (const pl of archive.plants) {
      const hit = reported.some((p) => p.target === pl.target && p.source === pl.source && Math.min(p.t1, pl.t1) - Math.max(p.t0, pl.t0) >= 0.9 * (pl.t1 - pl.t0));
      expect(hit, `plant ${pl.source} → ${pl.target} (${pl.t1 - pl.t0} chars${pl.edited ? ", edited" : ""})`).toBe(true);
    }
    for (const [d, a, b] of archive.templates) {
      expect(reported.some((p) => p.target === d && p.t0 >= a && p.t1 <= b), `template in ${d}`).toBe(false);
    }
  });
});

/** The blocking of selfRepeats as it was before the typed-array chains (a Map of position arrays), as a reference. */
function referenceSelfRepeats(text: string, o: { k: number; maxGap: number; anchor: number }): (Passage & { similarity: number })[] {
  const { hashes, valid } = kgramHashes(text, o.k);
  const buckets = new Map<number, number[]>();
  const found = new PassageIndex(o.maxGap);
  for (let i = 0; i < hashes.length; i++) {
    if (!valid[i]) continue;
    const list = buckets.get(hashes[i]!);
    if (!list) {
      buckets.set(hashes[i]!, [i]);
      continue;
    }
    if (!isPeriodic(text, i, o.k)) {
      for (let x = list.length - 1, seen = 0; x >= 0 && seen < 64; x--, seen++) {
        const j = list[x]!;
        if (j + o.k > i || found.covered(j, i)) continue;
        const p = extendSeed(text, text, j, i, { maxGap: o.maxGap, anchor: o.anchor, self: true, minSeed: o.k });
        if (p) found.add(p);
      }
    }
    list.push(i);
  }
  return mergePassages(found.all, 0, true).map((p) => ({ ...p, similarity: similarity(text, text, p) }));
}
