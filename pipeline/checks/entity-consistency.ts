/**
 * @fileoverview Issuing-unit consistency:
 * 1. the unit named in the title, the metadata (来源, 发文机构 …) and the signature must be the same
 *    place (区政府 / 区人民政府 / 番禺区 / 东漖街 ↔ 东漖街道办事处 variants agree: places are compared
 *    level by level on their stems, organs are not compared);
 * 2. self-references (我区, 我镇, 我街, 本街道, 我市, 我局 …) must match the unit's level: 我X must be the
 *    unit itself; 本X may also name an enclosing place (本市 in a district report);
 * 3. another place of the same level as the unit (a sibling under the same parent, or any town for a
 *    town whose parent is unknown) named in the body is the trace of a copied report — unless the
 *    sentence says why it is there (合作, 对口帮扶, 联合, 交流, 学习 …) or lists several places.
 *
 * Places come from region files (rules/regions.yaml, rules/kb/places-local.yaml) and, for towns
 * and streets, from the suffix (西联镇, 龙归镇, 东漖街道). Matches must start on a jieba token
 * boundary. Higher-level bodies (省委, 市政府, 广州市) are never "same level", so they are not
 * flagged. Province-level documents are not checked for foreign places by default (`levels`),
 * because provincial reports name other provinces all the time (对口支援, 区域协作).
 * Decisions: docs/checks/entity-consistency.md.
 */
import { z } from "zod";
import type { Block } from "../model/document.js";
import { defineCheck, type CheckContext, type RawFinding } from "./define-check.js";
import { firstTokenEndingAfter, tokenBoundaries } from "../text/term-token-bounds.js";
import { profileOf } from "../stages/profile.js";
import { dataFilePath } from "./data-file.js";
import { loadPlaceIndex, ownPlace, parseUnitName, type Place, type PlaceIndex, type UnitName } from "./entity-consistency/places.js";

const LEVEL_NAMES: Record<number, { zh: string; en: string }> = {
  1: { zh: "省级", en: "province" },
  2: { zh: "市级", en: "city" },
  3: { zh: "县区级", en: "county/district" },
  4: { zh: "乡镇街道级", en: "town/street" },
};

/** Self-reference kind (the character after 我/本) → unit suffixes and organs it may stand for. */
const SELF_KINDS: Record<string, string[]> = {
  省: ["省"],
  区: ["区", "自治区"],
  市: ["市"],
  州: ["州", "自治州"],
  县: ["县", "自治县"],
  旗: ["旗"],
  镇: ["镇"],
  乡: ["乡"],
  街: ["街道", "街"],
  街道: ["街道", "街"],
  局: ["局", "司法局"],
  委: ["委", "委员会", "党委", "党工委"],
  办: ["办公室", "办事处", "办"],
  厅: ["厅", "办公厅"],
};

const SELF_REF = /[我本](街道|省|区|市|州|县|旗|镇|乡|街|局|委|办|厅)/gu;
const META_UNIT = /(来源|发文机构|发布机构|发文单位|发布单位|信息来源|来源单位)\s*[:：]\s*([^\s|｜,，;；]{2,40})/gu;
const TOWN_TOKEN = /^([\u3400-\u9fff]{2,3})(街道|镇|乡)$/u;
const TOWN_STEM_STOP = /^(?:[全各本我该每其他两三四五六七八九十一这那某乡城村集小重名古强]|特色|建制|中心|示范|美丽|宜居|卫生|文明|法治|民主|平安|生态|旅游|工业|商贸|历史|文化|重点|城关|辖区|所在|属地|相关|有关|所属|部分|个别|多个)/u;

interface UnitSource {
  role: "title" | "meta" | "signature" | "profile";
  text: string;
  start: number;
  end: number;
  unit: UnitName;
}

