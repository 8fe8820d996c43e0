/**
 * @fileoverview Public entry points for rule sets: load a built-in set by name or a rule file by path
 * (with its whole `extends` chain), validate files, list the built-in sets. Loading never throws for a
 * mistake in a rule file: it returns `{ ok: false, problems }` with EVERY problem of every file in the
 * chain, each at an exact line and column.
 */
import { createHash } from "node:crypto";
import { basename, dirname, extname, resolve } from "node:path";
import type { CheckDefinition } from "../checks/define-check.js";
import { checkRegistry } from "../checks/index.js";
import { builtinFile, defaultBuiltinDir, isBuiltinName, isRegularFile, listBuiltinRuleSets, resolveRuleSetRef } from "./builtin.js";
import { displayPath, makeProblem, rememberSource, sortProblems } from "./errors.js";
import { listText } from "./messages.js";
import { resolveChain } from "./resolve.js";
import { readRuleFile, type ParsedRuleFile } from "./rule-file.js";
import type { LoadResult, ResolvedRuleSet, RuleProblem } from "./types.js";
import { parseSource } from "./yaml-source.js";
import { isTrustedPath, trustedRoots, type TrustedRoots } from "./rule-paths.js";
import { fileKindOf, NotRegularFileError, readDataFileSync, readFailure } from "../files.js";
import { statSync } from "node:fs";

export { listBuiltinRuleSets } from "./builtin.js";

export interface LoadOptions {
  /** Directory of the built-in rule files (default: the repo's `rules/`). */
  builtinDir?: string;
  /** Check types by `type` (default: `checkRegistry`); tests pass extra fake checks. */
  registry?: ReadonlyMap<string, CheckDefinition>;
  /**
   * Folders that `extends` and data-file options may reference besides the rule set's own folder and the
   * built-in rules (`--allow-rule-paths`; ruleset/rule-paths.ts).
   */
  allowRulePaths?: readonly string[];
}

/**
 * Loads a rule set and its `extends` chain.
 * @param nameOrPath a built-in name (`national`, `guangdong`, …) or a path to a YAML file (relative to the cwd)
 * @returns the resolved set, or every problem found in the chain
 */
export function loadRuleSet(nameOrPath: string, opts: LoadOptions = {}): LoadResult {
  const builtinDir = opts.builtinDir ?? defaultBuiltinDir();
  const file = resolveRuleSetRef(nameOrPath, process.cwd(), builtinDir);
  if (!file) {
    const at = { file: nameOrPath, line: 0, column: 0 };
    // A device or FIFO given as --rules: say what it is rather than "not found".
    const special = statSync(resolve(nameOrPath), { throwIfNoEntry: false });
    if (special && !special.isFile() && !special.isDirectory()) {
      return { ok: false, problems: [makeProblem("E_READ", at, "", { detail: readFailure(new NotRegularFileError(nameOrPath, fileKindOf(special))) })] };
    }
    return { ok: false, problems: [makeProblem("E_RULESET_MISSING", at, "", { name: nameOrPath, builtins: listText(listBuiltinRuleSets(builtinDir)) })] };
  }
  let text: string;
  try {
    text = readDataFileSync(file);
  } catch (e) {
    return { ok: false, problems: [makeProblem("E_READ", { file, line: 0, column: 0 }, "", { detail: readFailure(e) })] };
  }
  return loadChain(file, text, builtinDir, opts.registry ?? checkRegistry, trustedRoots(file, builtinDir, opts.allowRulePaths));
}

/**
 * Loads a rule set from YAML text, as if it were the file `fileName` (which need not exist; relative
 * `extends` paths are resolved from its directory).
 */
export function loadRuleSetFromString(yamlText: string, fileName: string, opts: LoadOptions = {}): LoadResult {
  const builtinDir = opts.builtinDir ?? defaultBuiltinDir();
  return loadChain(resolve(fileName), yamlText, builtinDir, opts.registry ?? checkRegistry, trustedRoots(fileName, builtinDir, opts.allowRulePaths));
}

/**
 * Validates rule files (names or paths), each with its extends chain.
 * @returns all problems, de-duplicated (a parent shared by several files is reported once), in file order
 */
export function validateRuleFiles(paths: readonly string[], opts: LoadOptions = {}): RuleProblem[] {
  const all: RuleProblem[] = [];
  for (const p of paths) {
    const r = loadRuleSet(p, opts);
    if (!r.ok) all.push(...r.problems);
  }
  return sortProblems(all);
}

interface Chain {
  /** Leaf first. */
  files: ParsedRuleFile[];
  texts: string[];
  /** True when the last file read is a real root (no `extends`). */
  rootReached: boolean;
  problems: RuleProblem[];
}

