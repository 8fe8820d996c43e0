/**
 * @fileoverview The inline rule set of a project config (`extends:` + `rules:` in .report-qc.yaml):
 * the config text with its own keys blanked, so the rule-set loader reads it with every position kept.
 * Small and free of the CLI: the rule-set provider (also in worker threads) imports it.
 */
import { basename, resolve } from "node:path";
import { readDataFileSync } from "../files.js";
import { entries, parseSource, type SourceFile } from "../ruleset/yaml-source.js";
import { isMap } from "../ruleset/yaml-lazy.js";

export const CONFIG_NAMES = [".report-qc.yaml", ".report-qc.yml"] as const;

/** Top-level keys of the rule-file part (read by the rule-set loader). */
export const RULE_SET_KEYS: ReadonlySet<string> = new Set(["id", "name", "description", "extends", "appliesTo", "rules"]);

/** True when `path` names a project config (the rule-set provider then reads its inline rules). */
export function isConfigFile(path: string): boolean {
  return (CONFIG_NAMES as readonly string[]).includes(basename(path));
}

/**
 * The rule-file part of a config, positions kept: the config's own keys are blanked (same line and
 * column for everything else), and a missing `id` / `rules` appended at the end.
 */
export function inlineRuleText(src: SourceFile): string {
  let text = src.text;
  const root = src.doc.contents;
  const present = new Set<string>();
  if (isMap(root)) {
    // Blank from the end so earlier ranges stay valid.
    const own = entries(root).filter(({ key }) => !RULE_SET_KEYS.has(key));
    for (const { key } of entries(root)) present.add(key);
    own.sort((a, b) => (b.pair.key as { range: number[] }).range[0]! - (a.pair.key as { range: number[] }).range[0]!);
    for (const { pair } of own) {
      const start = (pair.key as { range: number[] }).range[0]!;
      const end = ((pair.value as { range?: number[] } | null)?.range?.[2] ?? (pair.key as { range: number[] }).range[2])!;
      text = text.slice(0, start) + text.slice(start, end).replace(/[^\n\r]/g, " ") + text.slice(end);
    }
  }
  if (!present.has("id")) text += "\nid: project\n";
  if (!present.has("rules")) text += "\nrules: {}\n";
  return text;
}

/** The inline rule text of a config file (for the rule-set provider, also in worker threads). */
export function configRuleText(file: string): string {
  return inlineRuleText(parseSource(resolve(file), readDataFileSync(resolve(file))));
}

