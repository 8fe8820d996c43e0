/**
 * @fileoverview Metadata lines of archived report pages: `发布时间:2021-12-13 16:07:17`,
 * `文 号:无 |`, `来源:广州市番禺区人民政府 发布时间:… 阅读次数:-` (several pairs on one line).
 * The key list is data; keys may be written with spaces between their characters (`名 称`).
 */

/** Keys that open or continue a metadata line. Canonical form (no spaces). */
export const META_KEYS: readonly string[] = [
  // dates
  "发布时间",
  "发布日期",
  "发文日期",
  "成文日期",
  "印发日期",
  "生效日期",
  "施行日期",
  "实施日期",
  "更新时间",
  "更新日期",
  "日期",
  "时间",
  // origin
  "信息来源",
  "文章来源",
  "稿件来源",
  "来源",
  "发文机构",
  "发文机关",
  "发布机构",
  "发布单位",
  "发文单位",
  "制发机关",
  "作者",
  // identifiers and classification
  "发文字号",
  "文号",
  "索引号",
  "编号",
  "主题分类",
  "信息分类",
  "体裁分类",
  "组配分类",
  "服务对象分类",
  "主题词",
  "关键词",
  "名称",
  "标题",
  "有效性",
  "公开方式",
  "公开范围",
  "公开时限",
  // page counters that share the line with real metadata
  "阅读次数",
  "浏览次数",
  "点击次数",
  "访问次数",
  "点击数",
  "浏览量",
];

/** Keys whose value is a publication date, best first. */
export const PUBLISHED_DATE_KEYS: readonly string[] = ["发布时间", "发布日期", "成文日期", "印发日期", "发文日期", "日期", "更新时间", "更新日期"];
/** Keys whose value names the issuing unit, best first. */
export const UNIT_KEYS: readonly string[] = ["发文机构", "发文机关", "发布机构", "制发机关", "发布单位", "发文单位"];
/** Keys whose value names the source (a weaker unit hint). */
export const SOURCE_KEYS: readonly string[] = ["信息来源", "来源", "文章来源", "稿件来源"];
/** Keys whose value is the document title. */
export const TITLE_KEYS: readonly string[] = ["名称", "标题"];

// Longest keys first so 信息来源 wins over 来源 and 发布时间 over 时间.
const KEY_SOURCE = [...META_KEYS]
  .sort((a, b) => b.length - a.length)
  .map((k) => Array.from(k).join("[ \\u3000]*"))
  .join("|");
/** A key at the start of a line. */
const LEAD_RE = new RegExp(`^(?:${KEY_SOURCE})[ \\u3000]*[:：]`, "u");
/** Every key followed by a colon, at the line start or after a space, a bar or a digit (`16:07:17阅读次数:`). */
const PAIR_RE = new RegExp(`(?:^|(?<=[ \\u3000|｜\\d]))(${KEY_SOURCE})[ \\u3000]*[:：]`, "gu");

export interface MetaPair {
  key: string;
  value: string;
}

/** Longest line accepted as metadata (longer lines are prose). */
const MAX_META_LINE = 200;

/** True when the (trimmed) line starts with a metadata key and a colon and is not prose. */
export function isMetaLine(line: string): boolean {
  return line.length <= MAX_META_LINE && !line.includes("。") && LEAD_RE.test(line);
}

/**
 * All key/value pairs of a metadata line, or null when the line is not metadata. Values are trimmed
 * and lose the table bars (`|`) some sites put between cells.
 */
export function parseMetaLine(line: string): MetaPair[] | null {
  if (!isMetaLine(line)) return null;
  const pairs: MetaPair[] = [];
  PAIR_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let prev: { key: string; valueStart: number } | null = null;
  while ((m = PAIR_RE.exec(line)) !== null) {
    if (prev) pairs.push({ key: prev.key, value: cleanValue(line.slice(prev.valueStart, m.index)) });
    prev = { key: m[1]!.replace(/[ \u3000]/gu, ""), valueStart: m.index + m[0].length };
  }
  if (prev) pairs.push({ key: prev.key, value: cleanValue(line.slice(prev.valueStart)) });
  return pairs.length ? pairs : null;
}

function cleanValue(v: string): string {
  return v.replace(/[\s|｜]+$/u, "").replace(/^[\s|｜]+/u, "");
}
