/**
 * @fileoverview Types of loaded and resolved rule sets.
 */
import type { Severity } from "../model/finding.js";
import type { CheckDefinition, Message, UnitKind } from "../checks/define-check.js";

/** Where a rule (or a problem) sits in a rule file. */
export interface SourcePosition {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/**
 * A problem in a rule file, reported as `file:line:column: message` (exit code 2).
 * `line`/`column` are 0 when there is no position (a rule set named on the command line that does not exist).
 */
export interface RuleProblem extends SourcePosition {
  /** Stable code from `ruleset/messages.ts` (example: `E_YAML`, `E_UNKNOWN_KEY`, `E_TYPE`, `E_CHECK_TYPE`, `E_REGEX`, `E_EXTENDS_CYCLE`, `E_EXTENDS_MISSING`). */
  code: string;
  /** Dotted key path inside the file (example: `rules.placeholder.minLength`). */
  keyPath: string;
  /** Chinese message (the default language). */
  message: string;
  /** The message in both languages (`formatProblem` picks one). */
  localized?: Message;
}

export interface ResolvedRule {
  /** `<defining set id>.<rule key>` (example: `national.placeholder`). */
  id: string;
  key: string;
  type: CheckDefinition["type"];
  severity: Severity;
  scope: UnitKind;
  /** Validated options, defaults applied. */
  options: unknown;
  /** Result of the check's compile(). */
  compiled: unknown;
  /** Message override from YAML, per messageId or for all. */
  message?: Partial<Record<string, Message>>;
  check: CheckDefinition;
  /** `description:` from YAML, if any. */
  description?: string;
  /** Where the rule was defined, and each file that overrode it, in order. */
  origin: SourcePosition[];
}

/** Which documents a rule set applies to (its genre). Empty = all. */
export interface AppliesTo {
  /** Regular expressions tested against the document title. */
  titlePatterns: RegExp[];
}

export interface ResolvedRuleSet {
  id: string;
  name: string;
  description?: string;
  /** Absolute path of the file the set came from. */
  file: string;
  /** Set ids from this one up to the root (example: ["guangdong", "national"]). */
  chain: string[];
  /** Enabled rules only, in definition order. */
  rules: ResolvedRule[];
  /** Rules switched off (`off`) by this set or a parent, by id. */
  disabled: string[];
  appliesTo: AppliesTo;
  /** Content hash of every file in the chain (for result caching). */
  hash: string;
}

export type LoadResult = { ok: true; ruleset: ResolvedRuleSet } | { ok: false; problems: RuleProblem[] };
