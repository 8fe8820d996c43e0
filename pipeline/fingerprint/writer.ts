/**
 * @fileoverview Who wrote a report, for the copy checks: a canonical writer key (the place or body,
 * so that 三亚市人民政府 and `三亚市政府工作报告（2023年…）` are one writer), its level and the genre of the
 * report. Read from the document profile (stages/profile.ts) when it is there; otherwise derived from
 * the unit the run knows and the document's title and opening, which is all a batch without profiles has.
 */
import type { SegmentedDocument } from "../model/document.js";

export type WriterGenre = "law-gov-report" | "gov-work-report" | "info-disclosure-report" | "statistical-communique" | "other";
export type WriterLevel = "national" | "province" | "city" | "county" | "township" | "department";

export interface Writer {
  /** Canonical writer key (example: `三亚市`, `国家统计局`, `国务院`). */
  key: string;
  level: WriterLevel | null;
  genre: WriterGenre;
}

/** The fields of DocumentProfile the copy checks read (structural, so this file does not depend on the profile stage). */
interface ProfileLike {
  genre?: string;
  unit?: string | null;
  level?: string | null;
}

const MUNICIPALITIES = ["北京市", "天津市", "上海市", "重庆市"];
/** The place or body a unit name starts with; the suffix gives its level. */
const PLACE = /^(.{1,12}?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|州|盟|地区|县|区|旗|镇|乡|街道))/u;
const NATIONAL = /^(?:国务院|中华人民共和国国务院|国家统计局|中华人民共和国国家统计局|全国|中央)/u;

/** Canonical key of a unit name or title (`title: 三亚市政府工作报告（…` → `三亚市`). */
export function canonicalWriter(name: string): string {
  let s = name.replace(/^\s*(?:title|unit)\s*[:：]\s*/iu, "").replace(/[\s*#“”"'《》]/gu, "");
  s = s.replace(/^中华人民共和国(?=国务院|国家统计局)/u, "").replace(/^(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年度?/u, "");
  if (/^(?:国务院|全国人民代表大会|政府工作报告)/u.test(s)) return "国务院";
  if (/^国家统计局/u.test(s)) return "国家统计局";
  if (/^全国$/u.test(s)) return "全国";
  // The whole chain of places (广州市番禺区人民政府 → 广州市番禺区, not 广州市).
  let key = "";
  for (let m = PLACE.exec(s); m && !/政府|人民|工作|报告|关于|年/u.test(m[1]!); m = PLACE.exec(s.slice(key.length))) key += m[1]!;
  // 凉山彝族自治州 and 凉山州 are one writer: the short form drops the nationality.
  if (key) return key.replace(/^(.{2,3}?)[\u4e00-\u9fff]{1,8}族自治(州|县|旗)$/u, "$1$2");
  return s.replace(/(?:人民政府|政府工作报告|政府|办公室|办公厅).*$/u, "") || s;
}

/**
 * How running text names a writer: the last place of its key without the level suffix (广州市番禺区 → 番禺,
 * 河北省 → 河北, 广西壮族自治区 → 广西); the whole last place when that would leave one character.
 */
export function shortName(key: string): string {
  const parts = key.match(/.{2,}?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|州|盟|地区|县|区|旗|镇|乡|街道)/gu);
  const last = parts ? parts[parts.length - 1]! : key;
  const short = last.replace(/(?:壮族|回族|维吾尔)?(?:自治区|特别行政区)$|(?:自治)?(?:州|县|旗)$|省$|市$|盟$|地区$|区$|镇$|乡$|街道$/u, "");
  return short.length >= 2 ? short : last;
}

/** Level of a canonical writer key. */
export function writerLevel(key: string): WriterLevel | null {
  if (NATIONAL.test(key)) return "national";
  if (MUNICIPALITIES.includes(key) || /(?:省|自治区|特别行政区)$/u.test(key)) return "province";
  if (/(?:自治州|市|州|盟|地区)$/u.test(key)) return "city";
  if (/(?:县|区|旗)$/u.test(key)) return "county";
  if (/(?:镇|乡|街道)$/u.test(key)) return "township";
  return null;
}

/** Genre from the title and opening, when there is no profile. */
export function genreFromText(head: string): WriterGenre {
  if (/法治政府建设|依法行政(?:工作)?(?:情况|年度)?报告/u.test(head)) return "law-gov-report";
  if (/政府信息公开工作年度报告|政府信息公开年度报告/u.test(head)) return "info-disclosure-report";
  if (/统计公报/u.test(head)) return "statistical-communique";
  if (/政府工作报告|向大会报告工作/u.test(head)) return "gov-work-report";
  return "other";
}

const cache = new WeakMap<SegmentedDocument, Map<string, Writer>>();

/**
 * The writer of a document.
 * @param unit the unit the run knows (index.tsv, derived, else the path)
 */
export function writerOf(doc: SegmentedDocument, unit: string, path: string): Writer {
  let byUnit = cache.get(doc);
  if (!byUnit) cache.set(doc, (byUnit = new Map()));
  const hit = byUnit.get(unit);
  if (hit) return hit;
  const profile = (doc as { profile?: ProfileLike }).profile;
  const head = `${doc.derived.title ?? ""}\n${doc.text.slice(0, 400)}`;
  const genre = (profile?.genre as WriterGenre | undefined) ?? genreFromText(head);
  // The first name that canonicalizes to a known body or place: profile, the run's unit, the title,
  // then the opening lines (`…在四川省第十三届人民代表大会…`, `四川省人民政府省长`, `中华人民共和国国家统计局`).
  const candidates = [profile?.unit, unit && unit !== path ? unit : null, doc.derived.title];
  const opening = doc.text.slice(0, 600);
  const m = /在([\u4e00-\u9fff]{2,15}?)第[一二三四五六七八九十]+届人民代表大会|([\u4e00-\u9fff]{2,15}?)人民政府|(国家统计局|国务院)/u.exec(opening);
  if (m) candidates.push(m[1] ?? m[2] ?? m[3]);
  let key = path;
  for (const [i, c] of candidates.entries()) {
    if (!c) continue;
    const k = canonicalWriter(c);
    // A unit the run was given (index.tsv) stands even when its level is unknown (某某公司); not a metadata key line.
    const given = i === 1 && /[\u4e00-\u9fff]{2}/u.test(k) && !/^\s*\w+\s*[:：]/u.test(c);
    if (writerLevel(k) !== null || given) {
      key = k;
      break;
    }
  }
  const level = (profile?.level as WriterLevel | null | undefined) ?? writerLevel(key);
  const w: Writer = { key, level, genre };
  byUnit.set(unit, w);
  return w;
}

const RANK: Record<WriterLevel, number> = { national: 0, province: 1, city: 2, county: 3, township: 4, department: 5 };

/** True when `a` is a higher level of government than `b` (both known). */
export function higherLevel(a: Writer, b: Writer): boolean {
  return a.level !== null && b.level !== null && a.level !== "department" && RANK[a.level] < RANK[b.level];
}

/**
 * Genres whose reports reuse their own frames year after year by design (统计公报, 政府工作报告, 政府信息公开
 * 年度报告 follow fixed sentence frames): a writer's reports of these genres are not compared with each
 * other. A 法治政府建设年度报告 (or a document of unknown kind) must describe each year anew.
 */
export function reusesOwnFrames(a: Writer, b: Writer): boolean {
  if (a.genre !== b.genre) return true;
  return a.genre === "gov-work-report" || a.genre === "statistical-communique" || a.genre === "info-disclosure-report";
}
