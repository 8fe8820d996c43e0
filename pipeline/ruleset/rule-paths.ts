/**
 * @fileoverview The trust boundary of rule files. A rule file is configuration someone may hand over (a
 * province's set, a colleague's draft rules): it must not make report-qc read, and echo in its error
 * messages, files elsewhere on the machine (`extends: ../../../etc/shadow`, `listFile: /dev/zero`). So
 * `extends` and every data file an option names (word lists, parts, phrases, the knowledge base, region
 * files, the background model) must lie, after symbolic links are resolved, under
 * - the folder of the rule set being loaded (the file given to --rules, or the one being validated),
 * - the built-in rules folder (rules/),
 * - a folder given with --allow-rule-paths.
 * Anything else is E_PATH_OUTSIDE at the line that names it, and is neither read nor tested for existence.
 */
import { realpathSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";

/** Folders (real paths) that rule files may reference. */
export type TrustedRoots = readonly string[];

/** The real path, or for a path that does not exist, the real path of its nearest existing ancestor plus the rest. */
export function realPathOf(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    const up = dirname(abs);
    if (up === abs) return abs;
    return resolve(realPathOf(up), relative(up, abs));
  }
}

/**
 * @param ruleSetFile the rule file being loaded (the leaf of its extends chain)
 * @param builtinDir the built-in rules folder
 * @param allowed folders the user trusted with --allow-rule-paths (relative to the working directory)
 */
export function trustedRoots(ruleSetFile: string, builtinDir: string, allowed: readonly string[] = []): TrustedRoots {
  const roots = [dirname(resolve(ruleSetFile)), builtinDir, ...allowed].map(realPathOf);
  return [...new Set(roots)];
}

/** True when `path` (after resolving symbolic links) is one of the roots or inside one. */
export function isTrustedPath(path: string, roots: TrustedRoots): boolean {
  const real = realPathOf(path);
  return roots.some((root) => {
    const rel = relative(root, real);
    return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
  });
}
