/**
 * @fileoverview Merges an `extends` chain into resolved rules (ESLint-style cascade, child wins):
 * - a scalar (`placeholder: warning` / `off`) changes only the severity and keeps the parent's options;
 * - a mapping without `type`, or with the parent's `type`, is shallow-merged over the parent's rule
 *   (each top-level key the child gives replaces the parent's value; lists and maps are NOT deep-merged);
 * - a mapping with a different `type` replaces the rule wholesale and the rule then belongs to the
 *   child (id `<child>.<key>`).
 * Every time a file touches a rule, the merged options are validated with the check's zod schema and
 * compiled, so problems point at the file and node that caused them.
 */
import { dirname } from "node:path";
import { CompileError, type CheckDefinition, type UnitKind } from "../checks/define-check.js";
import type { Severity } from "../model/finding.js";
import { displayPath, makeProblem } from "./errors.js";
import { RulePathError } from "../checks/data-file.js";
import type { TrustedRoots } from "./rule-paths.js";
import { listText, type MessageData, type RuleProblemCode } from "./messages.js";
import { validateOptions } from "./options.js";
import type { MessageOverride, ObjectEntry, OptionSource, ParsedRuleFile } from "./rule-file.js";
import type { ResolvedRule, RuleProblem, SourcePosition } from "./types.js";
import { locate, positionOf } from "./yaml-source.js";

/** A rule while the chain is merged. `check` is absent when its type was wrong (already reported). */
interface RuleState {
  key: string;
  id: string;
  type: string | undefined;
  check: CheckDefinition | undefined;
  severity: Severity | "off";
  scope?: UnitKind;
  message?: MessageOverride;
  description?: string;
  options: Record<string, unknown>;
  sources: Map<string, OptionSource>;
  origin: SourcePosition[];
  valid: boolean;
  parsed?: unknown;
  compiled?: unknown;
}

export interface ResolveResult {
  rules: ResolvedRule[];
  disabled: string[];
  problems: RuleProblem[];
}

/**
 * @param files the chain, root first
 * @param rootReached false when the chain stopped early (missing parent, cycle, broken file): then
 *   "the parent has no such rule" cannot be known and is not reported
 */
export function resolveChain(
  files: readonly ParsedRuleFile[],
  rootReached: boolean,
  builtinDir: string,
  fileId: (f: ParsedRuleFile) => string,
  trustedRoots?: TrustedRoots,
): ResolveResult {
  const problems: RuleProblem[] = [];
  const report = (code: RuleProblemCode, at: SourcePosition, keyPath: string, data?: MessageData) => problems.push(makeProblem(code, at, keyPath, data));
  const states = new Map<string, RuleState>();

  files.forEach((file, i) => {
    const parentsKnown = rootReached && files.slice(0, i).every((f) => f.usable);
    for (const entry of file.rules) {
      let st = states.get(entry.key);
      if (entry.kind === "severity") {
        if (!st) {
          // An invalid value was already reported; one mistake, one problem.
          if (parentsKnown && entry.severity) report("E_OVERRIDE_UNKNOWN", entry.keyPos, entry.keyPath, { rule: entry.key });
          continue;
        }
        st.origin.push(entry.keyPos);
        if (entry.severity) st.severity = entry.severity;
        continue;
      }
      if (entry.typeState === "invalid") {
        // Keep a placeholder so children that override this rule do not cascade into more problems.
        states.set(entry.key, brokenState(entry, fileId(file)));
        continue;
      }
      if (entry.typeState === "known" && (!st || st.type !== entry.type)) {
        st = newState(entry, fileId(file));
        states.set(entry.key, st); // Map.set keeps the original position of a replaced key
      } else if (!st) {
        if (parentsKnown) report("E_MISSING_TYPE", entry.keyPos, entry.keyPath, { rule: entry.key });
        states.set(entry.key, brokenState(entry, fileId(file)));
        continue;
      } else {
        mergeInto(st, entry);
      }
      if (st.check) validateRule(st, st.check, entry, builtinDir, report, trustedRoots);
    }
  });

  const rules: ResolvedRule[] = [];
  const disabled: string[] = [];
  for (const st of states.values()) {
    if (!st.check || !st.valid) continue;
    if (st.severity === "off") {
      disabled.push(st.id);
      continue;
    }
    const rule: ResolvedRule = {
      id: st.id,
      key: st.key,
      type: st.check.type,
      severity: st.severity,
      scope: st.scope ?? st.check.defaultScope,
      options: st.parsed,
      compiled: st.compiled,
      check: st.check,
      origin: st.origin,
    };
    if (st.message) rule.message = st.message;
    if (st.description !== undefined) rule.description = st.description;
    rules.push(rule);
  }
  return { rules, disabled, problems };
}

function newState(entry: ObjectEntry, setId: string): RuleState {
  const st: RuleState = {
    key: entry.key,
    id: `${setId}.${entry.key}`,
    type: entry.type,
    check: entry.check,
    // NOTE: a new rule without `severity` is a warning (Vale's default level).
    severity: entry.severity ?? "warning",
    options: {},
    sources: new Map(),
    origin: [entry.keyPos],
    valid: false,
  };
  applyFields(st, entry);
  return st;
}

