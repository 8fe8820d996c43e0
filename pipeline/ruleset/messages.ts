/**
 * @fileoverview The catalogue of rule-file problem messages, one entry per stable code, in Chinese
 * (default) and English. Every RuleProblem is built from this table so wording lives in one place
 * and tests can compare exact strings.
 */
import { interpolate, type Message } from "../checks/define-check.js";

export const RULE_MESSAGES = {
  E_READ: {
    zh: "无法读取规则文件：{{detail}}",
    en: "cannot read rule file: {{detail}}",
  },
  E_RULESET_MISSING: {
    zh: "找不到规则集“{{name}}”：既不是内置规则集（{{builtins}}），也不是存在的文件",
    en: "rule set “{{name}}” not found: neither a built-in rule set ({{builtins}}) nor an existing file",
  },
  E_YAML: {
    zh: "YAML 语法错误：{{detail}}",
    en: "YAML syntax error: {{detail}}",
  },
  E_YAML_ALIASES: {
    zh: "YAML 别名展开次数超过 {{max}}（为防止别名炸弹耗尽内存而拒绝）：请少用 *别名，直接写出内容",
    en: "YAML aliases expand more than {{max}} times (refused: alias bombs exhaust memory); use fewer *aliases and write the content out",
  },
  E_DUPLICATE_KEY: {
    zh: "键“{{key}}”重复出现",
    en: "duplicate key “{{key}}”",
  },
  E_NOT_MAPPING: {
    zh: "{{what}}应为映射（键: 值），实际为{{actual}}",
    en: "{{what}} must be a mapping (key: value), got {{actual}}",
  },
  E_UNKNOWN_KEY: {
    zh: "未知的键“{{key}}”；可用的键：{{allowed}}",
    en: "unknown key “{{key}}”; expected one of: {{allowed}}",
  },
  E_MISSING_KEY: {
    zh: "缺少必填的键“{{key}}”",
    en: "missing required key “{{key}}”",
  },
  E_TYPE: {
    zh: "“{{path}}”应为{{expected}}，实际为{{actual}}",
    en: "“{{path}}” must be {{expected}}, got {{actual}}",
  },
  E_ID_FORMAT: {
    zh: "规则集 id“{{id}}”应为小写拼音（a-z、数字、连字符），如 guangdong",
    en: "rule-set id “{{id}}” must be lowercase pinyin (a-z, digits, hyphens), e.g. guangdong",
  },
  E_ID_STEM: {
    zh: "省级规则文件的 id“{{id}}”应与文件名“{{stem}}”一致",
    en: "the id “{{id}}” of a province rule file must equal its file name “{{stem}}”",
  },
  E_EXTENDS_REQUIRED: {
    zh: "省级规则文件必须用 extends 指定上级规则集（如 extends: national）",
    en: "a province rule file must name its parent rule set with extends (e.g. extends: national)",
  },
  E_RULE_KEY: {
    zh: "规则键“{{key}}”只能包含字母、数字、连字符和下划线（不能含点号或空格）",
    en: "rule key “{{key}}” may only contain letters, digits, hyphens and underscores (no dots or spaces)",
  },
  E_SEVERITY: {
    zh: "未知的严重级别“{{value}}”；可用：{{allowed}}",
    en: "unknown severity “{{value}}”; expected one of: {{allowed}}",
  },
  E_CHECK_TYPE: {
    zh: "规则“{{rule}}”的检查类型“{{type}}”未知；已注册的类型：{{known}}",
    en: "rule “{{rule}}” has unknown check type “{{type}}”; registered types: {{known}}",
  },
  E_MISSING_TYPE: {
    zh: "上级规则集中没有规则“{{rule}}”，新规则必须写明 type",
    en: "no parent rule set defines rule “{{rule}}”; a new rule needs a `type`",
  },
  E_OVERRIDE_UNKNOWN: {
    zh: "上级规则集中没有规则“{{rule}}”，不能只改严重级别；新规则须写成带 type 的映射",
    en: "no parent rule set defines rule “{{rule}}”, so its severity cannot be overridden; define a new rule as a mapping with `type`",
  },
  E_SCOPE: {
    zh: "规则“{{rule}}”的范围“{{scope}}”不适用于检查类型 {{type}}；可用：{{allowed}}",
    en: "scope “{{scope}}” of rule “{{rule}}” is not supported by check type {{type}}; expected one of: {{allowed}}",
  },
  E_MESSAGE: {
    zh: "message 应为字符串、{zh, en} 映射，或按消息 id 分列的映射",
    en: "message must be a string, a {zh, en} mapping, or a mapping by message id",
  },
  E_MESSAGE_ID: {
    zh: "检查类型 {{type}} 没有消息 id“{{id}}”；可用：{{allowed}}",
    en: "check type {{type}} has no message id “{{id}}”; expected one of: {{allowed}}",
  },
  E_UNKNOWN_OPTION: {
    zh: "规则“{{rule}}”（{{type}}）不支持选项“{{key}}”；可用的键：{{allowed}}",
    en: "rule “{{rule}}” ({{type}}) has no option “{{key}}”; expected one of: {{allowed}}",
  },
  E_OPTION: {
    zh: "选项“{{path}}”无效：{{detail}}",
    en: "invalid option “{{path}}”: {{detail}}",
  },
  E_REGEX: {
    zh: "无效的正则表达式：{{detail}}",
    en: "invalid regular expression: {{detail}}",
  },
  E_COMPILE: {
    zh: "规则“{{rule}}”（{{type}}）无法编译：{{detail}}",
    en: "rule “{{rule}}” ({{type}}) failed to compile: {{detail}}",
  },
  E_EXTENDS_CYCLE: {
    zh: "extends 形成循环：{{cycle}}",
    en: "extends cycle: {{cycle}}",
  },
  E_PATH_OUTSIDE: {
    zh: "“{{path}}”不在规则集所在文件夹或内置规则文件夹之内，不予读取（允许的文件夹：{{allowed}}；确需引用其他文件夹时用 --allow-rule-paths 目录）",
    en: "“{{path}}” is outside the rule set's folder and the built-in rules folder and is not read (allowed folders: {{allowed}}; to allow another folder, pass --allow-rule-paths DIR)",
  },
  E_EXTENDS_MISSING: {
    zh: "找不到上级规则集“{{name}}”：既不是内置规则集（{{builtins}}），也不是存在的文件（{{path}}）",
    en: "parent rule set “{{name}}” not found: neither a built-in rule set ({{builtins}}) nor an existing file ({{path}})",
  },
} as const satisfies Record<string, Message>;

