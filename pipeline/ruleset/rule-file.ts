/**
 * @fileoverview Reads ONE rule file into a checked, position-carrying structure (no inheritance, no
 * check options yet). Every structural mistake becomes a RuleProblem and reading goes on, so a file
 * with three mistakes yields three problems. Option values are kept as nodes; the resolver validates
 * them with the check's zod schema once the rule's type is known (it may come from a parent file).
 */
import { basename, dirname, extname } from "node:path";
import type { Node, Pair, YAMLMap } from "yaml";
import { isMap, isScalar, isSeq } from "./yaml-lazy.js";
import type { CheckDefinition, Message } from "../checks/define-check.js";
import type { Severity } from "../model/finding.js";
import { makeProblem } from "./errors.js";
import { kindName, kindOf, listText, type MessageData, type RuleProblemCode } from "./messages.js";
import type { RuleProblem, SourcePosition } from "./types.js";
import { conversionError, entries, MAX_ALIAS_COUNT, keyPathOf, positionAt, positionOf, toPlain, unresolvedAliases, valuePosition, type SourceFile } from "./yaml-source.js";
import { regexErrorDetail, userRegExp } from "../text/safe-regex.js";

export const RULESET_KEYS = ["id", "name", "description", "extends", "appliesTo", "rules"] as const;
export const APPLIES_TO_KEYS = ["title"] as const;
/** Rule-level keys shared by all check types; every other key of a rule is a check option. */
export const RULE_KEYS = ["type", "severity", "scope", "message", "description"] as const;
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
export const SEVERITY_VALUES: readonly (Severity | "off")[] = [...SEVERITIES, "off"];

const ID_RE = /^[a-z][a-z0-9-]*$/;
const RULE_KEY_RE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** One option key of a rule as written in one file. */
export interface OptionSource {
  src: SourceFile;
  keyNode: Node;
  valueNode: Node | null;
  keyPath: string;
  value: unknown;
}

/** Message override as `ResolvedRule.message` wants it (`*` = every message id). */
export type MessageOverride = Partial<Record<string, Message>>;

interface EntryBase {
  key: string;
  keyPath: string;
  keyPos: SourcePosition;
}

/** `placeholder: warning` — severity only. `severity` is absent when the value was invalid (already reported). */
export interface SeverityEntry extends EntryBase {
  kind: "severity";
  severity?: Severity | "off";
}

/** `placeholder: { … }` — a new rule or a shallow merge over the parent's. */
export interface ObjectEntry extends EntryBase {
  kind: "object";
  src: SourceFile;
  map: YAMLMap;
  /** `none`: no `type` key; `known`: registered type; `invalid`: given but wrong (already reported). */
  typeState: "none" | "known" | "invalid";
  type?: string;
  check?: CheckDefinition;
  severity?: Severity | "off";
  scope?: { value: string; pos: SourcePosition };
  message?: { value: MessageOverride; ids: { id: string; pos: SourcePosition; keyPath: string }[] };
  description?: string;
  options: Map<string, OptionSource>;
}

export type RuleEntry = SeverityEntry | ObjectEntry;

export interface ParsedRuleFile {
  src: SourceFile;
  /** False when the YAML itself is broken or not a mapping: nothing else in it is used. */
  usable: boolean;
  id?: string;
  name?: string;
  description?: string;
  extends?: { ref: string; pos: SourcePosition };
  /** Title regexes when the file has `appliesTo` (an empty list means all documents). */
  appliesTo?: RegExp[];
  rules: RuleEntry[];
  problems: RuleProblem[];
}

/**
 * Checks one parsed file.
 * @param registry check types by `type`
 */