function brokenState(entry: ObjectEntry, setId: string): RuleState {
  return { key: entry.key, id: `${setId}.${entry.key}`, type: entry.type, check: undefined, severity: "off", options: {}, sources: new Map(), origin: [entry.keyPos], valid: false };
}

function mergeInto(st: RuleState, entry: ObjectEntry): void {
  st.origin.push(entry.keyPos);
  if (entry.severity) st.severity = entry.severity;
  applyFields(st, entry);
}

/** Shallow: each key given in this file replaces the inherited value. Scope is applied after validation. */
function applyFields(st: RuleState, entry: ObjectEntry): void {
  if (entry.message) st.message = entry.message.value;
  if (entry.description !== undefined) st.description = entry.description;
  for (const [k, src] of entry.options) {
    st.options[k] = src.value;
    st.sources.set(k, src);
  }
}

let compileCache: Map<string, unknown> | null = null;

/**
 * Runs `fn` with compiled rules shared between rule sets: a rule of the same type, options and rule
 * file directory compiles once (the national rules every province set inherits, the knowledge-base
 * files several rules read). Compiled values are read-only at run time. Only for the duration of
 * `fn`, so files edited between two loads are read again.
 */
export function withSharedCompile<T>(fn: () => T): T {
  if (compileCache) return fn();
  compileCache = new Map();
  try {
    return fn();
  } finally {
    compileCache = null;
  }
}

type Report = (code: RuleProblemCode, at: SourcePosition, keyPath: string, data?: MessageData) => void;

function validateRule(st: RuleState, check: CheckDefinition, entry: ObjectEntry, builtinDir: string, report: Report, trustedRoots?: TrustedRoots): void {
  if (entry.scope) {
    if ((check.scopes as readonly string[]).includes(entry.scope.value)) st.scope = entry.scope.value as UnitKind;
    else report("E_SCOPE", entry.scope.pos, `${entry.keyPath}.scope`, { rule: st.key, scope: entry.scope.value, type: check.type, allowed: listText(check.scopes) });
  }
  for (const { id, pos, keyPath } of entry.message?.ids ?? []) {
    if (!(id in check.messages)) report("E_MESSAGE_ID", pos, keyPath, { type: check.type, id, allowed: listText(Object.keys(check.messages)) });
  }

  const where = (path: readonly (string | number)[], atKey: boolean) => optionPosition(st, entry, path, atKey);
  const result = validateOptions(check, st.options, st.key, (path) => where(path, false).keyPath);
  if (!result.ok) {
    st.valid = false;
    for (const issue of result.issues) {
      const at = where(issue.path, issue.atKey);
      report(issue.code, at.pos, at.keyPath, issue.data);
    }
    return;
  }
  st.parsed = result.value;
  try {
    const env = { ruleFileDir: dirname(entry.src.file), builtinRulesDir: builtinDir, ...(trustedRoots ? { trustedRoots } : {}) };
    const key = compileCache ? JSON.stringify([check.type, env.ruleFileDir, env.builtinRulesDir, trustedRoots ?? null, result.value]) : "";
    let compiled = compileCache?.get(key);
    if (compiled === undefined) {
      compiled = check.compile(result.value, env);
      compileCache?.set(key, compiled);
    }
    st.compiled = compiled;
    st.valid = true;
  } catch (e) {
    st.valid = false;
    const path = e instanceof CompileError ? e.path : [];
    const at = where(path, false);
    if (e instanceof RulePathError) {
      report("E_PATH_OUTSIDE", at.pos, at.keyPath, { path: e.written, allowed: listText((trustedRoots ?? []).map((r) => displayPath(r))) });
      return;
    }
    report("E_COMPILE", at.pos, at.keyPath, { rule: st.key, type: check.type, detail: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * Maps an option path to the YAML node that supplied it, in whichever file of the chain that was.
 * An option that no file wrote (a schema default) or a missing key points at the deepest node that
 * exists, i.e. the rule's mapping in the file being resolved.
 */
function optionPosition(st: RuleState, entry: ObjectEntry, path: readonly (string | number)[], atKey: boolean): { pos: SourcePosition; keyPath: string } {
  const keyPath = [entry.keyPath, ...path.map(String)].join(".");
  const source = path.length ? st.sources.get(String(path[0])) : undefined;
  if (!source) return { pos: positionOf(entry.src, entry.map), keyPath };
  const shownPath = [source.keyPath, ...path.slice(1).map(String)].join(".");
  const rest = path.slice(1);
  if (rest.length === 0 || !source.valueNode) {
    const valueEmpty = !source.valueNode || (source.valueNode.range && source.valueNode.range[0] === source.valueNode.range[1]);
    const node = atKey || valueEmpty ? source.keyNode : source.valueNode;
    return { pos: positionOf(source.src, node), keyPath: shownPath };
  }
  const hit = locate(source.valueNode, rest);
  const node = atKey && hit.found && hit.keyNode ? hit.keyNode : hit.node;
  return { pos: positionOf(source.src, node), keyPath: shownPath };
}