export type RuleProblemCode = keyof typeof RULE_MESSAGES;

/** Values for a message's placeholders: plain, or one text per language. */
export type MessageData = Record<string, string | number | Message>;

/** Renders one catalogue entry in both languages. */
export function renderMessage(code: RuleProblemCode, data: MessageData = {}): Message {
  const m = RULE_MESSAGES[code];
  return { zh: interpolate(m.zh, pick(data, "zh")), en: interpolate(m.en, pick(data, "en")) };
}

function pick(data: MessageData, lang: keyof Message): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(data)) out[k] = typeof v === "object" ? v[lang] : v;
  return out;
}

/** Chinese and English names of YAML/JS value kinds, for "expected X, got Y" messages. */
export const KIND_NAMES: Record<string, Message> = {
  string: { zh: "字符串", en: "a string" },
  number: { zh: "数字", en: "a number" },
  int: { zh: "整数", en: "an integer" },
  boolean: { zh: "布尔值（true/false）", en: "a boolean (true/false)" },
  array: { zh: "列表", en: "a list" },
  object: { zh: "映射", en: "a mapping" },
  map: { zh: "映射", en: "a mapping" },
  null: { zh: "空值", en: "nothing (null)" },
  undefined: { zh: "空值", en: "nothing" },
  "string-or-list": { zh: "字符串或字符串列表", en: "a string or a list of strings" },
};

/** Kind name of a JS value as the YAML author sees it. */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isInteger(value)) return "number";
  return typeof value;
}

export function kindName(kind: string): Message {
  return KIND_NAMES[kind] ?? { zh: kind, en: kind };
}

/** Joins a list for display in messages (Chinese enumeration comma vs English comma). */
export function listText(items: readonly string[]): Message {
  return { zh: items.join("、"), en: items.join(", ") };
}
