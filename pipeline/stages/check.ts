/**
 * @fileoverview The check stage: runs every enabled rule of the resolved rule set on a segmented
 * document. This is the ONLY place that stamps rule ids and severities onto findings, turns
 * unit-relative normalized spans into absolute original offsets, and computes line/column.
 */
import type { SegmentedDocument } from "../model/document.js";
import type { Finding, InputError, Lang, RelatedLocation } from "../model/finding.js";
import { LineIndex } from "../model/offset-map.js";
import { interpolate, type CheckContext, type CheckUnit, type Message, type RawFinding, type RawRelated, type UnitKind } from "../checks/define-check.js";
import type { ResolvedRule, ResolvedRuleSet } from "../ruleset/types.js";

export interface CheckOptions {
  lang: Lang;
}

export interface CheckStageResult {
  findings: Finding[];
  /** A rule that crashed on this document (the other rules still ran). */
  errors: InputError[];
}

/**
 * Runs the rule set on one document.
 * @returns findings sorted by position, plus one error per crashed rule.
 */
export function runChecks(doc: SegmentedDocument, ruleset: ResolvedRuleSet, options: CheckOptions): CheckStageResult {
  const ctx = createContext(doc, options.lang);
  const lines = new LineIndex(doc.normalized.raw.original);
  const findings: Finding[] = [];
  const errors: InputError[] = [];
  const unitCache = new Map<UnitKind, CheckUnit[]>();
  for (const rule of ruleset.rules) {
    let units = unitCache.get(rule.scope);
    if (!units) unitCache.set(rule.scope, (units = unitsOf(doc, rule.scope)));
    try {
      for (const unit of units) {
        for (const raw of rule.check.run(unit, rule.compiled, ctx)) {
          findings.push(stampFinding(raw, unit, rule, doc, lines, options.lang));
        }
      }
    } catch (e) {
      errors.push({
        path: doc.normalized.raw.path,
        code: "E_CHECK",
        message: `rule ${rule.id} (${rule.type}) failed: ${(e as Error).message}`,
      });
    }
  }
  return { findings: dedupeAndSort(mergeTerminology(findings)), errors };
}

/** Check types that replace a word: one wording problem should reach the reviewer once. */
const TERMINOLOGY = new Set(["term", "outdated-term"]);
const SEVERITY_RANK: Record<string, number> = { info: 0, warning: 1, error: 2 };

/**
 * A word reported by two terminology rules (法制 by `term` inside 法制宣传教育 by `outdated-term`)
 * is one problem: keep the finding of higher severity; on equal severity the longer span (the whole
 * phrase); on the same span the `outdated-term` one (it says since when). The kept finding names the
 * dropped rule in `evidence.alsoReportedBy`. Checks stay pure: only this stage sees both.
 */
export function mergeTerminology(findings: Finding[]): Finding[] {
  const terms = findings.filter((f) => TERMINOLOGY.has(f.check));
  if (terms.length < 2) return findings;
  const beats = (g: Finding, f: Finding): boolean => {
    const sg = SEVERITY_RANK[g.severity] ?? 0;
    const sf = SEVERITY_RANK[f.severity] ?? 0;
    if (sg !== sf) return sg > sf;
    const lg = g.end - g.start;
    const lf = f.end - f.start;
    if (lg !== lf) return lg > lf;
    return g.check === "outdated-term" && f.check !== "outdated-term";
  };
  const dropped = new Set<Finding>();
  for (const f of terms) {
    const winner = terms.find(
      (g) => g !== f && g.ruleId !== f.ruleId && !dropped.has(g) && ((g.start <= f.start && f.end <= g.end) || (f.start <= g.start && g.end <= f.end)) && beats(g, f),
    );
    if (!winner) continue;
    dropped.add(f);
    const also = (winner.evidence.alsoReportedBy as string[] | undefined) ?? [];
    winner.evidence = { ...winner.evidence, alsoReportedBy: [...also, f.ruleId] };
  }
  return dropped.size ? findings.filter((f) => !dropped.has(f)) : findings;
}

function createContext(doc: SegmentedDocument, lang: Lang): CheckContext {
  const noise = doc.normalized.noise;
  return {
    doc,
    lang,
    isNoise(start, end) {
      // Noise spans are sorted and disjoint: binary search for the first that ends after `start`.
      let lo = 0;
      let hi = noise.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (noise[mid]!.end <= start) lo = mid + 1;
        else hi = mid;
      }
      const n = noise[lo];
      return n !== undefined && n.start < end;
    },
  };
}

