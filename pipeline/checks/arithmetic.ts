/**
 * @fileoverview Arithmetic consistency of the statistics a report states: totals against their parts,
 * percentages against numerator and denominator, reductions and growth, counts of listed items, and
 * shares of one whole. Every finding carries the computation in `evidence` (`expression`, `expected`,
 * `stated`, `tolerance`) and every operand in `related`.
 *
 * Kinds (a rule picks some with `kinds:`, so each can have its own severity):
 * `sum` (a list that claims to be complete does not add up), `remainder` (a plausible unexplained
 * remainder: seed 002, 68 received, 51 accepted + 10 rejected), `loose` (mismatches whose structure
 * is less certain: 其中 parts exceeding the total, a rate in a sentence with several candidate
 * denominators), `rate`, `change`, `count` (a count after its list, counts.ts, or announced before it and
 * referring back to it, enumerations.ts: these read the whole paragraph and the blocks around it), `shares`,
 * `status` (exclusive case states above the cases received, status.ts) and `points` (percentage points for a
 * level, % for the change of a rate, points.ts and changes.ts).
 *
 * Precision comes before recall: a false arithmetic error destroys a reviewer's trust. Numbers that
 * are names, ordinals, dates, document or phone numbers never become operands (text/arith-numbers.ts),
 * a sentence is silent as soon as any reading of it adds up, and only units of the same kind combine.
 *
 * NOTE: a unit (paragraph) is split into sentences at 。！？; each sentence is read on its own, except for
 * counts announced before their list, which read the paragraph and the blocks after or before it.
 */
import { z } from "zod";
import { defineCheck, type RawFinding } from "./define-check.js";
import type { SegmentedDocument } from "../model/document.js";
import { profileOf } from "../stages/profile.js";
import { findQuantities, type Quantity } from "../text/arith-numbers.js";
import { ARITH_KINDS, type ArithKind, type ArithResult, type Tolerance } from "./arithmetic/types.js";
import { checkSums } from "./arithmetic/sums.js";
import { checkRates } from "./arithmetic/rates.js";
import { checkChanges, checkDeltaGrowth, checkYearOnYear } from "./arithmetic/changes.js";
import { checkCounts } from "./arithmetic/counts.js";
import { checkPopulationShares, checkShares } from "./arithmetic/shares.js";
import { checkPoints } from "./arithmetic/points.js";
import { checkStatusLists } from "./arithmetic/status.js";
import { checkEnumerations } from "./arithmetic/enumerations.js";
import { join } from "node:path";
import { loadTableIdentities, tableRowFindings } from "./arithmetic/tables.js";