export function readRuleFile(src: SourceFile, registry: ReadonlyMap<string, CheckDefinition>): ParsedRuleFile {
  const out: ParsedRuleFile = { src, usable: false, rules: [], problems: [] };
  const problem = (code: RuleProblemCode, at: SourcePosition, keyPath: string, data?: MessageData) =>
    out.problems.push(makeProblem(code, at, keyPath, data));

  // Syntax first. Duplicate keys leave a usable document (the later pair is ignored below); any other
  // error makes the tree unreliable, so only syntax problems are reported for this file.
  let fatal = false;
  for (const e of src.doc.errors) {
    const at = positionAt(src, Math.min(e.pos[0], src.text.length));
    if (e.code === "DUPLICATE_KEY") {
      problem("E_DUPLICATE_KEY", at, "", { key: keyTextAt(src.text, e.pos[0]) });
    } else {
      fatal = true;
      problem("E_YAML", at, "", { detail: e.message.split("\n")[0]! });
    }
  }
  for (const alias of unresolvedAliases(src)) {
    fatal = true;
    problem("E_YAML", positionOf(src, alias), "", { detail: `unresolved alias *${alias.source}` });
  }
  // Warnings (an unknown tag, a collection used as a key) change what a value means: reported, not fatal.
  for (const w of src.doc.warnings) problem("E_YAML", positionAt(src, Math.min(w.pos[0], src.text.length)), "", { detail: w.message.split("\n")[0]! });
  if (fatal) return out;
  // What only shows when converting (more than MAX_ALIAS_COUNT alias expansions): one problem at the alias.
  const conversion = conversionError(src);
  if (conversion) {
    const at = positionOf(src, conversion.node);
    if (/alias count/i.test(conversion.message)) problem("E_YAML_ALIASES", at, "", { max: MAX_ALIAS_COUNT });
    else problem("E_YAML", at, "", { detail: conversion.message });
    return out;
  }
  const root = src.doc.contents;
  if (!isMap(root)) {
    const actual = root === null ? "null" : isSeq(root) ? "array" : kindOf(toPlain(src, root));
    problem("E_NOT_MAPPING", positionOf(src, root), "", {
      what: { zh: "规则文件的顶层", en: "the top level of a rule file" },
      actual: kindName(actual),
    });
    return out;
  }
  out.usable = true;
  const rootPos = positionOf(src, root);
  const seen = new Set<string>();
  let rulesPair: Pair | undefined;
  let idPos: SourcePosition | undefined;

  for (const { key, pair } of entries(root)) {
    if (seen.has(key)) continue;
    seen.add(key);
    const keyPos = positionOf(src, pair.key);
    const vPos = valuePosition(src, pair);
    switch (key) {
      case "id":
      case "name":
      case "description":
      case "extends": {
        const v = stringValue(src, pair, key, problem);
        if (v === undefined) break;
        if (key === "id") {
          out.id = v;
          idPos = vPos;
          if (!ID_RE.test(v)) problem("E_ID_FORMAT", vPos, "id", { id: v });
        } else if (key === "extends") out.extends = { ref: v, pos: vPos };
        else out[key] = v;
        break;
      }
      case "appliesTo":
        out.appliesTo = readAppliesTo(src, pair, problem);
        break;
      case "rules":
        rulesPair = pair;
        break;
      default:
        problem("E_UNKNOWN_KEY", keyPos, key, { key, allowed: listText(RULESET_KEYS) });
    }
  }
  for (const required of ["id", "rules"] as const) {
    if (!seen.has(required)) problem("E_MISSING_KEY", rootPos, required, { key: required });
  }
  // NOTE: files in a `provinces/` directory are province sets: file name = id, and they must extend.
  if (basename(dirname(src.file)) === "provinces") {
    const stem = basename(src.file, extname(src.file));
    if (out.id !== undefined && ID_RE.test(out.id) && out.id !== stem) problem("E_ID_STEM", idPos ?? rootPos, "id", { id: out.id, stem });
    if (!seen.has("extends")) problem("E_EXTENDS_REQUIRED", rootPos, "extends");
  }
  if (rulesPair) out.rules = readRules(src, rulesPair, registry, problem);
  return out;
}

/** The key written at `offset` (yaml's DUPLICATE_KEY range covers only its first character). */
function keyTextAt(text: string, offset: number): string {
  const m = /^(?:"([^"\n]*)"|'([^'\n]*)'|([^:\n,{}[\]]+))/u.exec(text.slice(offset));
  return (m?.[1] ?? m?.[2] ?? m?.[3] ?? "?").trim();
}

type Report = (code: RuleProblemCode, at: SourcePosition, keyPath: string, data?: MessageData) => void;

