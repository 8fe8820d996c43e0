/**
 * @fileoverview The profile stage: SegmentedDocument → SegmentedDocument with `profile`, the facts
 * about the whole document that every check reads instead of re-deriving them:
 *
 * - genre (法治政府建设年度报告 / 政府工作报告 / 政府信息公开年度报告 / 统计公报 / other: news, 解读,
 *   范文, unknown) with the title or line it came from; a page without a usable title may say it in its
 *   opening (`现将…法治政府建设工作情况报告如下`, `一、2019年推进法治政府建设情况`) or split its title
 *   over two lines (read as one for the genre only);
 * - the document's own date with its source, and every candidate. Which wins: a user override, then
 *   the delivery date (`（2019年1月8日在…人民代表大会…上）`, `——2019年1月8日在…`), a date alone on a line
 *   under the title, the signature date, a date in a title known from outside the text (front matter
 *   `title: …（2019年1月8日 市长）`). A web page's posting date (发布时间, HTML metadata, index.tsv) is
 *   never the own date: a review of 2020 reposted in 2023 is still a 2021 document. It is kept as
 *   `postedDate`, an upper bound;
 * - the period reviewed and the year planned (a 政府工作报告 delivered in 2019 reviews 2018, or
 *   2014–2018 in a 换届 report, and plans 2019; a 法治政府 report on 2020 plans 2021; a 统计公报 on
 *   2019 plans nothing). `二〇三五年远景目标` and 五年规划 periods are never the plan year;
 * - the unit, its level and province, from the text (title `…人民政府关于…`, the place in a 政府工作报告
 *   title or in its `在…人民代表大会` subtitle, the signature), never from a metadata key name;
 * - completeness: `（略）`, `（节选）` / `开头部分已省略`, a truncated ending (prose stopping on a word or
 *   inside a figure, also when it opens with a year or an item number; a last sub-heading or bare
 *   marker), a missing body, a very short text — with the evidence.
 *
 * A user can fix any field (DocumentMeta.profile: index.tsv columns, CLI options, front matter).
 * Checks read the profile through `profileOf(doc)`, which computes it when a caller segmented without
 * this stage (unit tests, rule tester).
 *
 * NOTE: evidence offsets are normalized offsets. Chrome and metadata-like lines (`来源:…`, a
 * leftover `title: …` of YAML front matter) are never title, unit or body evidence.
 */
import type { Block, CompletenessIssue, ProfileOverrides, DocumentProfile, Genre, OtherKind, ProfileDate, ProfileEvidence, ProfileSource, SegmentedDocument, UnitLevel } from "../model/document.js";
import { hasSentenceEnd, isDateLine, isUnitLine } from "../text/lines.js";
import { collectYearEvidence, toIsoDate } from "../text/year-evidence.js";
import { findYearMentions, type YearMention } from "../text/year-mentions.js";
import { inferProvince, loadRegions } from "../ruleset/regions.js";

export interface ProfileOptions {
  /** Province id for a unit or place name (the run's RuleSetProvider.provinceOf); default: the built-in regions. */
  provinceOf?(text: string): string | null;
}

/** Adds `profile` to a segmented document (a new object; the input is not changed). */
export function profile(doc: SegmentedDocument, options: ProfileOptions = {}): SegmentedDocument {
  return { ...doc, profile: buildProfile(doc, options) };
}

const GENRE_NAMES: Record<string, { genre: Genre; subKind?: OtherKind }> = {
  "law-gov-report": { genre: "law-gov-report" },
  法治政府建设年度报告: { genre: "law-gov-report" },
  法治政府: { genre: "law-gov-report" },
  "gov-work-report": { genre: "gov-work-report" },
  政府工作报告: { genre: "gov-work-report" },
  "info-disclosure-report": { genre: "info-disclosure-report" },
  政府信息公开年度报告: { genre: "info-disclosure-report" },
  "statistical-communique": { genre: "statistical-communique" },
  统计公报: { genre: "statistical-communique" },
  other: { genre: "other", subKind: "unknown" },
  其他: { genre: "other", subKind: "unknown" },
  news: { genre: "other", subKind: "news" },
  新闻: { genre: "other", subKind: "news" },
  interpretation: { genre: "other", subKind: "interpretation" },
  解读: { genre: "other", subKind: "interpretation" },
  template: { genre: "other", subKind: "template" },
  范文: { genre: "other", subKind: "template" },
};
const LEVELS: Record<string, UnitLevel> = { national: "national", 国家: "national", province: "province", 省: "province", 省级: "province", city: "city", 市: "city", 市级: "city", county: "county", 县: "county", 县级: "county", 区: "county", township: "township", 乡镇: "township", 镇: "township", 街道: "township", department: "department", 部门: "department" };

/** A genre name (`gov-work-report`, `政府工作报告`, `news`, `解读` …) → genre and sub-kind; undefined when unknown. */
export function parseGenre(value: string): { genre: Genre; subKind?: OtherKind } | undefined {
  return GENRE_NAMES[value.trim().toLowerCase()] ?? GENRE_NAMES[value.trim()];
}

/** A level name (`city`, `市级` …) → UnitLevel; undefined when unknown. */
export function parseLevel(value: string): UnitLevel | undefined {
  return LEVELS[value.trim().toLowerCase()] ?? LEVELS[value.trim()];
}

