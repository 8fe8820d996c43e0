/**
 * @fileoverview Project configuration `.report-qc.yaml` (ESLint/Vale-like), found by walking up from
 * each input's folder (nearest file wins; no merging), or named by `--config`. Keys:
 * - `rules:` a rule-set name or file (relative to the config), or, with `extends:`, a mapping of rule
 *   overrides in rule-file syntax (rules/README.md): the config is then read as an inline rule set by the
 *   rule-set loader, so its problems are `config:line:column` like any rule file's;
 * - `ignore:` globs (relative to the config's folder; a pattern without `/` matches a file name anywhere);
 * - output defaults: `format`, `out`, `lang`, `baseline`, `corpus` (paths relative to the config).
 * Command-line options win over the config.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Lang } from "../model/finding.js";
import { RuleSetLoadError } from "../ruleset-provider.js";
import type { RuleProblem } from "../ruleset/types.js";
import { readDataFileSync } from "../files.js";
import { entries, parseSource, positionOf, valuePosition } from "../ruleset/yaml-source.js";
import { CONFIG_NAMES, RULE_SET_KEYS } from "./inline-rules.js";
import { isMap, isScalar, isSeq } from "../ruleset/yaml-lazy.js";

const OWN_KEYS = ["ignore", "format", "out", "lang", "baseline", "corpus"] as const;

export interface ProjectConfig {
  /** Absolute path of the config file. */
  file: string;
  /** Value for RunOptions.rules: a rule-set name, a rule file, or this config file (inline rules). */
  rules?: string;
  ignore: string[];
  format?: string;
  out?: string;
  lang?: Lang;
  baseline?: string;
  corpus?: string | false;
}

/** Nearest config from `dir` upwards, or null. */
export function findConfigFile(dir: string): string | null {
  let cur = resolve(dir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const p = join(cur, name);
      if (existsSync(p) && statSync(p).isFile()) return p;
    }
    const up = dirname(cur);
    if (up === cur) return null;
    cur = up;
  }
}

const cache = new Map<string, ProjectConfig>();

/** Reads and validates a config. @throws RuleSetLoadError with every problem as file:line:column */
export function loadConfig(path: string, allowRulePaths?: readonly string[]): ProjectConfig {
  const file = resolve(path);
  const hit = cache.get(file);
  if (hit) return hit;
  let text: string;
  try {
    text = readDataFileSync(file);
  } catch (e) {
    throw new RuleSetLoadError([problem({ file, line: 0, column: 0 }, "E_CONFIG", `无法读取配置文件：${(e as Error).message}`, `cannot read the config file: ${(e as Error).message}`)]);
  }
  const src = parseSource(file, text);
  const problems: RuleProblem[] = [];
  for (const err of src.doc.errors) problems.push(problem(positionOf(src, { range: err.pos }), "E_YAML", `YAML 语法错误：${err.message}`, `YAML syntax error: ${err.message}`));
  if (problems.length) throw new RuleSetLoadError(problems);
  const config: ProjectConfig = { file, ignore: [] };
  const root = src.doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return remember(file, config);
  if (!isMap(root)) throw new RuleSetLoadError([problem(positionOf(src, root), "E_CONFIG", "配置文件应是键值映射", "the config file must be a mapping")]);
  const base = dirname(file);
  let inlineRules = false;
  let hasExtends = false;
  for (const { key, pair } of entries(root)) {
    const at = valuePosition(src, pair);
    const v = pair.value;
    const str = (): string | undefined => {
      if (isScalar(v) && typeof v.value === "string" && v.value.trim()) return v.value.trim();
      problems.push(problem(at, "E_CONFIG", `“${key}”应是非空字符串`, `"${key}" must be a non-empty string`));
      return undefined;
    };
    if (key === "extends") hasExtends = true;
    if (key === "rules") {
      if (isMap(v)) inlineRules = true;
      else {
        const ref = str();
        if (ref) config.rules = /[\\/]|\.ya?ml$/i.test(ref) ? resolve(base, ref) : ref;
      }
      continue;
    }
    if (RULE_SET_KEYS.has(key)) continue;
    switch (key as (typeof OWN_KEYS)[number]) {
      case "ignore": {
        const items = isSeq(v) ? v.items : [v];
        for (const item of items) {
          if (isScalar(item) && typeof item.value === "string" && item.value.trim()) config.ignore.push(item.value.trim());
          else problems.push(problem(positionOf(src, item, at), "E_CONFIG", "ignore 的每一项应是文件通配符字符串", "each ignore entry must be a glob string"));
        }
        break;
      }
      case "format": {
        if (isSeq(v) && v.items.every((i) => isScalar(i) && typeof i.value === "string")) config.format = v.items.map((i) => String((i as { value: string }).value)).join(",");
        else {
          const s = str();
          if (s) config.format = s;
        }
        break;
      }
      case "out":
      case "baseline": {
        const s = str();
        if (s) config[key as "out" | "baseline"] = resolve(base, s);
        break;
      }
      case "lang": {
        const s = str();
        if (s === "zh" || s === "en") config.lang = s;
        else if (s) problems.push(problem(at, "E_CONFIG", `lang 只能是 zh 或 en，而不是“${s}”`, `lang must be zh or en, not "${s}"`));
        break;
      }
      case "corpus": {
        if (isScalar(v) && v.value === false) config.corpus = false;
        else {
          const s = str();
          if (s) config.corpus = resolve(base, s);
        }
        break;
      }
      default:
        problems.push(
          problem(positionOf(src, pair.key), "E_UNKNOWN_KEY", `未知的配置项“${key}”；可用：${[...RULE_SET_KEYS, ...OWN_KEYS].join("、")}`, `unknown config key "${key}"; allowed: ${[...RULE_SET_KEYS, ...OWN_KEYS].join(", ")}`),
        );
    }
  }
  if (hasExtends || inlineRules) {
    if (config.rules) problems.push(problem(positionOf(src, root), "E_CONFIG", "rules 为规则集名称时不能再写 extends", "`extends` needs `rules` to be a mapping of overrides, not a rule-set name"));
    // The rule-set provider reads the config itself as an inline rule set (config/inline-rules.ts), so
    // its rule problems are reported as this file's line:column before any document is read.
    else config.rules = file;
  }
  if (problems.length) throw new RuleSetLoadError(problems);
  return remember(file, config);
}