function loadChain(file: string, text: string, builtinDir: string, registry: ReadonlyMap<string, CheckDefinition>, roots: TrustedRoots): LoadResult {
  const chain = readChain(file, text, builtinDir, registry, roots);
  const rootFirst = [...chain.files].reverse();
  const resolved = resolveChain(rootFirst, chain.rootReached, builtinDir, setId, roots);
  const problems = sortProblems([...chain.problems, ...resolved.problems], chain.files.map((f) => f.src.file));
  if (problems.length) return { ok: false, problems };

  const leaf = chain.files[0]!;
  const ruleset: ResolvedRuleSet = {
    id: setId(leaf),
    name: leaf.name ?? setId(leaf),
    file,
    chain: chain.files.map(setId),
    rules: resolved.rules,
    disabled: resolved.disabled,
    // The nearest file that says `appliesTo` decides; none → all documents.
    appliesTo: { titlePatterns: chain.files.find((f) => f.appliesTo !== undefined)?.appliesTo ?? [] },
    hash: chainHash(rootFirst, [...chain.texts].reverse()),
  };
  if (leaf.description !== undefined) ruleset.description = leaf.description;
  return { ok: true, ruleset };
}

/** Reads the file and its parents until a root, a missing parent, a cycle or a broken file. */
function readChain(file: string, text: string, builtinDir: string, registry: ReadonlyMap<string, CheckDefinition>, roots: TrustedRoots): Chain {
  const chain: Chain = { files: [], texts: [], rootReached: false, problems: [] };
  let cur = { file, text };
  for (;;) {
    rememberSource(cur.file, cur.text);
    const parsed = readRuleFile(parseSource(cur.file, cur.text), registry);
    chain.files.push(parsed);
    chain.texts.push(cur.text);
    chain.problems.push(...parsed.problems);
    if (!parsed.usable) return chain;
    const ext = parsed.extends;
    if (!ext) {
      chain.rootReached = true;
      return chain;
    }
    const baseDir = dirname(cur.file);
    // The trust boundary comes before any look at the disk: a parent outside the allowed folders is
    // neither read (its lines would be quoted in problems) nor tested for existence.
    const outside = () => makeProblem("E_PATH_OUTSIDE", ext.pos, "extends", { path: ext.ref, allowed: listText(roots.map((r) => displayPath(r))) });
    const builtinParent = builtinFile(ext.ref, builtinDir);
    if (!(isBuiltinName(ext.ref) && isRegularFile(builtinParent)) && !isTrustedPath(resolve(baseDir, ext.ref), roots)) {
      chain.problems.push(outside());
      return chain;
    }
    // A file loaded from a string exists only in memory; a reference back to it is still a cycle.
    const inMemory = [resolve(baseDir, ext.ref), resolve(baseDir, `${ext.ref}.yaml`)].find((p) => chain.files.some((f) => f.src.file === p));
    const parentFile = resolveRuleSetRef(ext.ref, baseDir, builtinDir) ?? inMemory;
    if (!parentFile) {
      chain.problems.push(
        makeProblem("E_EXTENDS_MISSING", ext.pos, "extends", { name: ext.ref, builtins: listText(listBuiltinRuleSets(builtinDir)), path: displayPath(resolve(baseDir, ext.ref)) }),
      );
      return chain;
    }
    // A link inside an allowed folder may still point out of it.
    if (!isTrustedPath(parentFile, roots)) {
      chain.problems.push(outside());
      return chain;
    }
    const seenAt = chain.files.findIndex((f) => f.src.file === parentFile);
    if (seenAt >= 0) {
      const loop = chain.files.slice(seenAt).map(setId);
      chain.problems.push(makeProblem("E_EXTENDS_CYCLE", ext.pos, "extends", { cycle: [...loop, loop[0]!].join(" → ") }));
      return chain;
    }
    try {
      cur = { file: parentFile, text: readDataFileSync(parentFile) };
    } catch (e) {
      chain.problems.push(makeProblem("E_READ", ext.pos, "extends", { detail: readFailure(e) }));
      return chain;
    }
  }
}

/** The set's id, or the file stem when the id is missing (already reported). */
function setId(f: ParsedRuleFile): string {
  return f.id ?? basename(f.src.file, extname(f.src.file));
}

/** sha256 over each file's id and content, root first: any edit anywhere in the chain changes it. */
function chainHash(files: readonly ParsedRuleFile[], texts: readonly string[]): string {
  const h = createHash("sha256");
  files.forEach((f, i) => h.update(setId(f)).update("\u0000").update(texts[i]!).update("\u0000"));
  return h.digest("hex");
}
