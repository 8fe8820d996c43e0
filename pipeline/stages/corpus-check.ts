/**
 * @fileoverview The corpus-level check stage, run after the per-document checks of a batch: rules
 * whose check type has a `corpus` part (cross-document-copy, boilerplate) see every batch document
 * plus the reference archive at once. Findings are stamped with the same helper as stages/check.ts
 * (rule id, severity, original offsets, line/column), so both stages follow one mapping rule.
 *
 * Documents of one batch may use different rule sets (by province). A corpus rule runs once per
 * distinct (rule id, options) over ALL documents (every document can be a source), and its findings
 * and metrics are kept only for the batch documents whose rule set contains that rule.
 */
import type { SegmentedDocument } from "../model/document.js";
import type { Finding, InputError, Lang } from "../model/finding.js";
import { LineIndex } from "../model/offset-map.js";
import type { CheckUnit, CorpusDocument } from "../checks/define-check.js";
import type { ResolvedRule, ResolvedRuleSet } from "../ruleset/types.js";
import { dedupeAndSort, stampFinding } from "./check.js";

export interface CorpusEntry extends CorpusDocument {
  /** Rule set of a batch document (null for reference-archive documents). */
  ruleset: ResolvedRuleSet | null;
}

export interface CorpusStageResult {
  /** New findings per entry index (targets only; others empty). */
  findings: Finding[][];
  /** Metrics per entry index, keyed by whatever the checks return (example: `copy`, `boilerplate`). */
  metrics: Record<string, unknown>[];
  /** Batch-level results by rule type (example: `cross-document-copy` → {copyPairs, clusters}). */
  batch: Record<string, unknown>;
  errors: InputError[];
}

/** True when any rule set in use has a corpus-level rule (the run can skip loading the archive otherwise). */
export function hasCorpusRules(rulesets: Iterable<ResolvedRuleSet>): boolean {
  for (const rs of rulesets) if (rs.rules.some((r) => r.check.corpus)) return true;
  return false;
}

/**
 * Runs the corpus-level rules.
 * @param entries batch documents (target: true, with their rule set) and reference documents (target: false)
 */
export function runCorpusChecks(entries: readonly CorpusEntry[], options: { lang: Lang }): CorpusStageResult {
  const findings: Finding[][] = entries.map(() => []);
  const metrics: Record<string, unknown>[] = entries.map(() => ({}));
  const batch: Record<string, unknown> = {};
  const errors: InputError[] = [];

  // Distinct corpus rules in use, with the targets that use each.
  const groups = new Map<string, { rule: ResolvedRule; targets: Set<number> }>();
  entries.forEach((e, i) => {
    if (!e.target || !e.ruleset) return;
    for (const rule of e.ruleset.rules) {
      if (!rule.check.corpus) continue;
      const key = `${rule.id}\u0000${JSON.stringify(rule.options)}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { rule, targets: new Set() }));
      g.targets.add(i);
    }
  });

  const lineIndexes = new Map<number, LineIndex>();
  const linesOf = (i: number) => {
    let li = lineIndexes.get(i);
    if (!li) lineIndexes.set(i, (li = new LineIndex(entries[i]!.doc.normalized.raw.original)));
    return li;
  };

  // The same text twice (a draft that is also in the archive, a copy under another name) is one
  // writer: give it one unit, so it never makes text look shared by several units.
  const unitOfText = new Map<string, string>();
  const units = entries.map((e) => {
    const u = unitOfText.get(e.doc.text);
    if (u !== undefined) return u;
    unitOfText.set(e.doc.text, e.unit);
    return e.unit;
  });

  for (const { rule, targets } of groups.values()) {
    // Documents outside this rule's targets still serve as sources, but produce no findings.
    const docs: CorpusDocument[] = entries.map((e, i) => ({ ...e, unit: units[i]!, target: targets.has(i) }));
    try {
      const out = rule.check.corpus!(docs, rule.compiled, { lang: options.lang });
      for (const raw of out.findings) {
        if (!targets.has(raw.docIndex)) continue;
        const doc = entries[raw.docIndex]!.doc;
        findings[raw.docIndex]!.push(stampFinding(raw, documentUnit(doc), rule, doc, linesOf(raw.docIndex), options.lang));
      }
      for (const [i, m] of out.metrics ?? []) if (targets.has(i)) Object.assign(metrics[i]!, m);
      if (out.batch) {
        // One rule of a type (the usual case): its batch results directly; several (rule sets of
        // different provinces with different options): keyed by rule id.
        const sameType = [...groups.values()].filter((g) => g.rule.type === rule.type).length;
        batch[rule.type] = sameType > 1 ? { ...(batch[rule.type] as object), [rule.id]: out.batch } : out.batch;
      }
    } catch (e) {
      for (const i of targets) {
        errors.push({ path: entries[i]!.path, code: "E_CHECK", message: `rule ${rule.id} (${rule.type}) failed: ${(e as Error).message}` });
      }
    }
  }
  return { findings: findings.map(dedupeAndSort), metrics, batch, errors };
}

/** The whole document as a unit: corpus findings' spans are relative to offset 0. */
function documentUnit(doc: SegmentedDocument): CheckUnit {
  return { kind: "document", index: 0, start: 0, end: doc.text.length, text: doc.text };
}