/**
 * Profile overrides from key/value pairs (index.tsv cells, front matter, CLI options). Keys: genre,
 * doc_date (date, delivered), report_year, plan_year, unit, level, province, complete. Unknown values
 * are ignored.
 */
export function overridesFrom(pairs: Record<string, string | undefined>): ProfileOverrides {
  const out: ProfileOverrides = {};
  const get = (...keys: string[]) => {
    for (const [k, v] of Object.entries(pairs)) if (v !== undefined && v.trim() && keys.includes(k.trim().toLowerCase().replace(/-/gu, "_"))) return v.trim();
    return undefined;
  };
  const g = get("genre", "文种", "体裁");
  const pg = g ? parseGenre(g) : undefined;
  if (pg) {
    out.genre = pg.genre;
    if (pg.subKind) out.subKind = pg.subKind;
  }
  const d = get("doc_date", "delivered", "delivery_date", "own_date", "成文日期");
  const iso = d ? toIsoDate(d) : null;
  if (iso) out.date = iso;
  const ry = Number(get("report_year", "reportyear", "报告年度"));
  if (Number.isInteger(ry) && ry > 1949 && ry < 2100) out.reportYear = ry;
  const py = Number(get("plan_year", "planyear", "计划年度"));
  if (Number.isInteger(py) && py > 1949 && py < 2100) out.planYear = py;
  const unit = get("unit", "issuer", "单位", "发文机构");
  if (unit) out.unit = unit;
  const lv = get("level", "层级");
  const pl = lv ? parseLevel(lv) : undefined;
  if (pl) out.level = pl;
  const prov = get("province", "省份");
  if (prov) out.province = prov;
  const c = get("complete", "完整");
  if (c && /^(?:true|yes|1|是|完整)$/iu.test(c)) out.complete = true;
  else if (c && /^(?:false|no|0|否|不完整|节选)$/iu.test(c)) out.complete = false;
  return out;
}

const computed = new WeakMap<SegmentedDocument, DocumentProfile>();

/** The profile of a document: the stage's output, or computed once (memoized) when the stage did not run. */
export function profileOf(doc: SegmentedDocument): DocumentProfile {
  if (doc.profile) return doc.profile;
  let p = computed.get(doc);
  if (!p) computed.set(doc, (p = buildProfile(doc, {})));
  return p;
}

/** How many content lines from the top may hold the title, subtitle, date line and speaker. */
const HEAD_LINES = 10;
/** The opening sentence of a 法治政府 report: `现将(我局)2024年法治政府建设(工作)情况报告如下`. */
const LAW_GOV_OPENING_RE = /现将.{0,24}法治(?:政府)?建设.{0,12}(?:情况|工作|成效)(?:的?报告|汇报)如下/u;
/** The first part of one: `一、2019年推进法治政府建设情况`, `一、2024年度推进法治政府建设的主要举措和成效`. */
const LAW_GOV_PART_RE = /^一[、.．]\s*(?:(?:19|20)\d{2}年度?|上一?年度?|本年度?)?.{0,6}法治政府建设(?:工作)?的?(?:主要举措和成效|主要举措及成效|情况|工作开展情况|主要工作)/u;
/** Shorter texts are `short` (a fragment, not a report). */
const MIN_CHARS = 300;