export default defineCheck({
  type: "entity-consistency",
  description: { zh: "发文单位名称、自称与所提地名一致", en: "Issuing unit, self-references and place names agree" },
  defaultScope: "document",
  scopes: ["document"],
  options: z
    .object({
      /** Region files; `./x` relative to the rule file, others to rules/. Missing files are skipped. */
      regionFiles: z.array(z.string().min(1)).default(["regions.yaml", "kb/places-local.yaml"]),
      unitAgreement: z.boolean().default(true),
      selfReference: z.boolean().default(true),
      foreignPlaces: z.boolean().default(true),
      /** Unit levels checked for foreign places (1 province … 4 town). */
      levels: z.array(z.number().int().min(1).max(4)).default([2, 3, 4]),
      /** Words in the sentence that explain why another place is named. */
      contextWords: z
        .array(z.string().min(1))
        .default(["合作", "协作", "对口", "帮扶", "结对", "共建", "联合", "联动", "交流", "考察", "借鉴", "互认", "毗邻", "相邻", "周边", "接壤", "兄弟", "友好", "签约", "协议", "支援", "援建", "携手", "一体化", "同城", "跨区域", "跨区", "跨县", "跨镇", "交界", "挂钩", "派驻", "观摩", "对接", "共享", "会商"]),
      /** Also report a place from the generic town pattern (not in a region file). */
      genericTowns: z.boolean().default(true),
    })
    .strict(),
  messages: {
    unitMismatch: {
      zh: "发文单位不一致：{{role}}中的“{{actual}}”与标题中的“{{expected}}”不是同一{{level}}单位",
      en: "Issuing unit disagrees: “{{actual}}” in the {{roleEn}} is not the same {{levelEn}} unit as “{{expected}}” in the title",
    },
    selfRef: {
      zh: "自称“{{ref}}”与本单位“{{unit}}”不符（本单位应自称{{expected}}）",
      en: "Self-reference “{{ref}}” does not match the issuing unit “{{unit}}” (expected {{expected}})",
    },
    foreignPlace: {
      zh: "出现同级的其他单位“{{place}}”（本单位为“{{unit}}”），疑为套用其他单位报告后未改的名称",
      en: "Another {{levelEn}} unit “{{place}}” is named (the report is by “{{unit}}”): a name left over from a copied report?",
    },
    foreignShortName: {
      zh: "出现同级其他单位的简称“{{short}}”（即“{{place}}”；本单位为“{{unit}}”），疑为套用其他单位报告后未改的名称",
      en: "“{{short}}” is the short name of another {{levelEn}} unit, “{{place}}” (the report is by “{{unit}}”): a name left over from a copied report?",
    },
  },
  compile(options, env) {
    const files = options.regionFiles.map((f, i) => dataFilePath(f, env, ["regionFiles", i]));
    return { ...options, index: cachedIndex(files), levelSet: new Set(options.levels) };
  },
  run(unit, compiled, ctx) {
    const index = compiled.index;
    const sources = unitSources(ctx, index);
    const own = sources.find((s) => s.unit.places.length > 0) ?? profileSource(ctx, index);
    if (!own) return [];
    const ownP = withProfileParent(ownPlace(own.unit)!, ctx, index);
    const out: RawFinding[] = [];
    const rel = (s: number, e: number): [number, number] => [s - unit.start, e - unit.start];

    if (compiled.unitAgreement) {
      for (const s of sources) {
        if (s === own || s.unit.places.length === 0) continue;
        const clash = firstClash(own.unit, s.unit, index);
        if (!clash) continue;
        out.push({
          span: rel(s.start, s.end),
          messageId: "unitMismatch",
          data: { role: ROLE_NAMES[s.role].zh, roleEn: ROLE_NAMES[s.role].en, actual: s.text, expected: own.text, level: LEVEL_NAMES[clash.level]!.zh, levelEn: LEVEL_NAMES[clash.level]!.en },
          evidence: { role: s.role, unit: s.text, titleUnit: own.text, level: clash.level, places: [clash.a, clash.b] },
          ...(own.end > own.start ? { related: [{ span: rel(own.start, own.end), label: own.role }] } : {}),
        });
      }
    }

    const bodyBlocks = ctx.doc.blocks.filter((b) => b.kind === "paragraph" || b.kind === "heading");
    if (compiled.selfReference) {
      const allowed = selfKinds(own.unit, ownP);
      const ancestors = new Set([...own.unit.places.map((p) => p.suffix), ...index.ancestors(ownP).map((p) => p.suffix)]);
      const expected = [...allowedRefs(allowed)].join("、");
      // 我区 may be the autonomous region a city or county lies in: known from the region file, or,
      // when the province is unknown, from the text naming an 自治区 at all.
      const province = index.ancestors(ownP).find((p) => p.level === 1);
      const autonomous = province ? province.suffix === "自治区" : ctx.doc.text.includes("自治区");
      for (const b of bodyBlocks) {
        const bounds = tokenBoundaries(ctx.doc.tokens, b.start, b.end);
        for (const m of b.text.matchAll(SELF_REF)) {
          const start = m.index;
          const end = start + m[0].length;
          if (!bounds.has(start) || !bounds.has(end)) continue;
          if (ctx.isNoise(b.start + start, b.start + end)) continue;
          const kind = m[1]!;
          if (allowed.has(kind)) continue;
          // 我办 is also a verb phrase (“企呼我办”, 你说我办); self-references inside quotation marks are slogans or quoted speech.
          if (m[0] === "我办" || insideQuotes(b.text, start)) continue;
          if (m[0][0] === "本" && (SELF_KINDS[kind] ?? []).some((s) => ancestors.has(s))) continue;
          // A unit speaks of the places it belongs to as its own: 我省 in a city's report, 我市 in a county's.
          if (enclosingRef(kind, ownP.level, province?.suffix, autonomous)) continue;
          out.push({
            span: rel(b.start + start, b.start + end),
            messageId: "selfRef",
            data: { ref: m[0], unit: own.text, expected: expected || "—" },
            evidence: { ref: m[0], unit: own.text, unitLevel: ownP.level, allowed: [...allowed] },
          });
        }
      }
    }

    if (compiled.foreignPlaces && compiled.levelSet.has(ownP.level)) {
      for (const b of bodyBlocks) out.push(...foreignPlaces(b, ownP, own, index, compiled, ctx, rel));
    }
    return out.sort((a, b) => a.span[0] - b.span[0]);
  },
});

