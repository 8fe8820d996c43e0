/**
 * @fileoverview `report-qc baseline write [inputs] --baseline FILE`: records the current findings as
 * accepted (config/baseline.ts), so `check --baseline FILE` shows only new ones.
 */
import type { Lang } from "../model/finding.js";
import type { SegmenterName } from "../segmenter/index.js";
import { configForInput } from "../config/config.js";
import { runConfigured } from "../config/run-configured.js";
import { writeBaseline } from "../config/baseline.js";

export interface BaselineFlags {
  baseline?: string;
  rules?: string;
  allowRulePaths?: string[];
  config?: string | false;
  lang: Lang;
  segmenter: SegmenterName;
  corpus?: string | false;
}

/** Default baseline file when neither --baseline nor the config names one. */
export const DEFAULT_BASELINE = ".report-qc-baseline.json";

export async function runBaselineWrite(inputs: string[], flags: BaselineFlags, stdout: NodeJS.WritableStream): Promise<number> {
  const choice = flags.config === undefined ? {} : { config: flags.config };
  const list = inputs.length ? inputs : ["."];
  const file = flags.baseline ?? configForInput(list[0]!, choice, flags.allowRulePaths)?.baseline ?? DEFAULT_BASELINE;
  const { model, texts, suppressed } = await runConfigured(
    list,
    {
      lang: flags.lang,
      segmenter: flags.segmenter,
      ...(flags.rules ? { rules: flags.rules } : {}),
      ...(flags.allowRulePaths?.length ? { allowRulePaths: flags.allowRulePaths } : {}),
      ...(flags.corpus !== undefined ? { corpus: flags.corpus } : {}),
    },
    choice,
    // Everything found is recorded, also what an older baseline already holds.
    { baseline: null },
  );
  const n = await writeBaseline(file, model, texts);
  for (const e of model.errors) stdout.write(`${e.path}: ${e.code} ${e.message}\n`);
  stdout.write(
    flags.lang === "en"
      ? `baseline written to ${file}: ${n.findings} finding(s) in ${n.documents} document(s)${suppressed ? ` (${suppressed} suppressed by comments, not recorded)` : ""}\n`
      : `基线已写入 ${file}：${n.documents} 份文档共 ${n.findings} 条问题${suppressed ? `（注释屏蔽的 ${suppressed} 条未记入）` : ""}\n`,
  );
  return model.errors.some((e) => ["E_NOT_FOUND", "E_NO_MATCH", "E_NOT_REGULAR"].includes(e.code)) ? 2 : 0;
}
