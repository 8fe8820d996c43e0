/**
 * @fileoverview The stable finding format (schemaVersion 1). Outside tools read this; change it only
 * with a schemaVersion bump. The JSON Schema is `schema/report.schema.json`.
 */
import type { DocumentProfile } from "./document.js";

export type Severity = "error" | "warning" | "info";
export type Lang = "zh" | "en";

/** Fixed vocabulary of check types (also the `type:` of a YAML rule). */
export const CHECK_TYPES = [
  "duplicate-text",
  "cross-document-copy",
  "year-consistency",
  "outdated-term",
  "arithmetic",
  "boilerplate",
  "placeholder",
  "numbering",
  "required-section",
  "punctuation",
  "entity-consistency",
  "term",
  "extraction-noise",
  "typo",
] as const;
export type CheckType = (typeof CHECK_TYPES)[number];

/** Another place a finding points to: the first occurrence, or the source of a copy. */
export interface RelatedLocation {
  /** Path of the other document; absent when it is the same document. */
  path?: string;
  start: number;
  end: number;
  text: string;
  /** What this location is (example: `first-occurrence`, `source`). */
  label?: string;
}

export interface Finding {
  /** `<rule-set id>.<rule key>` of the rule that defines it (example: `national.placeholder`). */
  ruleId: string;
  check: CheckType;
  severity: Severity;
  /** UTF-16 offsets into the original decoded text, end exclusive. */
  start: number;
  end: number;
  /** 1-based line/column of `start`. */
  line: number;
  column: number;
  /** `original.slice(start, end)`. */
  text: string;
  message: string;
  /** Structured facts behind the finding (numbers and computation, years seen, similarity…). */
  evidence: Record<string, unknown>;
  suggestion?: string;
  related?: RelatedLocation[];
  /**
   * A mechanical correction (`report-qc fix`): replace `original.slice(start, end)` (UTF-16 offsets into
   * the original text; start === end inserts) by `replacement`.
   */
  fix?: Fix;
}

export interface Fix {
  start: number;
  end: number;
  replacement: string;
}

export interface DocumentMetrics {
  [name: string]: unknown;
}

export interface DocumentResult {
  path: string;
  title: string | null;
  unit: string | null;
  province: string | null;
  reportYear: number | null;
  publishedDate: string | null;
  /** The document profile (stages/profile.ts): genre, own date, period, unit/level/province, completeness. */
  profile?: DocumentProfile;
  chars: number;
  /** Id of the resolved rule set used for this document. */
  ruleset: string;
  metrics: DocumentMetrics;
  findings: Finding[];
}

export interface InputError {
  path: string;
  /** Machine-readable code (example: `E_DECODE`, `E_READ`, `E_FORMAT`, `E_CHECK`). */
  code: string;
  message: string;
}

/** Batch-level results of the corpus checks (cross-document copying). */
export interface CorpusSummary {
  /** Reference archive used ("" when none). */
  archive: string;
  archiveDocuments: number;
  /** `{a, b, sharedChars, passages}`: characters of one report in passages shared with the other. */
  copyPairs: unknown[];
  /** Groups of reports linked by copied passages. */
  clusters: string[][];
  /** Everything the corpus checks returned, by check type. */
  byCheck: Record<string, unknown>;
}

export interface ReportModel {
  schemaVersion: 1;
  tool: { name: string; version: string };
  documents: DocumentResult[];
  errors: InputError[];
  /**
   * Batch results of the corpus checks, for index.json and the dashboard. NOT part of the `--json`
   * output (schemaVersion 1): formatJson leaves it out.
   */
  corpus?: CorpusSummary;
}