const ROLE_NAMES: Record<UnitSource["role"], { zh: string; en: string }> = {
  title: { zh: "标题", en: "title" },
  meta: { zh: "来源信息", en: "metadata" },
  signature: { zh: "落款", en: "signature" },
  profile: { zh: "文档概况", en: "document profile" },
};

const indexCache = new Map<string, PlaceIndex>();
function cachedIndex(files: string[]): PlaceIndex {
  const key = files.join("\u0000");
  let idx = indexCache.get(key);
  if (!idx) indexCache.set(key, (idx = loadPlaceIndex(files)));
  return idx;
}

/** The unit as named in the title, the metadata lines and the signature (absolute offsets). */
function unitSources(ctx: CheckContext, index: PlaceIndex): UnitSource[] {
  const out: UnitSource[] = [];
  const doc = ctx.doc;
  const add = (role: UnitSource["role"], text: string, start: number) => {
    const t = text.trim();
    if (t.length < 2) return;
    const at = start + text.indexOf(t);
    out.push({ role, text: t, start: at, end: at + t.length, unit: parseUnitName(t, index) });
  };
  for (const b of doc.blocks) {
    if (b.kind === "title" || (b.kind === "meta" && /^(名\s*称|标\s*题)/u.test(b.text))) {
      // A leading year (2026年上海市政府工作报告) is not part of the unit.
      const body = (b.kind === "meta" ? b.text.replace(/^(名\s*称|标\s*题)\s*[:：]\s*/u, "") : b.text).replace(/^\s*(?:19|20)\d{2}\s*年度?/u, "");
      const offset = b.start + (b.text.length - body.length);
      const cut = body.search(/关于|对于|(?:19|20)\d{2}|二〇|〇|法治政府|年度|工作报告/u);
      if (cut > 0 && !out.some((s) => s.role === "title")) add("title", body.slice(0, cut), offset);
    }
  }
  for (const b of doc.blocks) {
    if (b.kind !== "meta") continue;
    for (const m of b.text.matchAll(META_UNIT)) add("meta", m[2]!, b.start + m.index + m[0].length - m[2]!.length);
  }
  for (const b of doc.blocks) {
    if (b.kind !== "signature") continue;
    let pos = 0;
    for (const line of b.text.split("\n")) {
      const unitPart = line.replace(/\s*(?:(?:19|20)\d{2}|二〇[〇一二三四五六七八九]{2})\s*年.*$/u, "");
      if (unitPart.trim().length >= 2 && !/^\s*(?:19|20)\d{2}/.test(line)) add("signature", unitPart, b.start + pos);
      pos += line.length + 1;
    }
  }
  return out;
}

