/**
 * @fileoverview Where the built-in rule files live and how a rule-set reference (`extends: national`,
 * `--rules guangdong`, `--rules ./my.yaml`) becomes a file. Built-in sets are `rules/national.yaml` and
 * `rules/provinces/<id>.yaml`.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Names that may refer to a built-in set (lowercase pinyin); anything else is a path. */
const BUILTIN_NAME_RE = /^[a-z][a-z0-9-]*$/;

let repoRootCache: string | undefined;

/**
 * The directory holding package.json above this module. The module runs from the source tree
 * (pipeline/ruleset/) under vitest and from dist/pipeline/ruleset/ when compiled, so walk up instead
 * of counting `..`.
 */
export function repoRoot(): string {
  if (repoRootCache) return repoRootCache;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return (repoRootCache = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error(`package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** The repo's `rules/` directory. */
export function defaultBuiltinDir(): string {
  return join(repoRoot(), "rules");
}

/** File of a built-in set, whether or not it exists. */
export function builtinFile(name: string, builtinDir = defaultBuiltinDir()): string {
  return name === "national" ? join(builtinDir, "national.yaml") : join(builtinDir, "provinces", `${name}.yaml`);
}

/** Built-in rule-set names: `national` first, then the province files, sorted. */
export function listBuiltinRuleSets(builtinDir = defaultBuiltinDir()): string[] {
  const names: string[] = [];
  if (existsSync(join(builtinDir, "national.yaml"))) names.push("national");
  const dir = join(builtinDir, "provinces");
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).sort()) {
      const m = /^([a-z][a-z0-9-]*)\.yaml$/.exec(f);
      if (m && m[1] !== "national") names.push(m[1]!);
    }
  }
  return names;
}

/** True when `ref` names an existing built-in set (which then wins over a file of that name, see resolveRuleSetRef). */
export function isBuiltinRef(ref: string, builtinDir = defaultBuiltinDir()): boolean {
  return BUILTIN_NAME_RE.test(ref) && isFile(builtinFile(ref, builtinDir));
}

/**
 * Resolves a reference to a rule file: a built-in name wins, then a path relative to `baseDir`
 * (also tried with `.yaml`/`.yml` appended).
 * @returns absolute path, or null when nothing matches
 */
export function resolveRuleSetRef(ref: string, baseDir: string, builtinDir = defaultBuiltinDir()): string | null {
  if (BUILTIN_NAME_RE.test(ref)) {
    const f = builtinFile(ref, builtinDir);
    if (isFile(f)) return f;
  }
  const p = resolve(baseDir, ref);
  for (const candidate of [p, `${p}.yaml`, `${p}.yml`]) if (isFile(candidate)) return candidate;
  return null;
}

/** True for a name that may refer to a built-in set (`national`, `guangdong`). */
export function isBuiltinName(ref: string): boolean {
  return BUILTIN_NAME_RE.test(ref);
}

/** A regular file (after links); a device or FIFO is never a rule file. */
export function isRegularFile(p: string): boolean {
  return isFile(p);
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
