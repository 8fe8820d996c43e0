/**
 * @fileoverview Validates a rule's check options with the check's own zod schema (so the schema and
 * the implementation cannot drift) and turns zod issues into catalogue problems with an option path.
 * The caller maps each path back to a YAML node.
 */
import { z } from "zod";
import type { CheckDefinition, Message } from "../checks/define-check.js";
import { kindName, kindOf, listText, type MessageData, type RuleProblemCode } from "./messages.js";
import { RULE_KEYS } from "./rule-file.js";
import { REGEX_ISSUE_CODE } from "./schema-helpers.js";

export interface OptionIssue {
  code: RuleProblemCode;
  /** Path inside the rule's options (example: `["patterns", 0, "pattern"]`). */
  path: (string | number)[];
  /** Point at the key node rather than the value (unknown keys). */
  atKey: boolean;
  data: MessageData;
}

export type OptionsResult = { ok: true; value: unknown } | { ok: false; issues: OptionIssue[] };

type Issue = z.core.$ZodIssue & { input?: unknown; params?: Record<string, unknown> };

let locales: { zh: z.core.$ZodErrorMap; en: z.core.$ZodErrorMap } | undefined;

/**
 * @param rule rule key (for messages)
 * @param keyPathOf display key path of an option path (example: `rules.x.minLength`)
 */
export function validateOptions(check: CheckDefinition, options: Record<string, unknown>, rule: string, keyPathOf: (path: (string | number)[]) => string): OptionsResult {
  // reportInput: the locale error maps and our own messages need the offending value.
  const r = check.options.safeParse(options, { reportInput: true });
  if (r.success) return { ok: true, value: r.data };
  const issues: OptionIssue[] = [];
  for (const raw of r.error.issues as Issue[]) {
    const path = raw.path.filter((p): p is string | number => typeof p !== "symbol");
    if (raw.code === "unrecognized_keys") {
      const allowed = allowedKeys(check.options, path);
      for (const key of raw.keys) {
        issues.push({ code: "E_UNKNOWN_OPTION", path: [...path, key], atKey: true, data: { rule, type: check.type, key, allowed: listText(allowed) } });
      }
      continue;
    }
    if (raw.code === "custom" && raw.params?.code === REGEX_ISSUE_CODE) {
      issues.push({ code: "E_REGEX", path, atKey: false, data: { detail: String(raw.params.detail) } });
      continue;
    }
    if (raw.code === "invalid_type") {
      if (raw.input === undefined && path.length) {
        issues.push({ code: "E_MISSING_KEY", path, atKey: false, data: { key: String(path[path.length - 1]) } });
      } else {
        issues.push({ code: "E_TYPE", path, atKey: false, data: { path: keyPathOf(path), expected: kindName(raw.expected), actual: kindName(kindOf(raw.input)) } });
      }
      continue;
    }
    issues.push({ code: "E_OPTION", path, atKey: false, data: { path: keyPathOf(path), detail: issueText(raw) } });
  }
  return { ok: false, issues };
}

/** Both languages from zod's locales; a message the schema author wrote is kept as it is. */
function issueText(issue: Issue): Message {
  locales ??= { zh: z.locales.zhCN().localeError, en: z.locales.en().localeError };
  const render = (map: z.core.$ZodErrorMap) => {
    const m = map(issue as never);
    return typeof m === "string" ? m : (m?.message ?? issue.message);
  };
  const en = render(locales.en);
  if (issue.code === "custom" || issue.message !== en) return { zh: issue.message, en: issue.message };
  return { zh: render(locales.zh), en };
}

/** Keys an options object accepts at `path`; at the top, the shared rule keys too. */
export function allowedKeys(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  const target = schemaAt(schema, path);
  const own = target ? objectKeys(target) : [];
  return path.length === 0 ? [...RULE_KEYS, ...own] : own;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips wrappers (default, optional, pipe …) down to the schema that parses the value. */
function unwrap(schema: z.ZodType): z.ZodType {
  for (let i = 0; i < 20; i++) {
    const def = defOf(schema);
    const next = def.innerType ?? def.in ?? (def.type === "lazy" && def.getter ? def.getter() : undefined);
    if (!next) return schema;
    schema = next;
  }
  return schema;
}

function schemaAt(schema: z.ZodType, path: readonly (string | number)[]): z.ZodType | undefined {
  let s: z.ZodType | undefined = unwrap(schema);
  for (const seg of path) {
    if (!s) return undefined;
    const def = defOf(s);
    if (def.type === "object" && def.shape) s = def.shape[String(seg)];
    else if (def.type === "array" && def.element) s = def.element;
    else if (def.type === "record" && def.valueType) s = def.valueType;
    else return undefined;
    if (s) s = unwrap(s);
  }
  return s;
}

function objectKeys(schema: z.ZodType): string[] {
  const def = defOf(unwrap(schema));
  return def.type === "object" && def.shape ? Object.keys(def.shape) : [];
}