function remember(file: string, config: ProjectConfig): ProjectConfig {
  cache.set(file, config);
  return config;
}

function problem(at: { file: string; line: number; column: number }, code: string, zh: string, en: string): RuleProblem {
  return { file: at.file, line: at.line, column: at.column, code, keyPath: "", message: zh, localized: { zh, en } };
}

/**
 * True when `file` matches one of the config's ignore globs, gitignore-like: relative to the config's
 * folder; a pattern with a `/` before its end is anchored there, one without matches a file or folder
 * name at any depth; a trailing `/` matches folders only.
 */
export function isIgnored(config: ProjectConfig, file: string): boolean {
  if (!config.ignore.length) return false;
  const rel = relative(dirname(config.file), resolve(file)).split(sep).join("/");
  if (rel.startsWith("../") || isAbsolute(rel)) return false;
  const parts = rel.split("/");
  return config.ignore.some((glob) => {
    const g = glob.replace(/^\.\//, "");
    if (/\/./u.test(g)) return globRegex(g).test(rel);
    const dirOnly = g.endsWith("/");
    const name = globRegex(dirOnly ? g.slice(0, -1) : g);
    return parts.slice(0, -1).some((d) => name.test(d)) || (!dirOnly && name.test(parts[parts.length - 1]!));
  });
}

const globCache = new Map<string, RegExp>();

/** gitignore-like glob: `**` any folders, `*` and `?` inside one name, `{a,b}` alternatives; a trailing `/` matches a folder's files. */
export function globRegex(glob: string): RegExp {
  let re = globCache.get(glob);
  if (re) return re;
  let g = glob.replace(/^\.\//, "");
  if (g.endsWith("/")) g += "**";
  let out = "";
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === "*" && g[i + 1] === "*") {
      const slash = g[i + 2] === "/";
      out += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "{") (out += "(?:"), braces++;
    else if (c === "}" && braces) (out += ")"), braces--;
    else if (c === "," && braces) out += "|";
    else out += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  re = new RegExp(`^${out}$`, "u");
  globCache.set(glob, re);
  return re;
}

export interface ConfigChoice {
  /** `--config FILE`, false for `--no-config`, undefined to discover. */
  config?: string | false;
  /** Folder to start discovery from for an input that is not a path (stdin, a glob). */
  cwd?: string;
}

/** The config that applies to an input (null: none). */
export function configForInput(input: string, choice: ConfigChoice, allowRulePaths?: readonly string[]): ProjectConfig | null {
  if (choice.config === false) return null;
  if (typeof choice.config === "string") return loadConfig(choice.config, allowRulePaths);
  const abs = resolve(choice.cwd ?? ".", input);
  const start = existsSync(abs) ? (statSync(abs).isDirectory() ? abs : dirname(abs)) : resolve(choice.cwd ?? ".");
  const file = findConfigFile(start);
  return file ? loadConfig(file, allowRulePaths) : null;
}