const GENRE_PATTERNS: { genre: Genre; re: RegExp }[] = [
  { genre: "statistical-communique", re: /统计公报/u },
  { genre: "info-disclosure-report", re: /政府信息公开.{0,8}(?:年度)?(?:工作)?(?:年度)?报告/u },
  { genre: "gov-work-report", re: /政府工作报告|人民政府(?:(?:19|20)\d{2}年)?工作报告/u },
  { genre: "law-gov-report", re: /法治政府建设.{0,16}(?:报告|情况|总结)|依法行政.{0,12}(?:报告|情况|总结)|法治(?:政府)?建设(?:工作)?(?:年度)?(?:报告|总结)/u },
];
const INTERPRETATION_RE = /解读|图解|一图读懂|答记者问|新闻发布会/u;
const TEMPLATE_RE = /范文|模板|模版|参考格式|写作格式|格式范本|示例文本/u;
const NEWS_RE = /[（(]\s*(?:记者|通讯员)\s*[\p{Script=Han}·]{2,4}|本报讯|(?:记者|通讯员)[：:]\s*[\p{Script=Han}·]{2,4}|\d{1,2}月\d{1,2}日(?:电|讯)|^新华社|^(?:人民网|央视网|新华网)[\p{Script=Han}]{0,4}\d{1,2}月\d{1,2}日/u;
/** `（2019年1月8日在…人民代表大会第…次会议上）`, `——2019年1月8日在…`, `2023年1月7日在三亚市第八届人民代表大会…`. */
const DELIVERY_RE = /((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[一二][〇零○一二三四五六七八九]{3}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)\s*在([^。；;]{0,40}?)(?:人民代表大会|代表大会|人大|会议|大会)/u;
/** The place of a 人民代表大会 (`在湖北省第十三届人民代表大会` → 湖北省, `第十二届全国人民代表大会` → 全国). */
const CONGRESS_PLACE_RE = /在([\p{Script=Han}]{1,20}?)(?:第?[一二三四五六七八九十]+届)?(?:人民代表大会|人大)/u;
/** A 政府工作报告 title's place (`2019年杭州市政府工作报告`, `三亚市政府工作报告（…）`, `湖北省人民政府工作报告`). */
const GWR_TITLE_PLACE_RE = /^(?:(?:19|20)\d{2}年(?:度)?)?([\p{Script=Han}]{2,20}?)(?:人民)?政府(?:(?:19|20)\d{2}年)?工作报告/u;
const COMMUNIQUE_PLACE_RE = /^([\p{Script=Han}]{2,20}?)(?:19|20)\d{2}\s*年(?:国民经济和社会发展)?统计公报|^(中华人民共和国)/u;
const TITLE_UNIT_RE = /^(.{2,60}?)(?:关于|对于)/u;
/** A place or body, then the year: `静海区2023年度…`, `广州市公安局海珠区分局2024年…`. */
const TITLE_PLACE_YEAR_RE = /^((?:[\p{Script=Han}（）()]){2,30}?(?:省|市|县|区|州|盟|旗|镇|乡|街道|新区|开发区|局|厅|委员会|分局|办事处|人民政府))(?:关于)?(?:19|20)\d{2}年/u;
/** The year, then a place: `2020年静海区法治政府建设情况报告`. */
const TITLE_YEAR_PLACE_RE = /^(?:19|20)\d{2}年度?((?:[\p{Script=Han}]){2,12}?(?:省|市|县|区|州|盟|旗|镇|乡|街道))(?:法治|依法行政)/u;
/** The end of a unit's name. */
const UNIT_END_RE = /(?:省|市|县|区|州|盟|旗|镇|乡|街道|政府|局|厅|委员会|委|办公室|办事处|所|院|中心|部|署|管委会|分局|公司)$/u;
/** A leftover YAML front-matter or metadata line with an ASCII key (`title: …`): never a title or unit. */
const ASCII_KEY_RE = /^[A-Za-z_][\w-]*\s*:/u;
/** Multi-year reviews of a 换届 report (`过去五年`, `五年来`, `过去六年工作回顾`). */
const MULTI_YEAR_REVIEW_RE = /过去(?:的)?([两三四五六七八])年|([两三四五六七八])年来|本届政府/u;
const CN_COUNT: Record<string, number> = { 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8 };
const OMITTED_RE = /[（(]\s*(?:略|此处略|下略|内容略|以下略|后略)\s*[)）]/u;
const EXCERPT_RE = /[（(]\s*(?:节选|摘要|摘编|摘登|有删节)\s*[)）]|(?:开头|前面|以下|以上|部分)(?:部分|内容)?(?:已|有)?(?:省略|删节)|全文略|正文略/u;

const WRITTEN_KEYS = new Set(["成文日期", "印发日期", "发文日期"]);

function clean(text: string): string {
  // Tolerate leftover emphasis/heading characters and quotes around a title line.
  return text.replace(/^[#*\s>_]+|[*\s_]+$/gu, "").trim();
}

/** Non-chrome, non-meta blocks that are not leftover `key: value` lines. */
function contentBlocks(doc: SegmentedDocument): Block[] {
  return doc.blocks.filter((b) => b.kind !== "chrome" && b.kind !== "meta" && !ASCII_KEY_RE.test(b.text.trim()) && !/^-{3,}$/u.test(b.text.trim()));
}

function buildProfile(doc: SegmentedDocument, options: ProfileOptions): DocumentProfile {
  const meta = doc.normalized.raw.meta;
  // index.tsv unit/province/report_year columns and profile keys of the front matter are the user's word too.
  const ov: ProfileOverrides = {
    ...(meta.unit ? { unit: meta.unit } : {}),
    ...(meta.province ? { province: meta.province } : {}),
    ...(meta.reportYear ? { reportYear: meta.reportYear } : {}),
    ...(meta.frontMatter ? overridesFrom(meta.frontMatter) : {}),
    ...meta.profile,
  };
  const overridden: string[] = [];
  const provinceOf = options.provinceOf ?? ((t: string) => inferProvince(t)?.province ?? null);
  const content = contentBlocks(doc);
  const head = content.slice(0, HEAD_LINES);
  const metaTitle = meta.title ? clean(meta.title) : null;
  const titleBlock = doc.blocks.find((b) => b.kind === "title" && !ASCII_KEY_RE.test(b.text.trim()));
  // Candidate titles: the title block, title-like head lines, the derived title (名称: lines), the external title.
  const titles: ProfileEvidence[] = [];
  const pushTitle = (e: ProfileEvidence) => {
    if (e.text && !titles.some((t) => t.text === e.text)) titles.push(e);
  };
  if (titleBlock) pushTitle({ source: "title", text: clean(titleBlock.text), start: titleBlock.start, end: titleBlock.end });
  for (const b of head) {
    const t = clean(b.text);
    if (t.length >= 4 && t.length <= 80 && !hasSentenceEnd(t) && !b.numbering && b.kind !== "heading" && !/^各位代表/u.test(t)) pushTitle({ source: "title", text: t, start: b.start, end: b.end });
  }
  // A title broken over two lines (`…分局2025年法治政府建设` / `情况工作报告`): the pair, for the genre only
  // (a unit is read from single lines: `湖北省省长` + `王国生` is no unit).
  const joined: ProfileEvidence[] = [];
  for (let i = 0; i + 1 < head.length && i < 4; i++) {
    const [a, b] = [clean(head[i]!.text), clean(head[i + 1]!.text)];
    const titleLike = (t: string, x: Block) => t.length >= 2 && !hasSentenceEnd(t) && !/[，,：:]/u.test(t) && !x.numbering && x.kind !== "heading" && x.kind !== "meta" && !isDateLine(t);
    if (titleLike(a, head[i]!) && titleLike(b, head[i + 1]!) && a.length + b.length <= 60 && b.length <= 12) joined.push({ source: "title", text: a + b, start: head[i]!.start, end: head[i + 1]!.end });
  }
  if (doc.derived.title && !ASCII_KEY_RE.test(doc.derived.title)) pushTitle({ source: "title", text: clean(doc.derived.title) });
  if (metaTitle) pushTitle({ source: "meta-title", text: metaTitle });

  // ---- genre
  let genre: Genre = "other";
  let subKind: OtherKind | undefined;
  let genreEvidence: ProfileEvidence | null = null;
  // A news byline near the top (`本报讯（记者 李明）`, `新华社北京3月5日电`) makes an article about a report, whatever its title names.
  const byline = content.slice(0, 4).find((b) => NEWS_RE.test(b.text));
  if (byline) {
    subKind = "news";
    const m = NEWS_RE.exec(byline.text)!;
    genreEvidence = { source: "body", text: m[0], start: byline.start + m.index, end: byline.start + m.index + m[0].length };
  }
  if (!byline) outer: for (const { genre: g, re } of GENRE_PATTERNS) {
    for (const t of [...titles, ...joined]) {
      if (re.test(t.text) && !INTERPRETATION_RE.test(t.text) && !TEMPLATE_RE.test(t.text)) {
        genre = g;
        genreEvidence = t;
        break outer;
      }
    }
  }
  const delivery = findDelivery(head);
  if (genre === "other" && delivery) {
    genre = "gov-work-report";
    genreEvidence = { source: "delivery", text: delivery.line.text, start: delivery.line.start, end: delivery.line.end };
  }
  if (genre === "other") {
    // The opening of a speech to the congress: `各位代表：现在，我代表…向大会报告…工作`.
    const opening = content.slice(0, HEAD_LINES + 4).find((b) => /向大会报告.{0,6}工作|代表.{0,10}人民政府.{0,4}向大会报告/u.test(b.text));
    if (opening) {
      genre = "gov-work-report";
      genreEvidence = { source: "opening", text: opening.text.slice(0, 60), start: opening.start, end: Math.min(opening.end, opening.start + 60) };
    }
  }
  if (genre === "other" && !byline && !titles.some((x) => INTERPRETATION_RE.test(x.text) || TEMPLATE_RE.test(x.text))) {
    // A page without a usable title (cut off, glued to site chrome, split over two lines) that says what
    // it is: `现将我厅2025年法治政府建设工作情况报告如下`, or opens its first part with
    // `一、2019年推进法治政府建设情况` / `一、2024年法治政府建设的主要举措和成效`.
    const said = content.slice(0, HEAD_LINES + 4).find((b) => LAW_GOV_OPENING_RE.test(b.text) || (b.numbering?.style === "cn-dun" && b.numbering.value === 1 && LAW_GOV_PART_RE.test(b.text)));
    if (said) {
      const m = LAW_GOV_OPENING_RE.exec(said.text) ?? LAW_GOV_PART_RE.exec(said.text)!;
      genre = "law-gov-report";
      genreEvidence = { source: "opening", text: m[0], start: said.start + m.index, end: said.start + m.index + m[0].length };
    }
  }
  if (genre === "other") {
    const t = titles.find((x) => INTERPRETATION_RE.test(x.text)) ?? null;
    const tpl = titles.find((x) => TEMPLATE_RE.test(x.text)) ?? null;
    if (byline) subKind = "news";
    else if (t) [subKind, genreEvidence] = ["interpretation", t];
    else if (tpl) [subKind, genreEvidence] = ["template", tpl];
    else subKind = "unknown";
  }
  if (ov.genre) {
    genre = ov.genre;
    subKind = genre === "other" ? (ov.subKind ?? subKind ?? "unknown") : undefined;
    genreEvidence = { source: "override", text: ov.subKind && ov.genre === "other" ? `${ov.genre}/${ov.subKind}` : ov.genre };
    overridden.push("genre");
  }

  // ---- dates
  const candidates: ProfileDate[] = [];
  const addDate = (source: ProfileSource, iso: string | null, ev: { text: string; start?: number; end?: number }) => {
    if (iso && !candidates.some((c) => c.source === source && c.date === iso)) candidates.push({ source, date: iso, ...ev });
  };
  if (ov.date) addDate("override", toIsoDate(ov.date) ?? ov.date, { text: ov.date });
  if (delivery) addDate("delivery", delivery.date, { text: delivery.text, start: delivery.start, end: delivery.end });
  const titleIdx = head.findIndex((b) => titles.some((t) => t.start === b.start));
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    const t = clean(b.text);
    // A date alone on a line near the top (under the title, or under the issuing body of a 统计公报).
    if (isDateLine(t) && (titleIdx < 0 || i > titleIdx) && i <= (titleIdx < 0 ? 3 : titleIdx + 3)) {
      const off = b.text.indexOf(t);
      addDate("date-line", toIsoDate(t), { text: t, start: b.start + off, end: b.start + off + t.length });
      break;
    }
    // The date closing a cover notice (`…现印发给你们，请认真贯彻执行。` / `2020年7月8日`) dates the
    // document it issues, which follows; it is not at the end, so it is no signature.
    // The issuing body may stand on its own line between the two (`金昌市人民政府` / `2025年6月13日`).
    const p1 = i > 0 ? clean(head[i - 1]!.text) : "";
    const prev = i > 1 && isUnitLine(p1) ? clean(head[i - 2]!.text) : p1;
    if (isDateLine(t) && i > 0 && /(?:执行|落实|实施|办理|遵照|贯彻)[。.]?$/u.test(prev) && /印发|发给|转发/u.test(prev)) {
      const off = b.text.indexOf(t);
      addDate("date-line", toIsoDate(t), { text: t, start: b.start + off, end: b.start + off + t.length });
      break;
    }
  }
  // 成文日期 / 印发日期 lines date the document itself (a 发布时间 line only its posting).
  for (const b of doc.blocks) {
    if (b.kind !== "meta" || !b.meta) continue;
    const pair = (b.meta.pairs ?? [b.meta]).find((p) => WRITTEN_KEYS.has(p.key));
    const iso = pair ? toIsoDate(pair.value) : null;
    if (!pair || !iso) continue;
    const at = b.text.indexOf(pair.value);
    addDate("written", iso, at >= 0 ? { text: pair.value, start: b.start + at, end: b.start + at + pair.value.length } : { text: pair.value });
    break;
  }
  if (doc.derived.signatureDate) {
    const sig = [...doc.blocks].reverse().find((b) => b.kind === "signature" && isDateLike(b.text));
    const m = sig ? lastDate(sig.text) : undefined;
    addDate("signature", toIsoDate(doc.derived.signatureDate), m && sig ? { text: m.text, start: sig.start + m.start, end: sig.start + m.end } : { text: doc.derived.signatureDate });
  }
  for (const t of titles.filter((x) => x.source === "meta-title")) {
    const m = findYearMentions(t.text).find((x) => x.kind === "date");
    if (m) addDate("meta-title", isoOf(m), { text: m.text });
  }
  // Posting dates: 发布时间 lines, then metadata known outside the text.
  // Metadata from outside the text (index.tsv, HTML, front matter) first, as the user gave it.
  const postedLine = postedDateLine(doc);
  const postedMeta = toIsoDate(meta.publishedDate);
  const posted = postedMeta ?? postedLine?.date ?? null;
  if (postedMeta) addDate("metadata", postedMeta, { text: meta.publishedDate! });
  if (postedLine) addDate("published", postedLine.date, postedLine);
  const own = candidates.find((c) => c.source !== "published" && c.source !== "metadata" && c.source !== "index") ?? null;
  if (ov.date) overridden.push("date");

  // ---- review period, report year, plan year
  const verdict = collectYearEvidence(doc);
  const ownYear = own ? Number(own.date.slice(0, 4)) : null;
  let reviewPeriod: [number, number] | null = null;
  let reportYear: number | null = null;
  let reportYearSource: ProfileSource | null = null;
  let planYear: number | null = null;
  const titleYearOf = (re: RegExp) => {
    for (const t of titles) {
      if (!re.test(t.text)) continue;
      const m = findYearMentions(t.text).find((x) => !x.inTitle && (x.kind === "year" || x.kind === "fiscal"));
      if (m) return { year: m.year, fiscal: m.kind === "fiscal" || /年度/u.test(t.text), t };
    }
    return null;
  };
  if (genre === "gov-work-report") {
    // Delivered in year D: reviews D−1 (or the five years before D in a 换届 report) and plans D.
    const ty = titleYearOf(/政府(?:(?:19|20)\d{2}年)?工作报告/u);
    const heading = reviewHeadingYear(doc);
    let d: number | null = ownYear;
    let src: ProfileSource | null = own?.source ?? null;
    if (d === null && ty && !ty.fiscal) [d, src] = [ty.year, ty.t.source];
    if (d === null && heading !== null) [d, src] = [heading + 1, "heading"];
    if (d === null && verdict.reportYear !== null) [d, src] = [verdict.reportYear + 1, "body"];
    if (d !== null) {
      // Most congresses meet in January–March of D and review D−1; some cities meet in November or
      // December of the year they review (岳阳 2023-12-31 reviews 2023, plans 2024). A review heading
      // of D−1 or D (`一、2023年工作回顾`) settles it.
      let review = d - 1;
      if (heading !== null && (heading === d || heading === d - 1)) review = heading;
      else if (own && own.source !== "override" && Number(own.date.slice(5, 7)) >= 11) review = d;
      reportYear = review;
      reportYearSource = src;
      planYear = review + 1;
      // The first multi-year review phrase in a heading or short line near the top: its length in years.
      let years = 1;
      for (const b of content.slice(0, 40)) {
        if (b.kind !== "heading" && b.text.length >= 40) continue;
        const m = MULTI_YEAR_REVIEW_RE.exec(b.text);
        if (m) {
          years = m[1] || m[2] ? CN_COUNT[(m[1] ?? m[2])!]! : 5;
          break;
        }
      }
      reviewPeriod = [review - years + 1, review];
    }
  } else if (genre === "statistical-communique" || genre === "info-disclosure-report") {
    const ty = titleYearOf(genre === "statistical-communique" ? /统计公报/u : /政府信息公开/u);
    if (ty) [reportYear, reportYearSource] = [ty.year, ty.t.source];
    else if (ownYear !== null) [reportYear, reportYearSource] = [ownYear - 1, own!.source];
    if (reportYear !== null) reviewPeriod = [reportYear, reportYear];
  } else {
    const y = verdict.bodyYear ?? verdict.reportYear;
    if (y !== null) [reportYear, reportYearSource] = [y, verdict.bodyYear !== null ? "body" : "title"];
    else if (ownYear !== null) [reportYear, reportYearSource] = [ownYear - 1, own!.source];
    if (reportYear !== null) {
      reviewPeriod = [reportYear, reportYear];
      // A report on year Y plans Y+1 when it has a plan section.
      if (genre === "law-gov-report" || verdict.planBlocks.size > 0) planYear = reportYear + 1;
    }
  }
  if (reportYear === null && meta.collectionYear) {
    // The archive's year, meaning unknown: a 政府工作报告 file year is its delivery year.
    reportYear = genre === "gov-work-report" ? meta.collectionYear - 1 : meta.collectionYear;
    reportYearSource = "index";
    reviewPeriod = [reportYear, reportYear];
    if (genre === "gov-work-report") planYear = meta.collectionYear;
  }
  if (ov.reportYear !== undefined) {
    reportYear = ov.reportYear;
    reportYearSource = "override";
    reviewPeriod = reviewPeriod && reviewPeriod[1] !== ov.reportYear ? [ov.reportYear - (reviewPeriod[1] - reviewPeriod[0]), ov.reportYear] : (reviewPeriod ?? [ov.reportYear, ov.reportYear]);
    if (genre !== "statistical-communique" && genre !== "info-disclosure-report") planYear = ov.reportYear + 1;
    overridden.push("reportYear");
  }
  if (ov.planYear !== undefined) {
    planYear = ov.planYear;
    overridden.push("planYear");
  }

  // ---- unit, level, province
  let unit: string | null = null;
  let unitSource: ProfileSource | null = null;
  let level: UnitLevel | null = null;
  if (genre === "gov-work-report") {
    const place = congressPlace(head) ?? gwrTitlePlace(titles) ?? speakerProvince(doc, content);
    if (place) {
      if (place.name === "全国" || place.name === "国务院" || place.name === "中华人民共和国") [unit, level] = ["国务院", "national"];
      else unit = /人民政府$/u.test(place.name) ? place.name : `${place.name.replace(/政府$/u, "")}人民政府`;
      unitSource = place.source;
    }
  } else if (genre === "statistical-communique") {
    for (const t of titles) {
      const m = COMMUNIQUE_PLACE_RE.exec(t.text);
      if (!m) continue;
      if (m[2] || m[1] === "全国" || m[1] === "中华人民共和国") [unit, level] = ["国家统计局", "national"];
      else unit = `${m[1]}统计局`;
      unitSource = t.source;
      break;
    }
  }
  if (unit === null) {
    for (const t of titles) {
      const m = TITLE_UNIT_RE.exec(t.text);
      // A title in a table row (`标 题 | 金昌市人民政府关于…`): the unit is in the last cell.
      // A label before it (`【文字解读】《…`) is no part of the name either.
      const name = m ? m[1]!.split(/[|｜]/u).pop()!.trim().replace(/^(?:【[^】]{1,10}】|\[[^\]]{1,10}\])?\s*[《〈“"]?/u, "") : "";
      if (m && name.length >= 2 && !/^\d/u.test(name)) {
        [unit, unitSource] = [name, t.source];
        break;
      }
    }
  }
  // The unit a report names in its title before or after the year (`静海区2023年度法治政府建设情况报告`,
  // `2020年静海区法治政府建设情况报告`) is what it reports on; a 来源 / 发布机构 line names the body that
  // posted it (a 司法局 posts the 区政府's report).
  if (unit === null && genre !== "other") {
    for (const t of titles) {
      const m = TITLE_PLACE_YEAR_RE.exec(t.text) ?? TITLE_YEAR_PLACE_RE.exec(t.text);
      if (m) {
        [unit, unitSource] = [m[1]!, t.source];
        break;
      }
    }
  }
  // A derived unit must look like one (`关于` left of a year is none).
  if (unit === null && doc.derived.unit && !ASCII_KEY_RE.test(doc.derived.unit) && UNIT_END_RE.test(doc.derived.unit)) [unit, unitSource] = [doc.derived.unit, "signature"];
  if (unit === null && meta.unit) [unit, unitSource] = [meta.unit, "index"];
  if (ov.unit) {
    [unit, unitSource] = [ov.unit, "override"];
    overridden.push("unit");
  }
  if (level === null && unit) level = levelOf(unit);
  if (ov.level) {
    level = ov.level;
    overridden.push("level");
  }
  let province: string | null = null;
  if (level !== "national") province = (meta.province ? provinceOf(meta.province) : null) ?? (unit ? provinceOf(unit) : null) ?? (titles[0] ? provinceOf(titles[0].text) : null);
  if (ov.province) {
    province = provinceOf(ov.province) ?? ov.province;
    overridden.push("province");
  }

  // ---- completeness
  const completeness = findCompleteness(doc, content, genre);
  let complete = completeness.length === 0;
  if (ov.complete !== undefined) {
    complete = ov.complete;
    overridden.push("complete");
  }

  return {
    genre,
    ...(subKind ? { subKind } : {}),
    genreEvidence,
    date: own?.date ?? null,
    dateSource: own?.source ?? null,
    dateCandidates: candidates,
    postedDate: posted,
    reviewPeriod,
    reportYear,
    reportYearSource,
    planYear,
    unit,
    unitSource,
    level,
    province,
    complete,
    completeness,
    overridden,
  };
}

function isoOf(m: YearMention): string {
  return `${m.year}-${String(m.month ?? 1).padStart(2, "0")}-${String(m.day ?? 1).padStart(2, "0")}`;
}

function isDateLike(text: string): boolean {
  return findYearMentions(text).some((m) => m.kind === "date");
}

function lastDate(text: string): YearMention | undefined {
  return [...findYearMentions(text)].reverse().find((m) => m.kind === "date");
}

const POSTED_KEYS = ["发布时间", "发布日期", "更新时间", "更新日期", "日期", "时间"];

/** The first 发布时间-like metadata line (a web page's posting date). */
function postedDateLine(doc: SegmentedDocument): ProfileDate | null {
  for (const key of POSTED_KEYS) {
    for (const b of doc.blocks) {
      if (b.kind !== "meta" || !b.meta) continue;
      const pair = (b.meta.pairs ?? [b.meta]).find((p) => p.key === key);
      const iso = pair ? toIsoDate(pair.value) : null;
      if (!pair || !iso) continue;
      const at = b.text.indexOf(pair.value);
      return { source: "published", date: iso, text: pair.value, ...(at >= 0 ? { start: b.start + at, end: b.start + at + pair.value.length } : {}) };
    }
  }
  return null;
}

interface Delivery {
  date: string;
  text: string;
  start: number;
  end: number;
  line: Block;
}

/** `——2019年1月8日在…人民代表大会第…次会议上` in the head of the text. */
function findDelivery(head: Block[]): Delivery | null {
  for (const b of head) {
    const m = DELIVERY_RE.exec(b.text);
    if (!m) continue;
    const dm = findYearMentions(m[1]!).find((x) => x.kind === "date");
    if (!dm) continue;
    return { date: isoOf(dm), text: m[1]!, start: b.start + m.index, end: b.start + m.index + m[1]!.length, line: b };
  }
  return null;
}

function congressPlace(head: Block[]): { name: string; source: ProfileSource } | null {
  for (const b of head) {
    // PDF and web copies break the subtitle with spaces (`在海南省第六届  人民代表大会`).
    const m = CONGRESS_PLACE_RE.exec(b.text.replace(/\s+/gu, ""));
    if (!m) continue;
    const name = m[1]!.replace(/^(?:中华人民共和国)?/u, "");
    if (/全国/u.test(name)) return { name: "全国", source: "delivery" };
    // `在州第十五届…`: the level word alone names no place.
    if (name.length < 2 || /^[省市州县区盟旗]$/u.test(name)) continue;
    return { name, source: "delivery" };
  }
  return null;
}

function gwrTitlePlace(titles: ProfileEvidence[]): { name: string; source: ProfileSource } | null {
  for (const t of titles) {
    const m = GWR_TITLE_PLACE_RE.exec(t.text.replace(/\s+/gu, ""));
    if (!m) continue;
    const name = m[1]!;
    // `省政府工作报告` / `市政府工作报告` name no place.
    if (/^[省市州县区]$/u.test(name) || name.length < 2) continue;
    return { name, source: t.source };
  }
  return null;
}

/**
 * A provincial 政府工作报告 whose title and subtitle name no place (`政府工作报告`, `——在第…次会议上`):
 * the speaker says `我代表省人民政府` and the province is the one the text names far more often than
 * any other (at least 5 times and 3× the next).
 */
function speakerProvince(doc: SegmentedDocument, content: Block[]): { name: string; source: ProfileSource } | null {
  const opening = content.slice(0, HEAD_LINES + 4).find((b) => /我代表[\p{Script=Han}]{0,10}?(?:省|自治区|市)人民政府/u.test(b.text));
  if (!opening) return null;
  // `我代表浙江省人民政府` names it.
  const named = /我代表([\p{Script=Han}]{2,12}?)人民政府/u.exec(opening.text);
  if (named) return { name: named[1]!, source: "opening" };
  const provincial = /我代表(?:省|自治区)人民政府/u.test(opening.text);
  const counts: { name: string; n: number }[] = [];
  for (const p of loadRegions().provinces) {
    if (!provincial && !p.municipality) continue;
    let n = 0;
    for (let i = doc.text.indexOf(p.short); i >= 0; i = doc.text.indexOf(p.short, i + p.short.length)) n++;
    counts.push({ name: p.name, n });
  }
  counts.sort((a, b) => b.n - a.n);
  const [top, next] = counts;
  if (!top || top.n < 5 || (next && top.n < 3 * next.n)) return null;
  return { name: top.name, source: "body" };
}

const MUNICIPALITIES = /^(?:北京|上海|天津|重庆)市/u;

/** Administrative level from a unit name. */
export function levelOf(unit: string): UnitLevel | null {
  // `高新区（新市区）人民政府`: the name in brackets is the same unit's other name.
  const u = unit.replace(/\s+/gu, "").replace(/[(（][^()（）]{1,12}[)）]/gu, "");
  if (/^国务院$|^国家|^中华人民共和国|^全国|部$/u.test(u) && !/[省市县区]/u.test(u.slice(0, 4))) return "national";
  if (/(?:局|厅|委员会|办公室|中心|委)$/u.test(u) && !/人民政府$/u.test(u)) return "department";
  if (/(?:街道办事处|街道|镇|乡)(?:人民政府|政府)?$/u.test(u)) return "township";
  const place = u.replace(/(?:人民政府|政府)$/u, "");
  if (MUNICIPALITIES.test(place) && /^(?:北京|上海|天津|重庆)市$/u.test(place)) return "province";
  if (/(?:省|自治区)$/u.test(place)) return "province";
  if (/(?:县|区|旗|县级市)$/u.test(place) && !/(?:自治区|地区)$/u.test(place)) return "county";
  if (/(?:市|州|盟|地区)$/u.test(place)) return "city";
  return null;
}

/** The year of the first `一、2018年工作回顾` heading. */
function reviewHeadingYear(doc: SegmentedDocument): number | null {
  for (const b of doc.blocks) {
    if (b.kind !== "heading" && !(b.numbering && b.text.length < 40)) continue;
    if (!/回顾|成绩|工作/u.test(b.text)) continue;
    const m = findYearMentions(b.text).find((x) => !x.inTitle && (x.kind === "year" || x.kind === "fiscal"));
    if (m && /回顾/u.test(b.text)) return m.year;
  }
  return null;
}

function findCompleteness(doc: SegmentedDocument, content: Block[], genre: Genre): DocumentProfile["completeness"] {
  const out: DocumentProfile["completeness"] = [];
  const add = (issue: CompletenessIssue, b: Block | null, m?: RegExpExecArray | null) => {
    if (out.some((o) => o.issue === issue)) return;
    if (b && m) out.push({ issue, text: m[0], start: b.start + m.index, end: b.start + m.index + m[0].length });
    else if (b) out.push({ issue, text: b.text.slice(-30), start: Math.max(b.start, b.end - 30), end: b.end });
    else out.push({ issue, text: "" });
  };
  for (const b of content) {
    const om = OMITTED_RE.exec(b.text);
    if (om) add("omitted", b, om);
    const ex = EXCERPT_RE.exec(b.text);
    if (ex) add("excerpt", b, ex);
  }
  const prose = content.filter((b) => b.kind === "paragraph" && b.text.length >= 30);
  const chars = content.reduce((s, b) => s + b.text.length, 0);
  if (prose.length === 0) add("no-body", null);
  else if (chars < MIN_CHARS) add("short", null);
  // A truncated ending: the last prose line stops mid-sentence (no 。！？…, not a table row, a note or a list).
  const last = [...content].reverse().find((b) => b.kind !== "signature");
  // A numbered item label (`三是加强法治队伍建设`) may end without a full stop; running prose (with clause punctuation) may not.
  if (last && last.kind === "paragraph" && last.text.length >= 30 && genre !== "statistical-communique") {
    const t = last.text.replace(/[\s*_]+$/u, "");
    const prose = !last.numbering || /[，。；,;]/u.test(t.slice(last.numbering.end - last.start));
    // A list/table/footnote line opens with a mark or a bare figure; prose may open with a year
    // (`2024年以来，…`) or an item number (`3.推行…`, `2、…`) and still be cut mid-sentence.
    const listLike = /^(?:[-|•·\[［]|\d(?!\d*(?:年|月|[.．、](?!\d))))/u.test(t);
    // Cut inside a figure (`申请材料525`): running prose whose last clause is words then digits, no label (`电话：`).
    const lastClause = t.slice(Math.max(t.lastIndexOf("，"), t.lastIndexOf(","), t.lastIndexOf("。"), t.lastIndexOf("；")) + 1);
    const cutInFigure = /[，,]/u.test(t) && /\p{Script=Han}[\d.]+$/u.test(t) && !/[:：]/u.test(lastClause);
    if (prose && (/[\p{Script=Han}，、,；;：:]$/u.test(t) || cutInFigure) && !listLike && !isUnitLine(t)) add("truncated", last);
  }
  // A short last line is cut too when it is running prose (a sentence ended inside it, or an item with
  // clause punctuation) stopping on a word; closing formulas (`以上报告，请予审议`) and labelled lines are not.
  else if (last && last.kind === "paragraph" && last.text.length >= 12 && prose.length > 0 && genre !== "statistical-communique") {
    const t = last.text.replace(/[\s*_]+$/u, "");
    const running = /[。；;]./u.test(t) || (last.numbering?.style === "cn-shi" && /[，,]/u.test(t));
    if (running && /[\p{Script=Han}，、,；;]$/u.test(t) && !/[:：]/u.test(t) && !/请予?审议|特此|此件|公开发布|如下$/u.test(t) && !isUnitLine(t) && !isDateLine(t)) add("truncated", last);
  }
  // A text that ends on a heading (`（二）`, `二、存在的问题`) with body text before it was cut off after the heading.
  if (last && last !== content[0] && isBareHeading(last) && prose.length > 0 && genre !== "statistical-communique") add("truncated", last);
  return out;
}

/**
 * A last line that opens a part the text never gives: a bare marker (`（二）`) or a sub-heading
 * (`（二）加强…`, `2.…`). A last top-level part with a title (`五、其他需要报告的情况`) may be
 * empty in a complete report, so it is not a cut.
 */
function isBareHeading(b: Block): boolean {
  if (hasSentenceEnd(b.text) || b.text.length > 40 || !b.numbering) return false;
  if (b.kind !== "heading" && b.kind !== "paragraph") return false;
  const rest = b.text.slice(b.numbering.end - b.start).trim();
  return rest === "" || b.numbering.style === "cn-paren" || b.numbering.style === "arabic-dot" || b.numbering.style === "arabic-paren";
}
