/**
 * @fileoverview The contract every check type implements. A check is pure: it gets one unit of a
 * segmented document (and read-only context), and returns findings whose spans are relative to that
 * unit. It never knows its rule id, its severity or original offsets; `stages/check.ts` stamps those.
 */
import type { z } from "zod";
import type { CheckType, Lang } from "../model/finding.js";
import type { Block, Sentence, SegmentedDocument } from "../model/document.js";

/** A bilingual message template with `{{name}}` placeholders. */
export interface Message {
  zh: string;
  en: string;
}

/** What a check is run on. `document` runs once per document. */
export type UnitKind = "document" | "block" | "paragraph" | "heading" | "sentence";
export const UNIT_KINDS: readonly UnitKind[] = ["document", "block", "paragraph", "heading", "sentence"];

export interface CheckUnit {
  kind: UnitKind;
  /** Index of the block or sentence (0 for the document). */
  index: number;
  /** Absolute start in the normalized text; spans a check reports are relative to it. */
  start: number;
  end: number;
  text: string;
  block?: Block;
  sentence?: Sentence;
}

export interface CheckContext {
  doc: SegmentedDocument;
  lang: Lang;
  /** True when [start, end) (absolute normalized offsets) overlaps web chrome or other noise. */
  isNoise(start: number, end: number): boolean;
}

/** A location a finding points to, relative to the same unit (same document). */
export interface RawRelatedLocal {
  span: readonly [number, number];
  label?: string;
}

/** A location in another document, already in that document's original coordinates. */
export interface RawRelatedExternal {
  path: string;
  start: number;
  end: number;
  text: string;
  label?: string;
}

export type RawRelated = RawRelatedLocal | RawRelatedExternal;

export interface RawFinding {
  /** Half-open span relative to `unit.start`, in normalized code units. */
  span: readonly [number, number];
  /** Key into the check's `messages`. */
  messageId: string;
  /** Values for the message placeholders. */
  data?: Record<string, string | number>;
  /** Structured evidence (numbers, computation, years…). */
  evidence?: Record<string, unknown>;
  suggestion?: Message | string;
  related?: RawRelated[];
  /** A mechanical correction: replace `span` (relative to `unit.start`, may be empty: an insertion) by `replacement`. */
  fix?: RawFix;
}

export interface RawFix {
  span: readonly [number, number];
  replacement: string;
}

export interface CheckDefinition<Options = any, Compiled = any> {
  type: CheckType;
  description: Message;
  /** Default unit; a rule may choose another of `scopes` with `scope:`. */
  defaultScope: UnitKind;
  scopes: readonly UnitKind[];
  /** Option schema (strict: unknown keys are errors). Rule-level keys type/severity/message/scope/description are not part of it. */
  options: z.ZodType<Options>;
  messages: Record<string, Message>;
  /** Load-time, fallible work (compile regexes, load knowledge bases). Throw CompileError to report a rule-file problem. */
  compile(options: Options, env: CompileEnv): Compiled;
  /** Run-time, pure. */
  run(unit: CheckUnit, compiled: Compiled, ctx: CheckContext): RawFinding[];
  /** Corpus-level work (cross-document checks); run by stages/corpus-check.ts after the per-document checks. */
  corpus?: CorpusRun<Compiled>;
}

/** One document as corpus checks see it. */
export interface CorpusDocument {
  path: string;
  doc: SegmentedDocument;
  /** Who wrote it (unit name, else the path): text shared by different units is copying. */
  unit: string;
  reportYear: number | null;
  publishedDate: string | null;
  /** A batch document (findings and metrics wanted) or a reference-archive document (source only). */
  target: boolean;
}

/** A finding on document `docIndex`; its span is relative to the whole document (normalized offsets). */
export interface CorpusRawFinding extends RawFinding {
  docIndex: number;
}

export interface CorpusRunResult {
  findings: CorpusRawFinding[];
  /** Metrics to merge into documents' `metrics`, by document index (targets only). */
  metrics?: Map<number, Record<string, unknown>>;
  /** Batch-level results (example: copy pairs and clusters for index.json). */
  batch?: Record<string, unknown>;
}

export interface CorpusContext {
  lang: Lang;
}

/** Runs once over all documents of a batch (plus the reference archive). Pure. */
export type CorpusRun<Compiled> = (docs: readonly CorpusDocument[], compiled: Compiled, ctx: CorpusContext) => CorpusRunResult;

/**
 * Defines a corpus-level check: its YAML rules are loaded and validated like any other, its per-unit
 * `run` does nothing, and `corpus` does the work over the whole batch.
 */
export function defineCorpusCheck<Options, Compiled>(
  def: Omit<CheckDefinition<Options, Compiled>, "run" | "corpus" | "defaultScope" | "scopes"> & { corpus: CorpusRun<Compiled> },
): CheckDefinition<Options, Compiled> {
  return { ...def, defaultScope: "document", scopes: ["document"], run: () => [] };
}

export interface CompileEnv {
  /** Directory of the rule file that defines the rule (for relative data paths). */
  ruleFileDir: string;
  /** Directory of the built-in rules (rules/). */
  builtinRulesDir: string;
  /**
   * Folders (real paths) data files may come from: the rule set's folder, rules/, --allow-rule-paths
   * (ruleset/rule-paths.ts). Read data files through checks/data-file.ts, which enforces it. Absent when a
   * test or bench compiles a rule directly: no restriction.
   */
  trustedRoots?: readonly string[];
}

/** Thrown by `compile` for a problem in a rule's options; `path` is relative to the rule's options. */
export class CompileError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[] = [],
  ) {
    super(message);
    this.name = "CompileError";
  }
}

/** Identity helper that gives check modules full type inference. */
export function defineCheck<Options, Compiled>(def: CheckDefinition<Options, Compiled>): CheckDefinition<Options, Compiled> {
  return def;
}

/** Fills `{{name}}` placeholders. Unknown names are left as they are so tests can catch them. */
export function interpolate(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}
