/**
 * @fileoverview Data files named by rule options (word lists, parts, phrases, region files, the knowledge
 * base, the background model): where a name points, whether the rule set may read it (the trust boundary
 * of ruleset/rule-paths.ts), and reading it bounded. Every check that reads a file named in its options
 * goes through here, so a rule file cannot make report-qc read a device, a FIFO or a file outside its
 * folders, and error messages never quote a line of the file.
 */
import { isAbsolute, join, resolve } from "node:path";
import { parse } from "../ruleset/yaml-lazy.js";
import { readDataFileSync, readFailure } from "../files.js";
import { isTrustedPath } from "../ruleset/rule-paths.js";
import { CompileError, type CompileEnv } from "./define-check.js";

/** A data path outside the folders the rule set may read: reported as E_PATH_OUTSIDE at the option. */
export class RulePathError extends CompileError {
  constructor(
    /** The path as the rule file wrote it. */
    readonly written: string,
    path: (string | number)[],
  ) {
    super(`“${written}” is outside the rule set's folder and the built-in rules folder`, path);
    this.name = "RulePathError";
  }
}

/**
 * Resolves a data-file option (absolute as is; `./x`, `../x` relative to the rule file; anything else
 * relative to rules/) and checks that the rule set may read it.
 * @throws RulePathError (with `optionPath`) when it may not
 */
export function dataFilePath(file: string, env: CompileEnv, optionPath: (string | number)[]): string {
  const full = isAbsolute(file) ? file : /^\.\.?[\\/]/.test(file) ? resolve(env.ruleFileDir, file) : join(env.builtinRulesDir, file);
  assertTrustedPath(full, file, env, optionPath);
  return full;
}

/** @throws RulePathError when `full` lies outside the rule set's trusted folders (no check without `env.trustedRoots`). */
export function assertTrustedPath(full: string, written: string, env: CompileEnv, optionPath: (string | number)[]): void {
  if (env.trustedRoots && !isTrustedPath(full, env.trustedRoots)) throw new RulePathError(written, optionPath);
}

/**
 * Reads and parses a YAML data file: regular files only, bounded. Messages are one line and name the file
 * and the position, never its content.
 * @param what what the file is, for messages ("word list")
 * @throws CompileError with `optionPath`
 */
export function readDataYaml(full: string, optionPath: (string | number)[], what: string): unknown {
  let text: string;
  try {
    text = readDataFileSync(full);
  } catch (e) {
    throw new CompileError(`cannot read ${what} ${full}: ${readFailure(e).en}`, optionPath);
  }
  try {
    return parse(text, { prettyErrors: true });
  } catch (e) {
    // yaml's first line says what and where ("… at line 3, column 5:"); the lines after it quote the file.
    throw new CompileError(`${what} ${full}: ${((e as Error).message ?? String(e)).split("\n")[0]!.replace(/:$/, "")}`, optionPath);
  }
}
