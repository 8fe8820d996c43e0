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
}

export interface CompileEnv {
  /** Directory of the rule file that defines the rule (for relative data paths). */
  ruleFileDir: string;
  /** Directory of the built-in rules (rules/). */
  builtinRulesDir: string;
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