/**
 * The unit from the document profile when the title, metadata and signature name none (a Markdown
 * work report whose title sits in front matter: the profile reads it from the delivery line
 * `——2019年1月23日在黄石市第十四届人民代表大会…`). Pointed at the first mention of its place.
 */
function profileSource(ctx: CheckContext, index: PlaceIndex): UnitSource | undefined {
  const name = profileOf(ctx.doc).unit;
  if (!name) return undefined;
  const unit = parseUnitName(name, index);
  const place = ownPlace(unit);
  if (!place) return undefined;
  const at = ctx.doc.text.indexOf(place.name);
  const start = at >= 0 ? at : 0;
  const end = at >= 0 ? at + place.name.length : 0;
  return { role: "profile", text: name, start, end, unit };
}

/**
 * A city the region file does not place (吉林市: only the capital 长春市 is listed under 吉林省) gets
 * the profile's province as its parent, so it is compared with the province's other cities.
 */
function withProfileParent(p: Place, ctx: CheckContext, index: PlaceIndex): Place {
  if (p.parent || p.level !== 2) return p;
  const id = profileOf(ctx.doc).province;
  const name = id ? index.provinceNames.get(id) : undefined;
  const province = name ? index.get(name) : undefined;
  // A municipality's districts are level 2 under the municipality itself (their own list), and a
  // province never parents itself.
  if (!province || province.level !== 1 || province.name === p.name || province.suffix === "市") return p;
  return { ...p, parent: province.name };
}

/** First level at which two units name different places (compared on stems). */
function firstClash(a: UnitName, b: UnitName, index: PlaceIndex): { level: number; a: string; b: string } | null {
  const withAncestors = (u: UnitName) => {
    const m = new Map<number, Place>();
    for (const p of u.places) {
      m.set(p.level, p);
      for (const anc of index.ancestors(p)) if (!m.has(anc.level)) m.set(anc.level, anc);
    }
    return m;
  };
  const ma = withAncestors(a);
  const mb = withAncestors(b);
  for (const [level, pa] of [...ma].sort((x, y) => x[0] - y[0])) {
    const pb = mb.get(level);
    if (pb && pb.stem !== pa.stem) return { level, a: pa.name, b: pb.name };
  }
  return null;
}

/** Kinds of self-reference (the character after 我/本) the unit may use. */
function selfKinds(u: UnitName, own: Place): Set<string> {
  const out = new Set<string>();
  for (const [kind, suffixes] of Object.entries(SELF_KINDS)) {
    if (suffixes.includes(own.suffix)) out.add(kind);
    if (u.organs.some((o) => suffixes.some((s) => o.endsWith(s)))) out.add(kind);
  }
  // A government (人民政府) speaks for its place; 我委/我办 belong to offices and committees only.
  return out;
}