/** A scalar string value, or a reported E_TYPE. */
function stringValue(src: SourceFile, pair: Pair, keyPath: string, problem: Report): string | undefined {
  const v = pair.value;
  if (isScalar(v) && typeof v.value === "string") return v.value;
  problem("E_TYPE", valuePosition(src, pair), keyPath, { path: keyPath, expected: kindName("string"), actual: kindName(actualKind(src, v)) });
  return undefined;
}

function actualKind(src: SourceFile, node: unknown): string {
  if (isMap(node)) return "map";
  if (isSeq(node)) return "array";
  return kindOf(toPlain(src, node));
}

function readAppliesTo(src: SourceFile, pair: Pair, problem: Report): RegExp[] | undefined {
  const node = pair.value;
  if (isScalar(node) && node.value === null) return [];
  if (!isMap(node)) {
    problem("E_NOT_MAPPING", valuePosition(src, pair), "appliesTo", { what: "“appliesTo”", actual: kindName(actualKind(src, node)) });
    return undefined;
  }
  const patterns: RegExp[] = [];
  for (const { key, pair: p } of entries(node)) {
    const keyPath = keyPathOf("appliesTo", key);
    if (key !== "title") {
      problem("E_UNKNOWN_KEY", positionOf(src, p.key), keyPath, { key, allowed: listText(APPLIES_TO_KEYS) });
      continue;
    }
    const v = p.value;
    const items: { node: unknown; keyPath: string }[] = isSeq(v)
      ? v.items.map((item, i) => ({ node: item, keyPath: keyPathOf(keyPath, i) }))
      : isScalar(v) && v.value === null
        ? []
        : [{ node: v, keyPath }];
    for (const item of items) {
      const pos = positionOf(src, item.node, valuePosition(src, p));
      if (!isScalar(item.node) || typeof item.node.value !== "string") {
        problem("E_TYPE", pos, item.keyPath, { path: item.keyPath, expected: kindName("string-or-list"), actual: kindName(actualKind(src, item.node)) });
        continue;
      }
      try {
        patterns.push(userRegExp(item.node.value, "u"));
      } catch (e) {
        problem("E_REGEX", pos, item.keyPath, { detail: regexErrorDetail(e) });
      }
    }
  }
  return patterns;
}

function readRules(src: SourceFile, rulesPair: Pair, registry: ReadonlyMap<string, CheckDefinition>, problem: Report): RuleEntry[] {
  const node = rulesPair.value;
  // `rules:` with nothing under it (all overrides commented out) is an empty set, not a mistake.
  if (isScalar(node) && node.value === null) return [];
  if (!isMap(node)) {
    problem("E_NOT_MAPPING", valuePosition(src, rulesPair), "rules", { what: "“rules”", actual: kindName(actualKind(src, node)) });
    return [];
  }
  const out: RuleEntry[] = [];
  const seen = new Set<string>();
  for (const { key, pair } of entries(node)) {
    if (seen.has(key)) continue; // DUPLICATE_KEY already reported
    seen.add(key);
    const keyPath = keyPathOf("rules", key);
    const keyPos = positionOf(src, pair.key);
    if (!RULE_KEY_RE.test(key)) {
      problem("E_RULE_KEY", keyPos, keyPath, { key });
      continue;
    }
    const v = pair.value;
    if (isMap(v)) {
      out.push(readRuleObject(src, key, keyPath, keyPos, v, registry, problem));
      continue;
    }
    const entry: SeverityEntry = { kind: "severity", key, keyPath, keyPos };
    const sev = readSeverity(src, pair, keyPath, problem, {
      zh: "严重级别（error、warning、info、off）或规则映射",
      en: "a severity (error, warning, info, off) or a rule mapping",
    });
    if (sev) entry.severity = sev;
    out.push(entry);
  }
  return out;
}

function readSeverity(src: SourceFile, pair: Pair, keyPath: string, problem: Report, expected: Message): Severity | "off" | undefined {
  const v = pair.value;
  const pos = valuePosition(src, pair);
  if (isScalar(v) && typeof v.value === "string") {
    if ((SEVERITY_VALUES as readonly string[]).includes(v.value)) return v.value as Severity | "off";
    problem("E_SEVERITY", pos, keyPath, { value: v.value, allowed: listText(SEVERITY_VALUES) });
    return undefined;
  }
  problem("E_TYPE", pos, keyPath, { path: keyPath, expected, actual: kindName(actualKind(src, v)) });
  return undefined;
}

