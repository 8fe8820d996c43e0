/**
 * Browser harness: Debian's chromium driven by playwright-core (no browser download), and a small
 * builder of synthetic report models for tests that must not depend on the checks' exact output.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import type { CheckType, DocumentResult, Finding, RelatedLocation, Severity } from "../../pipeline/model/finding.js";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Browser tests run where chromium is installed, and always in CI (.ci/run installs it). */
export const canRunBrowser = existsSync(CHROMIUM) || Boolean(process.env.CI);

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}

export interface FindingSpec {
  check: CheckType;
  severity: Severity;
  /** Text to highlight, and which occurrence (0-based). */
  find: string;
  nth?: number;
  message?: string;
  evidence?: Record<string, unknown>;
  suggestion?: string;
  /** Same-document related passages (text + occurrence). */
  related?: { find: string; nth?: number; label?: string }[];
  /** Passages in other documents. */
  otherRelated?: RelatedLocation[];
}

export function locate(text: string, find: string, nth = 0): number {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(find, at + 1);
    if (at < 0) throw new Error(`"${find}" #${nth} not in text`);
  }
  return at;
}

export function makeFinding(text: string, s: FindingSpec): Finding {
  const start = locate(text, s.find, s.nth ?? 0);
  const end = start + s.find.length;
  const related: RelatedLocation[] = (s.related ?? []).map((r) => {
    const rs = locate(text, r.find, r.nth ?? 0);
    return { start: rs, end: rs + r.find.length, text: r.find, ...(r.label ? { label: r.label } : {}) };
  });
  related.push(...(s.otherRelated ?? []));
  const f: Finding = {
    ruleId: `national.${s.check}`,
    check: s.check,
    severity: s.severity,
    start,
    end,
    ...lineCol(text, start),
    text: text.slice(start, end),
    message: s.message ?? `${s.check} finding`,
    evidence: s.evidence ?? {},
  };
  if (s.suggestion) f.suggestion = s.suggestion;
  if (related.length) f.related = related;
  return f;
}

export function makeDocument(path: string, text: string, specs: FindingSpec[], extra: Partial<DocumentResult> = {}): DocumentResult {
  return {
    path,
    title: text.split("\n")[0]!.trim(),
    unit: null,
    province: null,
    reportYear: null,
    publishedDate: null,
    chars: text.length,
    ruleset: "national",
    metrics: {},
    findings: specs.map((s) => makeFinding(text, s)),
    ...extra,
  };
}
