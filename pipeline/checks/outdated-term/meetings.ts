/**
 * @fileoverview Reads citations of CPC congresses and plenary sessions in a sentence: single
 * mentions (`十九届六中全会`, `党的二十大`) and the standard clause
 * `全面贯彻党的十九大和十九届二中、三中、四中全会精神`, and works out which clause a text published on a
 * given date should carry.
 */
import type { Meeting } from "./kb.js";
import { addDays } from "./kb.js";

const CN: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const ORD = "十[六七八九]|二十一?";

/** 十九 → 19, 二十 → 20, 二十一 → 21. */
export function cnOrdinal(s: string): number {
  if (s.startsWith("十")) return 10 + (CN[s[1] ?? ""] ?? 0);
  if (s.startsWith("二十")) return 20 + (CN[s[2] ?? ""] ?? 0);
  return CN[s] ?? 0;
}

/** 19 → 十九, 20 → 二十. */
export function toCnOrdinal(n: number): string {
  const d = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
  if (n < 10) return d[n]!;
  if (n < 20) return `十${d[n - 10]}`;
  return `${d[Math.floor(n / 10)]}十${d[n % 10]}`;
}

export interface MeetingMention {
  congress: number;
  plenum: number;
  start: number;
  end: number;
  text: string;
}

export interface ClauseCitation {
  start: number;
  end: number;
  text: string;
  congress: number;
  /** Plenums listed (empty for a congress-only clause). */
  plenums: number[];
  /** `历次全会`: all plenums so far. */
  all: boolean;
}

const CONGRESS_RE = new RegExp(`(?:党的)?(${ORD})(?:次全国代表)?大(?!学|会堂|厦|楼|道|队|型|量|力|批|类|项|幅)`, "gu");
const PLENUM_LIST_RE = new RegExp(`(${ORD})届((?:[一二三四五六七]中(?:全会)?[、，,和及与]?)+)全会`, "gu");
const CLAUSE_RE = new RegExp(
  `(?:党的)?(${ORD})大(?:精神)?(?:和|及|以及|、)?(?:(?:党的)?(${ORD})届((?:[一二三四五六七]中[、，,和及与]?)+|历次)全会)?精神`,
  "gu",
);

const ALL_PLENUMS_RE = new RegExp(`(?:党的)?(${ORD})届历次全会精神`, "gu");

/** Every congress and plenum mentioned in `text`. */
export function findMeetingMentions(text: string): MeetingMention[] {
  const out: MeetingMention[] = [];
  for (const m of text.matchAll(CONGRESS_RE)) out.push({ congress: cnOrdinal(m[1]!), plenum: 0, start: m.index, end: m.index + m[0].length, text: m[0] });
  for (const m of text.matchAll(PLENUM_LIST_RE)) {
    const congress = cnOrdinal(m[1]!);
    const listStart = m.index + m[1]!.length + 1;
    for (const p of m[2]!.matchAll(/([一二三四五六七])中/gu)) {
      out.push({ congress, plenum: CN[p[1]!]!, start: listStart + p.index, end: listStart + p.index + 2, text: `${m[1]}届${p[0]}全会` });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The standard 全面贯彻…精神 clauses in `text`. */
export function findClauses(text: string): ClauseCitation[] {
  const out: ClauseCitation[] = [];
  for (const m of text.matchAll(CLAUSE_RE)) {
    const congress = cnOrdinal(m[1]!);
    const listCongress = m[2] ? cnOrdinal(m[2]) : congress;
    if (listCongress !== congress) continue;
    const all = m[3] === "历次";
    const plenums = all || !m[3] ? [] : [...m[3].matchAll(/([一二三四五六七])中/gu)].map((p) => CN[p[1]!]!);
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], congress, plenums, all });
  }
  // `深入学习贯彻十九届历次全会精神` without the congress before it.
  for (const m of text.matchAll(ALL_PLENUMS_RE)) {
    if (out.some((c) => c.start <= m.index && m.index < c.end)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], congress: cnOrdinal(m[1]!), plenums: [], all: true });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The latest congress or plenum that closed at least `graceDays` before `date` (一中 and 七中 are
 * organisational and not cited; the plenums marked `npc_prep` are routinely left out of guiding clauses).
 */
export function latestCitable(meetings: readonly Meeting[], date: string, graceDays: number): Meeting | null {
  const limit = addDays(date, -graceDays);
  let best: Meeting | null = null;
  for (const m of meetings) {
    // 一中/七中 (organisational) and the plenums preparing an NPC session are never required in a guiding clause.
    if (m.plenum === 1 || m.plenum === 7 || m.npc_prep) continue;
    if (m.end > limit) continue;
    if (!best || m.end > best.end) best = m;
  }
  return best;
}

/** The clause a text should carry when `latest` is the latest citable meeting. */
export function expectedClause(latest: Meeting): { zh: string; en: string } {
  const c = toCnOrdinal(latest.congress);
  if (latest.plenum === 0) return { zh: `党的${c}大精神`, en: `党的${c}大精神 (the ${latest.congress}th Congress)` };
  const first = latest.congress === 18 ? 3 : 2;
  const list: string[] = [];
  for (let p = first; p <= latest.plenum; p++) list.push(`${toCnOrdinal(p)}中`);
  const zh = `党的${c}大和${c}届${list.join("、")}全会精神（或“${c}届历次全会精神”）`;
  return { zh, en: `${zh} — up to the ${latest.label}` };
}