export default defineCheck({
  type: "arithmetic",
  description: { zh: "统计数字的算术一致性：总数与分项、比率、增减幅度、列举项数", en: "Arithmetic consistency of statistics: totals and parts, rates, changes, counts of listed items" },
  defaultScope: "paragraph",
  scopes: ["paragraph", "block", "sentence"],
  options: z
    .object({
      /** Kinds this rule reports. */
      kinds: z.array(z.enum(ARITH_KINDS)).min(1).default([...ARITH_KINDS]),
      /** Accept values rounded half-up to the stated precision. */
      rounding: z.boolean().default(true),
      /** Accept values truncated to the stated precision (128.788% written 128.78%). */
      truncation: z.boolean().default(true),
      /** Extra slack for percentages, in percentage points. */
      percentPoints: z.number().min(0).default(0),
    })
    .strict(),
  messages: {
    "sum-mismatch": {
      zh: "分项之和为{{sum}}（{{expression}}），与总数{{total}}不符",
      en: "The parts add up to {{sum}} ({{expression}}), not to the total {{total}}",
    },
    "sum-exceeds": {
      zh: "所列分项之和{{sum}}（{{expression}}）超过总数{{total}}，请核对是否有重复统计",
      en: "The listed parts add up to {{sum}} ({{expression}}), more than the total {{total}}; check for double counting",
    },
    remainder: {
      zh: "总数{{total}}，所列分项合计{{sum}}（{{expression}}），尚有{{diff}}{{unit}}未说明去向",
      en: "Total {{total}}, listed parts {{sum}} ({{expression}}): {{diff}} {{unit}} unaccounted for",
    },
    "total-mismatch": {
      zh: "{{expression}}={{sum}}，与所写合计{{total}}不符",
      en: "{{expression}} = {{sum}}, but the stated total is {{total}}",
    },
    "rate-mismatch": {
      zh: "{{name}}写作{{rate}}，按文中数字计算为{{expression}}≈{{expected}}%",
      en: "{{name}} is given as {{rate}}, but the figures give {{expression}} ≈ {{expected}}%",
    },
    "change-mismatch": {
      zh: "增减幅度写作{{stated}}，按前后数值计算为{{expression}}≈{{expected}}",
      en: "The change is given as {{stated}}, but the values give {{expression}} ≈ {{expected}}",
    },
    "count-mismatch": {
      zh: "写作{{stated}}{{noun}}，但前面列举了{{listed}}项",
      en: "{{stated}} {{noun}} stated, but {{listed}} are listed",
    },
    "status-exceeds": {
      zh: "办理状态互斥（{{states}}），一件只能处于其一：{{expression}}={{sum}}，超过总数{{total}}",
      en: "Case states are exclusive ({{states}}): {{expression}} = {{sum}}, more than the total {{total}}",
    },
    "points-for-level": {
      zh: "“{{subject}}”是浓度或数量，其增减应以百分比表示（{{percent}}），“百分点”只用于比率、比重的变化",
      en: "{{subject}} is a level (an amount or a concentration): its change is a percentage ({{percent}}); percentage points are for rates and shares",
    },
    "percent-for-points": {
      zh: "由{{from}}到{{to}}相差{{points}}个百分点（相对变化{{relative}}%），写作{{stated}}易误解，应写“{{points}}个百分点”",
      en: "From {{from}} to {{to}} is {{points}} percentage points (a relative change of {{relative}}%); {{stated}} should read “{{points}} percentage points”",
    },
    "count-before-list": {
      zh: "写作“{{stated}}”，但随后列举了{{listed}}项（{{items}}）",
      en: "“{{stated}}” is announced, but {{listed}} items follow ({{items}})",
    },
    "count-back-reference": {
      zh: "写作“{{stated}}”，但前面列举了{{listed}}项（{{items}}）",
      en: "“{{stated}}” refers back to {{listed}} listed items ({{items}})",
    },
    "share-mismatch": {
      zh: "占比写作{{share}}，按分项与总数计算为{{expression}}≈{{expected}}%",
      en: "The share is given as {{share}}, but part and total give {{expression}} ≈ {{expected}}%",
    },
    "table-sum-mismatch": {
      zh: "表中“{{label}}”为{{stated}}，各分项之和为{{sum}}（{{expression}}），相差{{diff}}",
      en: "The table's “{{label}}” is {{stated}}, but its parts add up to {{sum}} ({{expression}}), a difference of {{diff}}",
    },
    "table-sum-exceeds": {
      zh: "表中“{{label}}”为{{stated}}，其下所列各项之和{{sum}}（{{expression}}）已超过该数",
      en: "The table's “{{label}}” is {{stated}}, but the rows listed under it add up to more: {{sum}} ({{expression}})",
    },
    "table-share-mismatch": {
      zh: "表中“{{label}}”的{{column}}写作{{stated}}，按{{expression}}计算为{{expected}}%",
      en: "The table gives {{column}} of “{{label}}” as {{stated}}, but {{expression}} ≈ {{expected}}%",
    },
    "table-identity-mismatch": {
      zh: "表中“{{column}}”列不满足“{{identity}}”：{{lhsExpression}}={{lhs}}，而{{rhsExpression}}={{rhs}}",
      en: "Column “{{column}}” breaks “{{identityEn}}”: {{lhsExpression}} = {{lhs}}, but {{rhsExpression}} = {{rhs}}",
    },
    "shares-over": {
      zh: "同一总体的各部分占比之和为{{sum}}%（{{expression}}），超过100%",
      en: "Shares of one whole add up to {{sum}}% ({{expression}}), more than 100%",
    },
  },
  compile(options, env) {
    const tol: Tolerance = { rounding: options.rounding, truncation: options.truncation, percentPoints: options.percentPoints };
    // Identities of mandated tables (政府信息公开年度报告), with their sources: rules/kb/table-identities.yaml.
    return { kinds: new Set<ArithKind>(options.kinds), tol, identities: loadTableIdentities(join(env.builtinRulesDir, "kb", "table-identities.yaml")) };
  },
  run(unit, c, ctx) {
    if (unit.block && (unit.block.kind === "meta" || unit.block.kind === "chrome" || unit.block.kind === "title")) return [];
    // A table row's figures are columns, not a sentence: the table module reads the whole table (docs/tables.md).
    if (unit.block?.table) return tableRowFindings(unit, ctx.doc, c, { tol: c.tol, identities: c.identities }, c.kinds);
    const findings: RawFinding[] = [];
    // A statistical communiqué's 其中 names some parts, often along overlapping dimensions (profile.ts).
    const statistical = profileOf(ctx.doc).genre === "statistical-communique";
    for (const s of sentencesOf(unit.text)) {
      if (ctx.isNoise(unit.start + s.start, unit.start + s.end)) continue;
      const qs = quantitiesOf(ctx.doc, s.text);
      if (qs.length === 0 && !s.text.includes("百分点")) continue;
      const results: ArithResult[] = [];
      if (c.kinds.has("sum") || c.kinds.has("remainder") || c.kinds.has("loose") || c.kinds.has("shares")) results.push(...checkSums(s.text, qs, c.tol, { statistical }));
      if (c.kinds.has("rate") || c.kinds.has("loose")) results.push(...checkRates(s.text, qs, c.tol));
      if (c.kinds.has("change") || c.kinds.has("points")) results.push(...checkChanges(s.text, qs, c.tol));
      if (c.kinds.has("points")) results.push(...checkPoints(s.text));
      if (c.kinds.has("status")) results.push(...checkStatusLists(s.text, qs));
      if (c.kinds.has("loose")) results.push(...checkYearOnYear(s.text, qs, c.tol), ...checkDeltaGrowth(s.text, qs, c.tol));
      if (c.kinds.has("count")) results.push(...checkCounts(s.text, qs));
      if (c.kinds.has("shares")) results.push(...checkShares(s.text, qs));
      if (c.kinds.has("rate")) results.push(...checkPopulationShares(s.text, qs, c.tol));
      for (const r of results) {
        if (!c.kinds.has(r.kind)) continue;
        findings.push({
          span: [s.start + r.span[0], s.start + r.span[1]],
          messageId: r.messageId,
          data: r.data,
          evidence: { kind: r.kind, ...r.evidence, operands: r.operands.map((o) => ({ role: o.label, text: o.q.text.trim(), value: o.q.value, unit: o.q.unit, label: o.q.label })) },
          related: r.operands.map((o) => ({ span: [s.start + o.q.start, s.start + o.q.start + o.q.text.trimEnd().length] as const, label: o.label })),
        });
      }
    }
    // Counts announced before their list (or referring back to it) read past the sentence, so they take
    // the whole paragraph and the blocks around it.
    if (c.kinds.has("count") && (unit.kind === "paragraph" || unit.kind === "block") && unit.block?.kind === "paragraph" && !ctx.isNoise(unit.block.start, unit.block.end)) {
      const off = unit.block.start - unit.start;
      for (const r of checkEnumerations(unit.block, ctx.doc)) {
        const listed = r.items.map((it) => it.text);
        findings.push({
          span: [off + r.span[0], off + r.span[1]],
          messageId: r.form === "back-reference" ? "count-back-reference" : "count-before-list",
          data: { stated: unit.block.text.slice(r.span[0], r.span[1]), listed: r.listed, items: listed.join("、") },
          evidence: { kind: "count", expression: `count(${listed.join("、")})`, expected: r.listed, stated: r.stated, tolerance: 0, items: listed, form: r.form, noun: r.noun },
          related: r.items.map((it) => ({ span: [off + it.span[0], off + it.span[1]] as const, label: "item" })),
        });
      }
    }
    return findings;
  },
});