/** Level of the place a self-reference kind names (区 read as a district here; see enclosingRef). */
const KIND_LEVEL: Record<string, number> = { 省: 1, 市: 2, 州: 2, 区: 3, 县: 3, 旗: 3, 镇: 4, 乡: 4, 街: 4, 街道: 4 };

/**
 * True when 我<kind> names a place of a higher level than the unit's (我省 in a city's report, 我市 or
 * 我州 in a county's): a unit may speak of the places it belongs to. 我区 counts as higher only when the
 * unit lies in an autonomous region, 我省 only when it lies in a 省. A lower level (我县 in a city's
 * report, 我市 in a province's) is still reported, and so is any other 我X in a town's report.
 */
function enclosingRef(kind: string, ownLevel: number, provinceSuffix: string | undefined, autonomous: boolean): boolean {
  // Towns and streets stay strict: their reports name the county as 县委/区政府/全区, and 我区/我县 in a
  // town's report is the typical leftover of a county report copied down (seeds README, 001).
  if (ownLevel >= 4) return false;
  if (kind === "区") return ownLevel > 1 && autonomous;
  // A district of a municipality (level 2 like a city) speaks of 我市 = the municipality.
  if (kind === "市" && provinceSuffix === "市") return ownLevel > 1;
  const level = KIND_LEVEL[kind];
  if (level === undefined) return false;
  // 我省 only where the province is a 省 (or unknown): not in an autonomous region or a municipality.
  if (level === 1) return ownLevel > 1 && (provinceSuffix === undefined || provinceSuffix === "省");
  return level < ownLevel;
}

function allowedRefs(kinds: Set<string>): string[] {
  const place = ["省", "区", "市", "州", "县", "旗", "镇", "乡", "街"];
  return [...kinds].filter((k) => place.includes(k)).map((k) => `“我${k}”`);
}

