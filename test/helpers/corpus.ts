/**
 * Test helper for corpus-level checks: runs the real normalize → segment stages on several texts,
 * then the corpus stage (stages/corpus-check.ts) with a one-rule set, and checks the finding
 * invariants on every document (text === original slice; external related text === the other
 * document's original slice).
 */
import { expect } from "vitest";
import type { Finding } from "../../pipeline/model/finding.js";
import type { ResolvedRuleSet } from "../../pipeline/ruleset/types.js";
import { runCorpusChecks, type CorpusEntry, type CorpusStageResult } from "../../pipeline/stages/corpus-check.js";
import { assertFindingInvariants, ruleSetFor } from "./rule-tester.js";
import { segmentText } from "./pipeline.js";

export interface CorpusInput {
  path: string;
  text: string;
  unit?: string;
  year?: number;
  /** Reference-archive document (a source only). */
  reference?: boolean;
}

export function runCorpus(type: string, inputs: CorpusInput[], options: Record<string, unknown> = {}, ruleset: ResolvedRuleSet = ruleSetFor(type, options)): CorpusStageResult & { byPath: Map<string, Finding[]> } {
  const entries: CorpusEntry[] = inputs.map((d) => ({
    path: d.path,
    doc: segmentText(d.text, d.path),
    unit: d.unit ?? d.path,
    reportYear: d.year ?? null,
    publishedDate: null,
    target: !d.reference,
    ruleset: d.reference ? null : ruleset,
  }));
  const out = runCorpusChecks(entries, { lang: "zh" });
  expect(out.errors, "no rule may crash").toEqual([]);
  const texts = new Map(inputs.map((d) => [d.path, d.text]));
  const byPath = new Map<string, Finding[]>();
  out.findings.forEach((fs, i) => {
    for (const f of fs) {
      assertFindingInvariants(f, inputs[i]!.text);
      for (const r of f.related ?? []) if (r.path !== undefined) expect(r.text).toBe(texts.get(r.path)!.slice(r.start, r.end));
    }
    byPath.set(inputs[i]!.path, fs);
  });
  return { ...out, byPath };
}
