/**
 * @fileoverview Recall class for issue 11 item 8 (typos in fixed words; docs/checks/typo.md), planted
 * into real report text: a confusable character substituted into a real fixed expression of the text.
 *
 * The covered class (what the check claims, defined without running it): an expression of 4–6
 * characters of the typo lexicon that ≥ 5 writers of the archive use (or a 成语 of the dictionary),
 * written in a body paragraph outside quotes; ONE non-initial character replaced by a common
 * (通用规范汉字表 level 1, not a function word) character of the same toneless reading, such that the
 * result is a non-word: the new sequence, and every word-sized piece of it holding the new character,
 * is unknown to the word model, and no two writers of the archive write it. Plus Chinese-numeral years
 * (二〇二三年) with the 〇 typed as an Arabic 0.
 */
import { loadTypoData, findHash, hashString, wordAt, wordCount } from "../../pipeline/checks/typo/data.js";
import { indexTypoData, type TypoIndex } from "../../pipeline/checks/typo/detect.js";
import { body, clean, replace, type DefectClass, type Site } from "./plant.js";

let cached: { ix: TypoIndex; targets: Set<string> } | null = null;

function typoData(): { ix: TypoIndex; targets: Set<string> } {
  if (cached) return cached;
  const data = loadTypoData();
  const ix = indexTypoData(data);
  const targets = new Set<string>();
  for (let k = 0; k < wordCount(data); k++) {
    const w = wordAt(data, k);
    if (w.length >= 4 && (data.writers[k]! >= 5 || data.kinds[k] === 1)) targets.add(w);
  }
  cached = { ix, targets };
  return cached;
}

const known = (ix: TypoIndex, s: string) => {
  const i = findHash(ix.data.lmHashes, hashString(s));
  return i >= 0 && ix.data.lmLogFreq[i]! >= ix.minModelQ;
};

/** Same-reading level-1 replacements of `ch` that leave a non-word in `word` (position `at`), or []. */
function replacements(ix: TypoIndex, word: string, at: number): string[] {
  const out: string[] = [];
  const h = ix.data.header;
  for (const p of ix.readings.get(word[at]!) ?? []) {
    for (const c of h.readings[p]!) {
      if (c === word[at] || ix.level[c.charCodeAt(0)] !== 1 || h.functionChars.includes(c) || out.includes(c)) continue;
      const v = word.slice(0, at) + c + word.slice(at + 1);
      if (findHash(ix.data.seen, hashString(v)) >= 0) continue;
      // A non-word: no piece of two or more characters holding the new character is a known word.
      let realWord = false;
      for (let s = 0; s <= at && !realWord; s++) for (let e = Math.max(at + 1, s + 2); e <= v.length && !realWord; e++) if (known(ix, v.slice(s, e))) realWord = true;
      if (!realWord) out.push(c);
    }
  }
  return out;
}

const QUOTE_OPEN = /[“《「『‘〈]/u;
const QUOTE_CLOSE = /[”》」』’〉]/u;

function quoted(t: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    if (QUOTE_CLOSE.test(t[i]!)) return false;
    if (QUOTE_OPEN.test(t[i]!)) return true;
  }
  return false;
}

const fixedWordTypo: DefectClass = {
  id: "typo-fixed-word",
  title: "a same-reading common character substituted into a fixed expression of ≥ 4 characters (non-initial, non-word result), or 〇 typed as 0 in a Chinese-numeral year",
  expect: ["typo"],
  sites(doc, ctx) {
    const { ix, targets } = typoData();
    const out: Site[] = [];
    for (const p of body(doc)) {
      const t = doc.original.slice(p.start, p.end);
      if (!clean(doc, this.expect, p.start, p.end)) continue;
      let planted = false;
      for (const run of t.matchAll(/\p{Script=Han}{4,}/gu)) {
        for (let s = 0; s < run[0].length && !planted; s++) {
          for (let L = 6; L >= 4 && !planted; L--) {
            if (s + L > run[0].length) continue;
            const word = run[0].slice(s, s + L);
            if (!targets.has(word) || quoted(t, run.index + s)) continue;
            const positions = [...Array(L - 1).keys()].map((i) => i + 1);
            const at = positions[Math.floor(ctx.rand() * positions.length)]!;
            const options = replacements(ix, word, at);
            if (!options.length) continue;
            const c = options[Math.floor(ctx.rand() * options.length)]!;
            const a = p.start + run.index + s;
            out.push({ variant: `same-reading L${L}`, ...replace(doc.original, a, a + L, word.slice(0, at) + c + word.slice(at + 1)), note: `${word} → ${word.slice(0, at)}${c}${word.slice(at + 1)}` });
            planted = true;
          }
        }
        if (planted) break;
      }
      for (const m of t.matchAll(/[一二三四五六七八九〇]{3}〇|[一二三四五六七八九〇]{2}〇[一二三四五六七八九〇]|[一二三四五六七八九]〇[一二三四五六七八九〇]{2}(?=年)/gu)) {
        const z = m[0].lastIndexOf("〇");
        const a = p.start + m.index;
        out.push({ variant: "numeral-zero", ...replace(doc.original, a, a + m[0].length, m[0].slice(0, z) + "0" + m[0].slice(z + 1)), note: `${m[0]} → 0` });
        break;
      }
    }
    return out;
  },
};

export const TYPO_CLASSES: DefectClass[] = [fixedWordTypo];
