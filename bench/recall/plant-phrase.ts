/**
 * @fileoverview Recall classes for issue 11 items 4–7 (placeholders, generalised outdated formulations,
 * repeated clauses, a neighbour's short name), planted into real report text like the classes of
 * plant.ts (one defect per copy, only where the unplanted document has no finding of the expected type).
 */
import type { Place } from "../../pipeline/checks/entity-consistency/places.js";
import { body, clean, clen, insideTitle, lines, replace, unitPlace, type DefectClass, type Site } from "./plant.js";

// ---------------------------------------------------------------------------------------------
// Issue 11 item 4: a single mark or a blank where a number or a name belongs

const COUNT = /(?<=[\p{Script=Han}])(\d{1,4})(个|次|件|项|家|场|名)(?![\d%％])/gu;
const AMOUNT = /(?<=[\p{Script=Han}])(\d+(?:\.\d+)?)(亿元|万元)(?=[，,。；;])/gu;
const RATE = /(?<=增长|下降|提高)(\d+(?:\.\d+)?)(%|％)(?=[，,。；;])/gu;

const placeholderSlot: DefectClass = {
  id: "placeholder-slot",
  title: "a single X/×/* or a blank where a number or a name belongs (建成X个, 会议*次, x镇, 亿元，增长 %)",
  expect: ["placeholder"],
  sites(doc, ctx) {
    const out: Site[] = [];
    const own = unitPlace(doc, ctx);
    let k = 0;
    for (const p of body(doc)) {
      const t = doc.original.slice(p.start, p.end);
      if (!clean(doc, this.expect, p.start, p.end) || /[|｜\t]/u.test(t)) continue;
      for (const m of t.matchAll(COUNT)) {
        if (insideTitle(t, m.index)) continue;
        const mark = ["X", "*", "×"][k++ % 3]!;
        const a = p.start + m.index;
        out.push({ variant: `${mark}+measure`, ...replace(doc.original, a, a + m[1]!.length, mark), note: `${m[0]} → ${mark}${m[2]}` });
        break;
      }
      for (const m of t.matchAll(AMOUNT)) {
        if (/[\d〇零一二三四五六七八九十百千万两数超逾近余几上多过达破整每半]$/u.test(t.slice(0, m.index))) continue;
        const a = p.start + m.index;
        out.push({ variant: "missing-amount", ...replace(doc.original, a, a + m[0].length, m[2]!), note: `${m[0]} → ${m[2]}` });
        break;
      }
      for (const m of t.matchAll(RATE)) {
        const a = p.start + m.index;
        out.push({ variant: "missing-rate", ...replace(doc.original, a, a + m[0].length, ` ${m[2]}`), note: `${m[0]} → “ ${m[2]}”` });
        break;
      }
      // The unit's own place name left as a one-letter slot (x镇, X区).
      if (own && own.stem.length >= 2 && !/[A-Za-z×]/u.test(own.stem)) {
        const i = t.indexOf(own.name);
        if (i >= 0 && !insideTitle(t, i) && !/[A-Za-z0-9+]$/u.test(t.slice(0, i))) {
          const a = p.start + i;
          const mark = k++ % 2 ? "x" : "X";
          out.push({ variant: "x+suffix", ...replace(doc.original, a, a + own.stem.length, mark), note: `${own.name} → ${mark}${own.suffix}` });
        }
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// Issue 11 item 5: outdated formulations in their generalised forms

const outdatedForms: DefectClass = {
  id: "outdated-forms",
  title: "quoted 普法 plans, 十九届历次全会 after the 二十大, a county 政府法制办公室, a 纲要 with the wrong period",
  expect: ["outdated-term"],
  sites(doc) {
    const date = doc.profile?.date ?? null;
    const from = doc.profile?.reviewPeriod?.[0] ?? doc.profile?.reportYear ?? null;
    if (!date || from === null) return [];
    const out: Site[] = [];
    for (const p of body(doc)) {
      const t = doc.original.slice(p.start, p.end);
      if (!clean(doc, this.expect, p.start, p.end)) continue;
      // “八五”普法 → “七五”普法 (superseded since 2021-06-10) in a document on 2022 or later.
      if (from >= 2022) {
        for (const m of t.matchAll(/([“"‘「])八五([”"’」])(普法)/gu)) {
          const sentence = sentenceAround(t, m.index);
          if (/总结|验收|收官|回顾|期间|以来|先进|表彰|完成|圆满|结束/u.test(sentence)) continue;
          const a = p.start + m.index;
          out.push({ variant: "quoted-七五普法", ...replace(doc.original, a, a + m[0].length, `${m[1]}七五${m[2]}${m[3]}`), note: `${m[0]} → ${m[1]}七五${m[2]}${m[3]} (document on ${from}–, dated ${date})` });
        }
      }
      // The guiding clause of the 二十大 term written with 十九届历次全会 (stale once the 二十大 met).
      if (date >= "2023-01-01" && from >= 2023) {
        for (const m of t.matchAll(/(?<=贯彻|落实|学习|践行|领会)(?:落实)?党的二十大(?:和二十届[一二三四五六七历次、中]*全会)?精神/gu)) {
          const sentence = sentenceAround(t, m.index);
          // A sentence that names the 二十大 term elsewhere (…，认真落实二十届三中全会部署) reads as current.
          if (/二十大|二十届/u.test(sentence.replace(m[0], ""))) continue;
          const a = p.start + m.index;
          const by = "党的十九大和十九届历次全会精神";
          out.push({ variant: "十九届历次全会", ...replace(doc.original, a, a + m[0].length, by), note: `${m[0]} → ${by} (dated ${date})` });
        }
      }
      // A city, county or district 司法局 written as the pre-2019 政府法制办公室.
      if (from >= 2020) {
        for (const m of t.matchAll(/([市县区])司法局/gu)) {
          // Not in a statement about the reform itself (the check's documented exclusion).
          if (insideTitle(t, m.index) || /前身|更名|改为|组建|整合|划入|并入|撤销|不再保留|机构改革|改革前|挂牌|转隶/u.test(sentenceAround(t, m.index)) || /原/u.test(t.slice(Math.max(0, m.index - 4), m.index))) continue;
          const a = p.start + m.index;
          const by = `${m[1]}政府法制办公室`;
          out.push({ variant: "county-法制办公室", ...replace(doc.original, a, a + m[0].length, by), note: `${m[0]} → ${by} (document on ${from}–)` });
          break;
        }
      }
      // 法治政府建设实施纲要(2021—2025年) with a wrong first year.
      for (const m of t.matchAll(/法治政府建设实施纲要》?\s*[(（]2021(\s*年?\s*[—–\-~～－至]{1,2}\s*2025\s*年?[)）])/gu)) {
        // A province's or city's own 纲要 of the same name has its own period.
        const head = t.slice(Math.max(0, m.index - 12), m.index).split(/[《〈>》〉\s，。；、,;:：“”"]/u).pop() ?? "";
        if (/\p{Script=Han}(?:省|市|县|区|州|盟|旗)$/u.test(head) && !/^(?:全|我|本|该|各)(?:省|市|县|区|州|盟|旗)$/u.test(head)) continue;
        const a = p.start + m.index + m[0].indexOf("2021");
        out.push({ variant: "纲要-period", ...replace(doc.original, a, a + 4, "2020"), note: `法治政府建设实施纲要(2021—2025年) → (2020—2025年)` });
      }
    }
    return out;
  },
};

/** The sentence of `t` around offset `at` (between 。！？ and line ends). */
function sentenceAround(t: string, at: number): string {
  const stop = /[。！？!?\n]/u;
  let s = at;
  while (s > 0 && !stop.test(t[s - 1]!)) s--;
  let e = at;
  while (e < t.length && !stop.test(t[e]!)) e++;
  return t.slice(s, e);
}

// ---------------------------------------------------------------------------------------------
// Issue 11 item 6: a clause written twice

const repeatedClause: DefectClass = {
  id: "repeated-clause",
  title: "a clause (≥ 8 characters) written twice in a row or twice in one sentence",
  expect: ["duplicate-text"],
  sites(doc) {
    const out: Site[] = [];
    let k = 0;
    for (const p of body(doc)) {
      const t = doc.original.slice(p.start, p.end);
      // Not table rows, not notes ([16]…: communiqué notes restate definitions, quiet by design).
      if (!clean(doc, this.expect, p.start, p.end) || /[|｜\t]|\[\d+\]|［\d+］/u.test(t)) continue;
      // Clauses between ， or ； (not 、 list items), of 8–24 written characters, in running text.
      for (const m of t.matchAll(/(?<=[，,；;])([^，,；;。！？、：:\n]{8,24})(?=[，,；;])/gu)) {
        const clause = m[1]!;
        if (clen(clause) < 6 || /[“”《》（）()]/u.test(clause) || insideTitle(t, m.index)) continue;
        const sentence = sentenceAround(t, m.index);
        // The clause must be new to its sentence (no copy already there).
        if (sentence.split(clause).length > 2) continue;
        const a = p.start + m.index + clause.length;
        if (k++ % 2 === 0) {
          // Written twice in a row: ，X，X，
          out.push({ variant: "adjacent", text: doc.original.slice(0, a) + "，" + clause + doc.original.slice(a), span: [a + 1, a + 1 + clause.length], note: `${clause} written twice in a row` });
        } else if (!/\d/u.test(clause)) {
          // Written again at the end of its sentence: …，X。
          const rel = t.slice(m.index).search(/[。！？]/u);
          const endAt = rel < 0 ? -1 : m.index + rel;
          if (endAt < 0 || endAt <= m.index + clause.length + 4) continue;
          const e = p.start + endAt;
          out.push({ variant: "same-sentence", text: doc.original.slice(0, e) + "，" + clause + doc.original.slice(e), span: [e + 1, e + 1 + clause.length], note: `${clause} repeated at the end of its sentence` });
        }
        break;
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// Issue 11 item 7: a sibling town's short name before one of its bodies

const BODIES = ["劳监中队", "司法所", "综合行政执法队", "综治中心", "党工委"];

const neighbourShort: DefectClass = {
  id: "neighbour-short-name",
  title: "a sibling street's or town's short name before one of its bodies (东漖街劳监中队 in 石围塘街道's report)",
  expect: ["entity-consistency"],
  sites(doc, ctx) {
    const own = unitPlace(doc, ctx);
    if (!own || own.level !== 4 || !own.known || !own.parent) return [];
    const siblings: Place[] = ctx.allPlaces.filter((p) => p.level === 4 && p.parent === own.parent && p.stem !== own.stem && p.stem.length >= 2 && !p.stem.includes(own.stem) && !own.stem.includes(p.stem));
    if (!siblings.length) return [];
    const out: Site[] = [];
    let k = 0;
    for (const p of lines(doc)) {
      const t = doc.original.slice(p.start, p.end);
      if (!clean(doc, this.expect, p.start, p.end) || /^——|人民代表大会/u.test(t)) continue;
      // The unit speaking of itself (我街, 我镇, 本街道) at a clause start becomes a sibling's body.
      for (const m of t.matchAll(/(?<=^|[。；;，,\s])(?:我街|我镇|我乡|本街道|本镇)(?!道|区|市|县)/gu)) {
        // A sentence that names the unit itself later on relates the two places (the check's documented silence).
        const rest = t.slice(m.index);
        const stop = rest.search(/[。！？!?\n]/u);
        if ((stop < 0 ? rest : rest.slice(0, stop)).includes(own.stem)) continue;
        const sib = siblings[(k * 5 + t.length) % siblings.length]!;
        const short = k % 2 === 0 ? `${sib.stem}${sib.suffix === "街道" ? "街" : sib.suffix}` : sib.stem;
        const by = short + BODIES[k % BODIES.length]!;
        k++;
        const a = p.start + m.index;
        const r = replace(doc.original, a, a + m[0].length, by);
        out.push({ variant: short === sib.stem ? "stem+body" : "short+body", text: r.text, span: [a, a + short.length], note: `${m[0]} → ${by} (sibling ${sib.name} under ${own.parent})` });
      }
    }
    return out;
  },
};

export const PHRASE_CLASSES: DefectClass[] = [placeholderSlot, outdatedForms, repeatedClause, neighbourShort];