/** The units a rule of the given scope runs on. Chrome blocks are never given to checks. */
export function unitsOf(doc: SegmentedDocument, scope: UnitKind): CheckUnit[] {
  switch (scope) {
    case "document":
      return [{ kind: "document", index: 0, start: 0, end: doc.text.length, text: doc.text }];
    case "block":
    case "paragraph":
    case "heading":
      return doc.blocks
        .filter((b) => b.kind !== "chrome" && (scope === "block" || b.kind === scope))
        .map((b) => ({ kind: scope, index: b.index, start: b.start, end: b.end, text: b.text, block: b }));
    case "sentence":
      return doc.sentences
        .filter((s) => doc.blocks[s.blockIndex]?.kind !== "chrome")
        .map((s) => ({ kind: "sentence", index: s.index, start: s.start, end: s.end, text: s.text, sentence: s, block: doc.blocks[s.blockIndex] }));
  }
}

export function stampFinding(raw: RawFinding, unit: CheckUnit, rule: ResolvedRule, doc: SegmentedDocument, lines: LineIndex, lang: Lang): Finding {
  const original = doc.normalized.raw.original;
  const map = doc.normalized.map;
  const [start, end] = map.toOriginal(unit.start + raw.span[0], unit.start + raw.span[1]);
  const point = lines.toPoint(start);
  const related = raw.related?.map((r) => stampRelated(r, unit, doc));
  const data: Record<string, string | number> = { ...raw.data };
  if (related?.[0] && related[0].path === undefined) data.relatedLine ??= lines.toPoint(related[0].start).line;
  const template = pickMessage(rule, raw.messageId);
  const finding: Finding = {
    ruleId: rule.id,
    check: rule.type,
    severity: rule.severity,
    start,
    end,
    line: point.line,
    column: point.column,
    text: original.slice(start, end),
    message: interpolate(template[lang], data),
    evidence: raw.evidence ?? {},
  };
  if (raw.suggestion !== undefined) finding.suggestion = typeof raw.suggestion === "string" ? raw.suggestion : raw.suggestion[lang];
  if (related) finding.related = related;
  if (raw.fix) {
    const [fixStart, fixEnd] = raw.fix.span[0] === raw.fix.span[1] ? insertionPoint(unit.start + raw.fix.span[0], doc) : map.toOriginal(unit.start + raw.fix.span[0], unit.start + raw.fix.span[1]);
    const fix = minimalEdit(original, fixStart, fixEnd, raw.fix.replacement);
    if (fix) finding.fix = fix;
  }
  return finding;
}

/**
 * The fix without the characters it leaves as they are (2020-2025 → 2020—2025 replaces only the dash),
 * so a tracked change in Word or a diff shows just what changes; null when nothing changes.
 */
function minimalEdit(original: string, start: number, end: number, replacement: string): Finding["fix"] | null {
  const old = original.slice(start, end);
  if (old === replacement) return null;
  let head = 0;
  while (head < old.length && head < replacement.length && old[head] === replacement[head]) head++;
  let tail = 0;
  while (tail < old.length - head && tail < replacement.length - head && old[old.length - 1 - tail] === replacement[replacement.length - 1 - tail]) tail++;
  // Never split a surrogate pair.
  if (head > 0 && /[\ud800-\udbff]/.test(old[head - 1]!)) head--;
  if (tail > 0 && /[\udc00-\udfff]/.test(old[old.length - tail]!)) tail--;
  return { start: start + head, end: end - tail, replacement: replacement.slice(head, replacement.length - tail) };
}

/** The original offset where text inserted before normalized position `at` goes. */
function insertionPoint(at: number, doc: SegmentedDocument): [number, number] {
  const map = doc.normalized.map;
  if (at < doc.text.length) {
    const [s] = map.toOriginal(at, at + 1);
    return [s, s];
  }
  const [, e] = map.toOriginal(Math.max(0, at - 1), at);
  return [e, e];
}

function stampRelated(r: RawRelated, unit: CheckUnit, doc: SegmentedDocument): RelatedLocation {
  if ("path" in r) return { ...r };
  const [start, end] = doc.normalized.map.toOriginal(unit.start + r.span[0], unit.start + r.span[1]);
  const loc: RelatedLocation = { start, end, text: doc.normalized.raw.original.slice(start, end) };
  if (r.label) loc.label = r.label;
  return loc;
}

function pickMessage(rule: ResolvedRule, messageId: string): Message {
  const override = rule.message?.[messageId] ?? rule.message?.["*"];
  const base = rule.check.messages[messageId];
  if (!base) throw new Error(`check ${rule.type} reported unknown messageId "${messageId}"`);
  return override ? { zh: override.zh || base.zh, en: override.en || base.en } : base;
}

/** Same rule, same span, same message → one finding; then order by position. */
export function dedupeAndSort(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.start}\u0000${f.end}\u0000${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
}