function readRuleObject(
  src: SourceFile,
  key: string,
  keyPath: string,
  keyPos: SourcePosition,
  map: YAMLMap,
  registry: ReadonlyMap<string, CheckDefinition>,
  problem: Report,
): ObjectEntry {
  const entry: ObjectEntry = { kind: "object", key, keyPath, keyPos, src, map, typeState: "none", options: new Map() };
  const seen = new Set<string>();
  for (const { key: k, pair } of entries(map)) {
    if (seen.has(k)) continue;
    seen.add(k);
    const kp = keyPathOf(keyPath, k);
    switch (k) {
      case "type": {
        const t = stringValue(src, pair, kp, problem);
        if (t === undefined) {
          entry.typeState = "invalid";
        } else if (registry.has(t)) {
          entry.typeState = "known";
          entry.type = t;
          entry.check = registry.get(t)!;
        } else {
          entry.typeState = "invalid";
          entry.type = t;
          problem("E_CHECK_TYPE", valuePosition(src, pair), kp, { rule: key, type: t, known: listText([...registry.keys()].sort()) });
        }
        break;
      }
      case "severity": {
        const sev = readSeverity(src, pair, kp, problem, { zh: "严重级别（error、warning、info、off）", en: "a severity (error, warning, info, off)" });
        if (sev) entry.severity = sev;
        break;
      }
      case "scope": {
        const s = stringValue(src, pair, kp, problem);
        if (s !== undefined) entry.scope = { value: s, pos: valuePosition(src, pair) };
        break;
      }
      case "description": {
        const d = stringValue(src, pair, kp, problem);
        if (d !== undefined) entry.description = d;
        break;
      }
      case "message": {
        const m = readMessage(src, pair, kp, problem);
        if (m) entry.message = m;
        break;
      }
      default:
        entry.options.set(k, { src, keyNode: pair.key as Node, valueNode: (pair.value as Node | null) ?? null, keyPath: kp, value: toPlain(src, pair.value) });
    }
  }
  return entry;
}

/**
 * `message:` forms: a string (Chinese; English falls back to the check's text), `{zh, en}`, or a map
 * from message id to either of those. Message ids are checked against the check later.
 */
function readMessage(src: SourceFile, pair: Pair, keyPath: string, problem: Report): ObjectEntry["message"] {
  const v = pair.value;
  const pos = valuePosition(src, pair);
  if (isScalar(v) && typeof v.value === "string") return { value: { "*": { zh: v.value, en: "" } }, ids: [] };
  if (!isMap(v)) {
    problem("E_MESSAGE", pos, keyPath);
    return undefined;
  }
  const items = entries(v);
  if (items.every(({ key }) => key === "zh" || key === "en")) {
    const text = readBilingual(src, v, keyPath, problem);
    return text ? { value: { "*": text }, ids: [] } : undefined;
  }
  const out: NonNullable<ObjectEntry["message"]> = { value: {}, ids: [] };
  let ok = true;
  for (const { key, pair: p } of items) {
    const kp = keyPathOf(keyPath, key);
    out.ids.push({ id: key, pos: positionOf(src, p.key), keyPath: kp });
    const mv = p.value;
    if (isScalar(mv) && typeof mv.value === "string") out.value[key] = { zh: mv.value, en: "" };
    else if (isMap(mv)) {
      const text = readBilingual(src, mv, kp, problem);
      if (text) out.value[key] = text;
      else ok = false;
    } else {
      problem("E_MESSAGE", valuePosition(src, p), kp);
      ok = false;
    }
  }
  return ok ? out : undefined;
}

function readBilingual(src: SourceFile, map: YAMLMap, keyPath: string, problem: Report): Message | undefined {
  const text: Message = { zh: "", en: "" };
  let ok = true;
  for (const { key, pair } of entries(map)) {
    const kp = keyPathOf(keyPath, key);
    if (key !== "zh" && key !== "en") {
      problem("E_UNKNOWN_KEY", positionOf(src, pair.key), kp, { key, allowed: listText(["zh", "en"]) });
      ok = false;
      continue;
    }
    const s = stringValue(src, pair, kp, problem);
    if (s === undefined) ok = false;
    else text[key] = s;
  }
  return ok ? text : undefined;
}
