/**
 * @fileoverview A check run with project configuration: inputs grouped by their nearest
 * `.report-qc.yaml` (or the one `--config` names), each group run with its config's rules and reference
 * archive (command-line options win), ignored files dropped, then the documents' inline suppressions
 * and the baseline applied. Groups are separate runs: documents under different configs are not compared
 * with each other for copying (one config per project is the expected case).
 */
import { existsSync } from "node:fs";
import type { InputError, ReportModel } from "../model/finding.js";
import { runPipeline, type ProcessedDocument, type RunOptions } from "../run.js";
import { expandInputs } from "../inputs.js";
import { configForInput, isIgnored, type ConfigChoice, type ProjectConfig } from "./config.js";
import { applySuppressions } from "./suppress.js";
import { applyBaseline, readBaseline } from "./baseline.js";


export interface ConfiguredResult {
  model: ReportModel;
  processed: ProcessedDocument[];
  /** Original text by document path (fingerprints, SARIF). */
  texts: Map<string, string>;
  ignored: number;
  suppressed: number;
  baselined: number;
}

/**
 * @param inputs as for runPipeline
 * @param discoverFrom per input, where its config is looked for (the stdin document's own name for `-`)
 * @param baseline a baseline file (null: none, not even the config's — `baseline write`); `required` false: a missing file (named by a config, not yet written) is no baseline
 * @param rename temporary path → display name (stdin, API text), applied before baselines (keys are display paths)
 */
export async function runConfigured(
  inputs: string[],
  options: RunOptions,
  choice: ConfigChoice,
  extra: { discoverFrom?: Map<string, string>; baseline?: { file: string; required: boolean } | null; rename?: { from: string; to: string } } = {},
): Promise<ConfiguredResult> {
  const groups = new Map<string, { config: ProjectConfig | null; inputs: string[] }>();
  for (const input of inputs) {
    const config = configForInput(extra.discoverFrom?.get(input) ?? input, choice, options.allowRulePaths);
    const key = config?.file ?? "";
    const g = groups.get(key) ?? { config, inputs: [] };
    g.inputs.push(input);
    groups.set(key, g);
  }
  const models: ReportModel[] = [];
  const processed: ProcessedDocument[] = [];
  let ignored = 0;
  for (const { config, inputs: groupInputs } of groups.values()) {
    let runInputs = groupInputs;
    const expansionErrors: InputError[] = [];
    if (config?.ignore.length) {
      const { files, errors } = await expandInputs(groupInputs);
      // The stdin document is ignored by its --stdin-filename, as ESLint does.
      runInputs = files.filter((f) => !isIgnored(config, extra.discoverFrom?.get(f) ?? f));
      ignored += files.length - runInputs.length;
      expansionErrors.push(...errors);
    }
    const run = await runPipeline(runInputs, {
      ...options,
      ...(options.rules === undefined && config?.rules ? { rules: config.rules } : {}),
      ...(options.corpus === undefined && config?.corpus !== undefined ? { corpus: config.corpus } : {}),
    });
    run.model.errors.unshift(...expansionErrors);
    models.push(run.model);
    processed.push(...run.processed);
  }
  const model: ReportModel = models.length === 1 ? models[0]! : { ...models[0]!, documents: models.flatMap((m) => m.documents), errors: models.flatMap((m) => m.errors) };
  if (extra.rename) {
    const { renamePath } = await import("../cli/stdin.js");
    renamePath(model, extra.rename.from, extra.rename.to);
  }
  const texts = new Map(processed.map((p) => [p.result.path, p.segmented.normalized.raw.original]));
  let suppressed = 0;
  for (const d of model.documents) {
    const original = texts.get(d.path);
    if (original === undefined) continue;
    const r = applySuppressions(original, d.findings);
    d.findings = r.findings;
    suppressed += r.suppressed;
  }
  let baselined = 0;
  // Without one named, the first input's config may name one (used once it has been written).
  const configBaseline = [...groups.values()][0]?.config?.baseline;
  const b = extra.baseline === null ? undefined : (extra.baseline ?? (configBaseline ? { file: configBaseline, required: false } : undefined));
  if (b && (b.required || existsSync(b.file))) baselined = applyBaseline(model, texts, await readBaseline(b.file), b.file);
  return { model, processed, texts, ignored, suppressed, baselined };
}