const quantityCache = new WeakMap<SegmentedDocument, Map<string, readonly Quantity[]>>();

/**
 * findQuantities, memoized per document by sentence text: the arithmetic rules (three in national.yaml)
 * read the same sentences. The checks only read the quantities (readonly), so sharing them is safe.
 */
function quantitiesOf(doc: SegmentedDocument, text: string): readonly Quantity[] {
  let byText = quantityCache.get(doc);
  if (!byText) quantityCache.set(doc, (byText = new Map()));
  let qs = byText.get(text);
  if (!qs) byText.set(text, (qs = findQuantities(text)));
  return qs;
}

/**
 * Sentences of a unit (split after 。！？ and line breaks), with offsets relative to the unit. A
 * sentence that opens with 其中 continues the total of the sentence before (`共办理100件。其中，维持60件…`):
 * the two are read as one, with that 。 read as ，(same length, so offsets stay).
 */
function sentencesOf(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const re = /[^。！？!?\n]+[。！？!?]*/gu;
  for (const m of text.matchAll(re)) {
    const prev = out[out.length - 1];
    if (prev && prev.end === m.index && /^\s*其中/u.test(m[0]) && /\d\s*[件个人项名宗起家户]。$/u.test(prev.text)) {
      prev.text = prev.text.slice(0, -1) + "，" + m[0];
      prev.end = m.index + m[0].length;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}