function foreignPlaces(
  b: Block,
  own: Place,
  ownSource: UnitSource,
  index: PlaceIndex,
  compiled: { genericTowns: boolean; contextWords: string[] },
  ctx: CheckContext,
  rel: (s: number, e: number) => [number, number],
): RawFinding[] {
  const bounds = tokenBoundaries(ctx.doc.tokens, b.start, b.end);
  const mentions: { start: number; end: number; place: Place; short?: boolean }[] = index.findKnown(b.text);
  // A sibling town's short name before one of its bodies (东漖街劳监中队 in 石围塘街道's report).
  if (own.level === 4 && own.parent) {
    for (const m of index.findShortTownNames(b.text, own.parent, own.stem)) if (!mentions.some((x) => x.start < m.end && m.start < x.end)) mentions.push({ ...m, short: true });
  }
  if (compiled.genericTowns && own.level === 4) {
    // NOTE: an unknown town counts only when jieba made the whole name one word (龙归镇, 西联镇);
    // 组织+街道, 要求+全镇, 石楼+镇 are not names (石楼镇 is in the region file anyway).
    const tokens = ctx.doc.tokens;
    for (let k = firstTokenEndingAfter(tokens, b.start); k < tokens.length && tokens[k]!.start < b.end; k++) {
      const t = tokens[k]!;
      const m = TOWN_TOKEN.exec(t.word);
      if (!m || TOWN_STEM_STOP.test(m[1]!)) continue;
      const start = t.start - b.start;
      const end = t.end - b.start;
      if (start < 0 || end > b.text.length || mentions.some((x) => x.start < end && start < x.end)) continue;
      const p = index.resolve(t.word);
      if (p) mentions.push({ start, end, place: p });
    }
  }
  const out: RawFinding[] = [];
  for (const mention of mentions) {
    const p = mention.place;
    if (p.level !== own.level || p.stem === own.stem) continue;
    if (p.parent && own.parent && p.parent !== own.parent) continue;
    // Cities and counties are compared with their siblings only: with either parent unknown, a name
    // is as likely a place inside the unit or elsewhere (河东区 of 临沂 vs 天津, 通州区 of 南通 vs 北京).
    if (own.level <= 3 && !(p.parent && own.parent)) continue;
    if (!p.known && !own.known && own.level !== 4) continue;
    if (!bounds.has(mention.start)) continue;
    const absStart = b.start + mention.start;
    const absEnd = b.start + mention.end;
    if (ctx.isNoise(absStart, absEnd)) continue;
    const sentence = ctx.doc.sentences.find((s) => s.start <= absStart && absEnd <= s.end);
    const sText = sentence ? sentence.text : b.text;
    const sStart = sentence ? sentence.start - b.start : 0;
    // The clause around the mention must say why the place is named (与江湾镇联合执法, 对口帮扶XX县).
    const clause = clauseAround(b.text, mention.start, mention.end);
    if (compiled.contextWords.some((w) => clause.includes(w))) continue;
    // The own place in the same clause, or later in the sentence, relates the two (佛山市要…引进
    //龙头项目到云浮): a leftover from a copied report replaces the own name, it does not stand beside
    // it. A sentence that names the own place only in an earlier clause (与推动茂名振兴发展结合起来，
    // …，进一步完善佛山市发展思路) may still hold a leftover.
    if (own.stem.length >= 2 && (clause.includes(own.stem) || sText.slice(Math.max(0, mention.end - sStart)).includes(own.stem))) continue;
    const before = b.text.slice(Math.max(0, mention.start - 1), mention.start);
    const after = b.text.slice(mention.end, mention.end + 1);
    // Where something took place (会议在长春市召开, 赴佛山市考察), not the unit speaking of itself; a
    // leftover names the organs (在佛山市委的领导下).
    if (/[在赴到于至往]/u.test(before) && !/^(?:委|政府|人民政府|人大|政协|党)/u.test(b.text.slice(mention.end))) continue;
    if (/[与同和及、]/u.test(before) || /[、和与及等]/u.test(after)) continue;
    // Several places of this level in one sentence: a list, not a leftover.
    const inSentence = mentions.filter((o) => o.place.level === own.level && o.start >= sStart && o.end <= sStart + sText.length);
    if (new Set(inSentence.map((o) => o.place.stem)).size >= 3) continue;
    out.push({
      span: rel(absStart, absEnd),
      messageId: mention.short ? "foreignShortName" : "foreignPlace",
      data: { place: p.name, short: b.text.slice(mention.start, mention.end), unit: ownSource.text, levelEn: LEVEL_NAMES[own.level]!.en },
      evidence: { place: p.name, level: p.level, unit: ownSource.text, ownPlace: own.name, known: p.known, ...(mention.short ? { shortName: b.text.slice(mention.start, mention.end) } : {}) },
      suggestion: { zh: `核对是否应为“${own.name}”`, en: `Check whether this should be “${own.name}”` },
      ...(ownSource.end > ownSource.start ? { related: [{ span: rel(ownSource.start, ownSource.end), label: ownSource.role }] } : {}),
    });
  }
  return out;
}


/** The clause (between ，；。：、 and their half-width forms) that holds [start, end). */
function clauseAround(text: string, start: number, end: number): string {
  const stop = /[，,；;。：:！？!?\n]/u;
  let s = start;
  while (s > 0 && !stop.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && !stop.test(text[e]!)) e++;
  return text.slice(s, e);
}

/** True when offset `at` lies inside “…” in `text`. */
function insideQuotes(text: string, at: number): boolean {
  let depth = 0;
  for (let i = 0; i < at; i++) {
    if (text[i] === "“") depth++;
    else if (text[i] === "”" && depth > 0) depth--;
  }
  return depth > 0;
}
