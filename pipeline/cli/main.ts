/**
 * @fileoverview The `report-qc` command line: check, audit, fix, worker, rules validate, rules list.
 * Exit codes: 0 no error-severity findings; 1 error findings; 2 usage or configuration error.
 */
import { availableParallelism } from "node:os";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { Command, CommanderError, Option } from "commander";
import { overridesFrom } from "../stages/profile.js";
import type { ProfileOverrides } from "../model/document.js";
import type { Lang, ReportModel } from "../model/finding.js";
import { configForInput as configForInputSync } from "../config/config.js";
import { RuleSetLoadError } from "../ruleset-provider.js";
import { formatJson, parseFormats, sourcesFromProcessed, writeReports } from "../report/index.js";
import { listBuiltinRuleSets, loadRuleSet, validateRuleFiles } from "../ruleset/load.js";
import { displayPath, formatProblem } from "../ruleset/errors.js";
import type { RuleProblem } from "../ruleset/types.js";
import { SEGMENTER_NAMES, type SegmenterName } from "../segmenter/index.js";
import { TOOL } from "../version.js";
import { ARGUMENT_ERROR_CODES } from "../inputs.js";
import { formatStylish } from "./stylish.js";
import { assertWritableDir } from "../report/out-dir.js";

/** The input `-`: the document comes on standard input (cli/stdin.ts). */
const STDIN_ARG = "-";

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/**
 * Without --jobs, batches smaller than this run in-process. Measured on 2 shared cores (bench/pipeline.ts):
 * a worker costs ≈1.3 s to start (modules, rule sets, dictionary) and the per-document stages run 1.34×
 * faster on two workers, so the pool only pays off past roughly 200 documents of ~4,000 characters.
 */
const AUTO_POOL_MIN_FILES = 200;

interface CheckFlags {
  rules?: string;
  /** --allow-rule-paths, repeatable. */
  allowRulePaths: string[];
  json?: boolean;
  format: string;
  out?: string;
  lang: Lang;
  segmenter: SegmenterName;
  quiet?: boolean;
  jobs?: string;
  exitZero?: boolean;
  /** Reference archive for cross-document checks (false: --no-corpus). */
  corpus?: string | false;
  maxSize: string;
  /** Name of the document read from stdin (`check -`). */
  stdinFilename?: string;
  /** --config FILE, false for --no-config. */
  config?: string | false;
  baseline?: string;
  /** Set from the config (not a flag): its baseline, used when the file exists. */
  configBaseline?: string;
  /** Archive index (report-qc audit) used as reference archive. */
  index?: string;
  /** Profile overrides for every input. */
  genre?: string;
  docDate?: string;
  reportYear?: string;
  unit?: string;
}

/** Default archive index of `audit` (and of nothing else: `check` uses an index only when given). */
export const DEFAULT_INDEX = "reports-out/archive.db";

/** Runs the CLI; resolves to the exit code (never calls process.exit, so tests can call it). */
export async function main(argv: string[], io: { stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream; stdin?: NodeJS.ReadableStream } = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stdin = io.stdin ?? process.stdin;
  const stderr = io.stderr ?? process.stderr;
  let exitCode: number = EXIT.ok;
  const program = new Command();
  program
    .name("report-qc")
    .description("审查中文公文报告（法治政府建设年度报告等）的一致性与重复问题\nConsistency and duplication checks for Chinese official reports")
    .version(TOOL.version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => stdout.write(s), writeErr: (s) => stderr.write(s) })
    .addHelpText(
      "after",
      `
Examples:
  report-qc check draft.docx                    # one draft: findings in the terminal, reviews in reports-out/
  report-qc check corpus --json > result.json   # machine-readable result (schema/report.schema.json)
  report-qc rules validate my-province.yaml     # every rule-file problem as file:line:column
  report-qc check --help                        # all options of a command`,
    );

  program
    .command("check")
    .description("检查报告文件或目录 / check report files or directories")
    .argument("<inputs...>", "files, directories or globs, or - for standard input (.txt in UTF-8, UTF-16 with BOM or GBK/GB18030; Markdown .md/.markdown, or a .txt that is Markdown; .docx; .pdf; saved web pages .html/.htm)")
    .option("--rules <name|path>", "rule set: built-in name (national, guangdong, hubei, tianjin) or a YAML file; default: chosen per document by province")
    .option("--allow-rule-paths <dir>", ALLOW_RULE_PATHS_HELP, collectPaths, [] as string[])
    .option("--json", "print the whole result as one JSON object on stdout")
    .option("--format <list>", "files to write into --out: json,md,html,docx (html: a review page per document and index.html; docx: the document with one Word comment per finding); and what stdout shows: stylish (default) or sarif (SARIF 2.1.0)", "json,md,html")
    .option("--out <dir>", "output directory (default reports-out; with --json, or --format of stdout formats only, only when given)")
    .option("--stdin-filename <name>", "with the input -: the name of the document read from standard input (its extension picks the reader; shown in results)")
    .option("--config <file>", "project configuration (default: the nearest .report-qc.yaml above each input; see docs/config.md)")
    .option("--no-config", "ignore .report-qc.yaml files")
    .option("--baseline <file>", "hide the findings recorded in this baseline (written by `report-qc baseline write`); only new findings are shown")
    .addOption(new Option("--lang <lang>", "message language").choices(["zh", "en"]).default("zh"))
    .addOption(new Option("--segmenter <name>", "word segmenter").choices([...SEGMENTER_NAMES]).default("node-rs"))
    .option("--jobs <n>", `worker threads for reading, segmenting and checking documents (1: no threads; default: the number of cores, ${availableParallelism()} here, for batches of ${AUTO_POOL_MIN_FILES}+ files)`)
    .option("--quiet", "print only the final counts (no per-finding lines, no progress bar)")
    .option("--corpus <dir>", "reference archive the batch is compared with for copying and boilerplate (default: the bundled corpus/)")
    .option("--no-corpus", "compare the batch documents only with each other")
    .option("--index <db>", "archive index built by `report-qc audit`: its documents are the reference archive (instead of the bundled corpus/; add --corpus DIR for both)")
    .option("--max-size <MB>", "refuse input files larger than this (E_TOO_LARGE in errors)", "32")
    .option("--exit-zero", "exit 0 even when error findings exist (configuration errors still exit 2)")
    .option("--genre <genre>", "document genre for every input, instead of the one read from the text: law-gov-report (法治政府建设年度报告), gov-work-report (政府工作报告), info-disclosure-report, statistical-communique, news, interpretation (解读), template (范文), other")
    .option("--doc-date <date>", "the documents' own date (delivery or signature, e.g. 2019-01-08): dates plenary-session clauses and terms")
    .option("--report-year <year>", "the year the documents report on (the plan year is the next)")
    .option("--unit <name>", "the issuing unit (its level and province follow from the name)")
    .addHelpText(
      "after",
      `
Examples:
  report-qc check corpus                       # all reports in corpus/, rules by province, writes reports-out/
  report-qc check draft.txt --rules guangdong  # one draft with the Guangdong rule set
  report-qc check "archive/**/*.txt" --json > result.json
  report-qc check corpus --lang en --format md --out /tmp/review
  report-qc check drafts/ --corpus archive/     # copying/boilerplate against your own archive
  report-qc check draft.docx --index reports-out/archive.db   # copying from any audited report
  report-qc check drafts/ --format sarif > review.sarif        # SARIF 2.1.0 for code-scanning dashboards
  cat draft.md | report-qc check - --stdin-filename draft.md --json`,
    )
    .action(async (inputs: string[], flags: CheckFlags, cmd: Command) => {
      exitCode = await runCheck(inputs, withConfigDefaults(inputs, flags, cmd), stdout, stderr, stdin);
    });

  program
    .command("audit")
    .description("审计档案：加入归档索引，仅检查新增或变化的文档 / audit an archive incrementally into the archive index")
    .argument("[inputs...]", "files, directories or globs (as for check)")
    .option("--index <db>", "archive index (SQLite) to add to and reuse results from", DEFAULT_INDEX)
    .option("--rebuild-index", "move a damaged index aside (<db>.damaged-<time>) and start a new one with every row of it that still reads; the inputs are checked again where needed")
    .option("--queue <redis-url>", "distributed mode: enqueue the documents on BullMQ at redis://HOST:PORT for `report-qc worker` processes, then run the cross-document step here")
    .option("--status", "with --queue: print the queue's progress (waiting/active/completed/failed) and exit")
    .option("--batch-size <n>", "with --queue: documents per job", "20")
    .option("--rules <name|path>", "rule set: built-in name or a YAML file; default: chosen per document by province")
    .option("--allow-rule-paths <dir>", ALLOW_RULE_PATHS_HELP, collectPaths, [] as string[])
    .option("--format <list>", "files to write into --out: json,md,html,docx", "json,md,html")
    .option("--out <dir>", "output directory", "reports-out")
    .addOption(new Option("--lang <lang>", "message language").choices(["zh", "en"]).default("zh"))
    .addOption(new Option("--segmenter <name>", "word segmenter").choices([...SEGMENTER_NAMES]).default("node-rs"))
    .option("--max-size <MB>", "refuse input files larger than this (E_TOO_LARGE in errors)", "32")
    .option("--quiet", "print only the final counts")
    .option("--exit-zero", "exit 0 even when error findings exist")
    .addHelpText(
      "after",
      `
A document whose (content sha256, rule-set hash, tool version) already has a result in the index is not
checked again; an interrupted audit (Ctrl-C, kill -9) resumes where it stopped.

Examples:
  report-qc audit archive/                          # index at reports-out/archive.db, reports in reports-out/
  report-qc audit archive/ --index /data/gd.db --out /data/gd-review
  report-qc check draft.docx --index /data/gd.db     # then: copies from any audited report
  report-qc audit archive/ --queue redis://10.0.0.5:6379   # with report-qc worker processes on any machines
  report-qc audit --queue redis://10.0.0.5:6379 --status`,
    )
    .action(async (inputs: string[], flags: AuditFlags) => {
      if (flags.status) {
        if (!flags.queue) throw new Error("--status needs --queue redis://HOST:PORT");
        await preflightRedis(flags.queue);
        const { queueStatus } = await import("../queue/audit.js");
        stdout.write(await queueStatus(flags.queue));
        return;
      }
      if (!inputs.length) throw new Error("audit: give files or directories to audit");
      exitCode = flags.queue ? await runQueueAuditCommand(inputs, flags, stdout, stderr) : await runAuditCommand(inputs, flags, stdout, stderr);
    });

  program
    .command("worker")
    .description("分布式审计的工作进程 / process documents enqueued by `report-qc audit --queue`")
    .requiredOption("--queue <redis-url>", "Redis of the queue: redis://HOST:PORT")
    .option("--jobs <n>", "worker threads, also jobs in flight", "1")
    .option("--lock-ms <ms>", "BullMQ lock duration: a killed worker's job is handed to another after about this long", "30000")
    .option("--quiet", "no log lines")
    .addHelpText(
      "after",
      `
Runs until stopped (Ctrl-C / SIGTERM finish the jobs in hand). Input paths are read as the audit
machine gave them: workers need the same files at the same paths (a shared disk).

Examples:
  report-qc worker --queue redis://10.0.0.5:6379 --jobs 4`,
    )
    .action(async (flags: { queue: string; jobs: string; lockMs: string; quiet?: boolean }) => {
      const threads = Number(flags.jobs);
      const lockMs = Number(flags.lockMs);
      if (!Number.isInteger(threads) || threads < 1) throw new Error(`--jobs must be a positive integer, got "${flags.jobs}"`);
      if (!(lockMs >= 1000)) throw new Error(`--lock-ms must be at least 1000, got "${flags.lockMs}"`);
      await preflightRedis(flags.queue);
      const { startQueueWorker } = await import("../queue/worker.js");
      const log = flags.quiet ? undefined : (line: string) => stderr.write(`report-qc worker: ${line}\n`);
      const w = await startQueueWorker({ url: flags.queue, threads, lockMs, ...(log ? { log } : {}) });
      log?.(`ready (pid ${process.pid}, ${threads} thread(s))`);
      await new Promise<void>((resolveStop) => {
        const stop = () => void w.close().then(resolveStop, resolveStop);
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });

  program
    .command("fix")
    .description("写出改正后的副本：.docx 中为修订（在 Word 中逐条接受或拒绝），文本文件另附统一格式差异 / write a corrected copy: tracked changes in a .docx, a unified diff for text")
    .argument("<file>", "the file to correct (.docx, .txt, .md; a .pdf or web page gives corrected plain text)")
    .option("--rule <id...>", "only fixes of these rules (rule id such as national.terms, rule key such as terms, or check type such as punctuation)")
    .option("--out <path>", "corrected copy (default: <name>.fixed.<ext> beside the input; the diff is <out>.diff)")
    .option("--in-place", "overwrite the input file (a .docx gets the tracked changes; the diff is <file>.diff)")
    .option("--rules <name|path>", "rule set: built-in name or a YAML file; default: chosen by province")
    .option("--allow-rule-paths <dir>", ALLOW_RULE_PATHS_HELP, collectPaths, [] as string[])
    .addOption(new Option("--lang <lang>", "message language").choices(["zh", "en"]).default("zh"))
    .addOption(new Option("--segmenter <name>", "word segmenter").choices([...SEGMENTER_NAMES]).default("node-rs"))
    .addHelpText(
      "after",
      `
Fixes are the findings' mechanical corrections (the "fix" field of the JSON): term replacements, punctuation width
and pairs, range dashes, document-number brackets, years fixed by the document's own date. Overlapping fixes: the
first in the text is applied, the others are listed as skipped. The input is never overwritten without --in-place.

Examples:
  report-qc fix 草稿.docx                       # 草稿.fixed.docx with tracked changes by report-qc
  report-qc fix 草稿.txt --rule punctuation     # 草稿.fixed.txt and 草稿.fixed.txt.diff
  report-qc fix 草稿.md --in-place`,
    )
    .action(async (file: string, flags: FixFlags) => {
      exitCode = await runFixCommand(file, flags, stdout, stderr);
    });

  const baseline = program.command("baseline").description("基线：记录已接受的问题，之后只显示新问题 / baselines: record accepted findings, then show only new ones");
  baseline
    .command("write")
    .description("把当前全部问题写入基线文件 / record the current findings in a baseline file")
    .argument("[inputs...]", "files, directories or globs (default: the current folder)")
    .option("--baseline <file>", "baseline file to write (default: the config's baseline, else .report-qc-baseline.json)")
    .option("--rules <name|path>", "rule set: built-in name or a YAML file; default: the config's, else chosen per document by province")
    .option("--allow-rule-paths <dir>", ALLOW_RULE_PATHS_HELP, collectPaths, [] as string[])
    .option("--config <file>", "project configuration (default: the nearest .report-qc.yaml)")
    .option("--no-config", "ignore .report-qc.yaml files")
    .option("--corpus <dir>", "reference archive (as for check)")
    .option("--no-corpus", "compare the documents only with each other")
    .addOption(new Option("--lang <lang>", "message language").choices(["zh", "en"]).default("zh"))
    .addOption(new Option("--segmenter <name>", "word segmenter").choices([...SEGMENTER_NAMES]).default("node-rs"))
    .addHelpText("after", "\nExamples:\n  report-qc baseline write drafts/ --baseline .report-qc-baseline.json\n  report-qc check drafts/ --baseline .report-qc-baseline.json   # only findings not in the baseline")
    .action(async (inputs: string[], flags: import("./baseline-command.js").BaselineFlags & { allowRulePaths: string[] }) => {
      const { runBaselineWrite } = await import("./baseline-command.js");
      exitCode = await runBaselineWrite(inputs, { ...flags, ...allowOption(flags.allowRulePaths) }, stdout);
    });

  const rules = program.command("rules").description("规则文件工具 / rule-file tools");
  rules
    .command("validate")
    .description("校验规则文件（含 extends 链），列出全部问题 / validate rule files and their extends chains")
    .argument("[files...]", "YAML rule files; default: every built-in rule set")
    .option("--allow-rule-paths <dir>", ALLOW_RULE_PATHS_HELP, collectPaths, [] as string[])
    .addOption(new Option("--lang <lang>").choices(["zh", "en"]).default("zh"))
    .addHelpText("after", "\nExamples:\n  report-qc rules validate\n  report-qc rules validate my-province.yaml")
    .action((files: string[], flags: { lang: Lang; allowRulePaths: string[] }) => {
      const problems = files.length ? validateRuleFiles(files, allowOption(flags.allowRulePaths)) : listBuiltinRuleSets().flatMap((n) => problemsOf(n));
      printProblems(problems, flags.lang, stderr);
      if (!problems.length) stdout.write(flags.lang === "en" ? "rule files OK\n" : "规则文件校验通过\n");
      exitCode = problems.length ? EXIT.usage : EXIT.ok;
    });
  rules
    .command("list")
    .description("列出解析后的规则集 / list the rules of a resolved rule set")
    .option("--rules <name|path>", "rule set", "national")
    .option("--allow-rule-paths <dir>", ALLOW_RULE_PATHS_HELP, collectPaths, [] as string[])
    .addOption(new Option("--lang <lang>").choices(["zh", "en"]).default("zh"))
    .addHelpText("after", "\nExamples:\n  report-qc rules list --rules guangdong")
    .action((flags: { rules: string; lang: Lang; allowRulePaths: string[] }) => {
      const r = loadRuleSet(flags.rules, allowOption(flags.allowRulePaths));
      if (!r.ok) {
        printProblems(r.problems, flags.lang, stderr);
        exitCode = EXIT.usage;
        return;
      }
      const rs = r.ruleset;
      stdout.write(`${rs.id} (${rs.name}) extends: ${rs.chain.slice(1).join(" → ") || "-"}\n`);
      for (const rule of rs.rules) {
        const origin = rule.origin.map((o) => `${displayPath(o.file)}:${o.line}`).join(" ← ");
        stdout.write(`  ${rule.id.padEnd(36)} ${rule.type.padEnd(20)} ${rule.severity.padEnd(8)} ${origin}\n`);
      }
      for (const id of rs.disabled) stdout.write(`  ${id.padEnd(36)} ${"(off)".padEnd(20)}\n`);
    });

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof RuleSetLoadError) {
      printProblems(e.problems, "zh", stderr);
      return EXIT.usage;
    }
    stderr.write(`report-qc: ${(e as Error).message}\n`);
    return EXIT.usage;
  }
  return exitCode;
}

const ALLOW_RULE_PATHS_HELP =
  "a folder that rule files may reference with extends or data-file options, besides the rule set's own folder and the built-in rules/ (repeat for several)";

/** Commander collector for a repeatable option. */
function collectPaths(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--allow-rule-paths` as load/run options: absolute, so worker threads and queue workers read them alike. */
function allowOption(dirs: readonly string[] | undefined): { allowRulePaths?: string[] } {
  if (!dirs?.length) return {};
  for (const d of dirs) if (!existsSync(d)) throw new Error(`--allow-rule-paths: no such folder: ${d}`);
  return { allowRulePaths: dirs.map((d) => resolve(d)) };
}

function problemsOf(name: string): RuleProblem[] {
  const r = loadRuleSet(name);
  return r.ok ? [] : r.problems;
}

function printProblems(problems: RuleProblem[], lang: Lang, stderr: NodeJS.WritableStream): void {
  for (const p of problems) stderr.write(formatProblem(p, lang) + "\n");
  if (problems.length) stderr.write(lang === "en" ? `${problems.length} problem(s) in rule files\n` : `规则文件共有 ${problems.length} 处问题\n`);
}

interface FixFlags {
  allowRulePaths: string[];
  rule?: string[];
  out?: string;
  inPlace?: boolean;
  rules?: string;
  lang: Lang;
  segmenter: SegmenterName;
}

async function runFixCommand(file: string, flags: FixFlags, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  const { fixFile, FixUsageError } = await import("../fix/run.js");
  const { formatFixSummary } = await import("./fix-summary.js");
  try {
    const result = await fixFile(file, {
      lang: flags.lang,
      segmenter: flags.segmenter,
      only: flags.rule ?? [],
      ...(flags.rules ? { rules: flags.rules } : {}),
      ...allowOption(flags.allowRulePaths),
      ...(flags.out ? { out: flags.out } : {}),
      ...(flags.inPlace ? { inPlace: true } : {}),
    });
    stdout.write(formatFixSummary(result, flags.lang));
    return EXIT.ok;
  } catch (e) {
    if (e instanceof FixUsageError) {
      stderr.write(`report-qc fix: ${flags.lang === "en" ? e.en : e.zh}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

interface AuditFlags {
  index: string;
  rules?: string;
  allowRulePaths: string[];
  format: string;
  out: string;
  lang: Lang;
  segmenter: SegmenterName;
  maxSize: string;
  quiet?: boolean;
  exitZero?: boolean;
  queue?: string;
  status?: boolean;
  batchSize: string;
  rebuildIndex?: boolean;
}

async function runQueueAuditCommand(inputs: string[], flags: AuditFlags, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  const formats = parseFormats(flags.format);
  const maxMb = Number(flags.maxSize);
  if (!(maxMb > 0)) throw new Error(`--max-size must be a positive number of MB, got "${flags.maxSize}"`);
  const batchSize = Number(flags.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`--batch-size must be a positive integer, got "${flags.batchSize}"`);
  await assertWritableDir(flags.out);
  await preflightRedis(flags.queue!);
  const { runQueueAudit } = await import("../queue/audit.js");
  const { model, processed, stats } = await runQueueAudit(inputs, {
    url: flags.queue!,
    batchSize,
    lang: flags.lang,
    segmenter: flags.segmenter,
    maxBytes: Math.round(maxMb * 1024 * 1024),
    ...(flags.rules ? { rules: flags.rules } : {}),
    ...allowOption(flags.allowRulePaths),
    ...(flags.quiet ? {} : { log: (line: string) => stderr.write(`report-qc audit: ${line}\n`) }),
  });
  await writeReports(model, flags.out, formats, flags.lang, sourcesFromProcessed(processed));
  stdout.write(formatStylish(model, flags.lang, { quiet: true, outDir: flags.out }));
  stdout.write(
    `${stats.documents} documents in ${stats.jobs} jobs, ${stats.failed} failed${stats.requeued ? `, ${stats.requeued} jobs enqueued again` : ""} (queue ${(stats.queueMs / 1000).toFixed(1)} s, total ${(stats.ms / 1000).toFixed(1)} s; run ${stats.runId})\n`,
  );
  if (model.errors.some((e) => ARGUMENT_ERROR_CODES.has(e.code))) return EXIT.usage;
  return flags.exitZero ? EXIT.ok : exitCodeFor(model);
}

async function runAuditCommand(inputs: string[], flags: AuditFlags, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  const formats = parseFormats(flags.format);
  const maxMb = Number(flags.maxSize);
  if (!(maxMb > 0)) throw new Error(`--max-size must be a positive number of MB, got "${flags.maxSize}"`);
  await assertWritableDir(flags.out);
  const { runAudit } = await import("../archive/audit.js");
  const { model, processed, stats } = await runAudit(inputs, {
    index: flags.index,
    ...(flags.rebuildIndex ? { rebuildIndex: true } : {}),
    lang: flags.lang,
    segmenter: flags.segmenter,
    maxBytes: Math.round(maxMb * 1024 * 1024),
    ...(flags.rules ? { rules: flags.rules } : {}),
    ...allowOption(flags.allowRulePaths),
  });
  await writeReports(model, flags.out, formats, flags.lang, sourcesFromProcessed(processed));
  stdout.write(formatStylish(model, flags.lang, { quiet: true, outDir: flags.out }));
  const rb = stats.rebuilt;
  if (rb) {
    stderr.write(
      rb.movedTo
        ? flags.lang === "en"
          ? `index rebuilt: the old one is kept as ${rb.movedTo}; ${rb.documents} documents and ${rb.results} results read back from it, ${rb.unreadable} unreadable rows left out\n`
          : `索引已重建：旧索引保留为 ${rb.movedTo}；从中读回 ${rb.documents} 份文档、${rb.results} 条结果，${rb.unreadable} 行无法读取已略去\n`
        : flags.lang === "en"
          ? `index rebuilt: there was none at ${flags.index}, a new one was created\n`
          : `索引已重建：${flags.index} 原不存在，已新建\n`,
    );
  }
  if (stats.unreadableRows) {
    stderr.write(
      flags.lang === "en"
        ? `${stats.unreadableRows} unreadable row(s) in ${flags.index} were treated as missing: computed again (documents checked again) and rewritten\n`
        : `${flags.index} 中有 ${stats.unreadableRows} 行无法读取，按缺失处理：已重新计算（文档重新检查）并覆盖\n`,
    );
  }
  const secs = (stats.ms / 1000).toFixed(1);
  stdout.write(
    flags.lang === "en"
      ? `${stats.processed} processed, ${stats.unchanged} unchanged${stats.failed ? `, ${stats.failed} failed` : ""} (${secs} s; index ${flags.index})\n`
      : `${stats.processed} processed, ${stats.unchanged} unchanged${stats.failed ? `, ${stats.failed} failed` : ""}（新检查 ${stats.processed} 份，未变 ${stats.unchanged} 份；${secs} 秒；索引 ${flags.index}）\n`,
  );
  if (model.errors.some((e) => ARGUMENT_ERROR_CODES.has(e.code))) return EXIT.usage;
  return flags.exitZero ? EXIT.ok : exitCodeFor(model);
}

/** `--genre`, `--doc-date`, `--report-year`, `--unit` → profile overrides (a bad value is a usage error). */
function profileFlags(flags: CheckFlags): { profile?: ProfileOverrides } {
  const profile = overridesFrom({ genre: flags.genre, doc_date: flags.docDate, report_year: flags.reportYear, unit: flags.unit });
  if (flags.genre && !profile.genre) throw new Error(`--genre: unknown genre "${flags.genre}" (law-gov-report, gov-work-report, info-disclosure-report, statistical-communique, news, interpretation, template, other)`);
  if (flags.docDate && !profile.date) throw new Error(`--doc-date: not a date: "${flags.docDate}" (example: 2019-01-08)`);
  if (flags.reportYear && profile.reportYear === undefined) throw new Error(`--report-year: not a year: "${flags.reportYear}"`);
  return Object.keys(profile).length ? { profile } : {};
}

async function runCheck(inputs: string[], flags: CheckFlags, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream, stdin: NodeJS.ReadableStream): Promise<number> {
  const { fileFormats, stdoutFormat } = splitFormats(flags.format);
  const formats = parseFormats(fileFormats.join(","));
  if (flags.index && !existsSync(flags.index)) throw new Error(`archive index not found: ${flags.index} (build it with: report-qc audit DIR --index ${flags.index})`);
  // Default: one worker per core, but only for batches large enough to repay the workers' start-up
  // (each loads modules, rule sets and the dictionary: ≈1–2 s on 2 cores, about 20 documents' work).
  const jobs = flags.jobs === undefined ? availableParallelism() : Number(flags.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs must be a positive integer, got "${flags.jobs}"`);
  const maxMb = Number(flags.maxSize);
  if (!(maxMb > 0)) throw new Error(`--max-size must be a positive number of MB, got "${flags.maxSize}"`);
  // SARIF/JSON on stdout, or only stdout formats asked for: report files only with an explicit --out.
  const outDir = flags.out ?? (flags.json || stdoutFormat === "sarif" || !formats.length ? undefined : "reports-out");
  if (outDir) await assertWritableDir(outDir);
  const showBar = !flags.quiet && !flags.json && Boolean((stderr as NodeJS.WriteStream).isTTY);
  // The progress bar is for a terminal only: loaded then.
  const cliProgress = showBar ? (await import("cli-progress")).default : null;
  const bar = cliProgress ? new cliProgress.SingleBar({ stream: stderr as NodeJS.WriteStream, format: "{bar} {value}/{total} {file}", hideCursor: true }, cliProgress.Presets.shades_classic) : null;
  let started = false;
  const stdinInput = inputs.includes(STDIN_ARG) ? await (await import("./stdin.js")).readStdinInput(stdin, flags.stdinFilename, Math.round(maxMb * 1024 * 1024)) : undefined;
  if (stdinInput) inputs = inputs.map((i) => (i === STDIN_ARG ? stdinInput.path : i));
  try {
  const { runConfigured } = await import("../config/run-configured.js");
  const baselineFile = flags.baseline ?? flags.configBaseline;
  const { model, processed, texts, ignored, suppressed, baselined } = await runConfigured(inputs, {
    lang: flags.lang,
    segmenter: flags.segmenter,
    jobs,
    ...(flags.jobs === undefined ? { minFilesForPool: AUTO_POOL_MIN_FILES } : {}),
    maxBytes: Math.round(maxMb * 1024 * 1024),
    ...(flags.rules ? { rules: flags.rules } : {}),
    ...allowOption(flags.allowRulePaths),
    ...(flags.corpus !== undefined ? { corpus: flags.corpus } : {}),
    ...(flags.index ? { index: flags.index } : {}),
    ...profileFlags(flags),
    onProgress(done, total, path) {
      if (!bar) return;
      if (!started) {
        bar.start(total, 0, { file: "" });
        started = true;
      }
      bar.update(done, { file: path });
    },
  }, configChoice(flags), {
    ...(stdinInput ? { discoverFrom: new Map([[stdinInput.path, flags.stdinFilename ?? "."]]), rename: { from: stdinInput.path, to: stdinInput.displayName } } : {}),
    ...(baselineFile ? { baseline: { file: baselineFile, required: flags.baseline !== undefined } } : {}),
  });
  bar?.stop();
  if (outDir && formats.length) await writeReports(model, outDir, formats, flags.lang, sourcesFromProcessed(processed));
  const machineOutput = flags.json || stdoutFormat === "sarif";
  if (flags.json) stdout.write(formatJson(model));
  else if (stdoutFormat === "sarif") {
    const { formatSarif } = await import("../report/sarif.js");
    stdout.write(formatSarif(model, flags.lang, texts));
  } else stdout.write(formatStylish(model, flags.lang, { quiet: Boolean(flags.quiet), outDir }));
  const notes = [
    ignored ? (flags.lang === "en" ? `${ignored} file(s) ignored by the config` : `配置忽略了 ${ignored} 个文件`) : "",
    suppressed ? (flags.lang === "en" ? `${suppressed} finding(s) suppressed by report-qc-disable comments` : `文中 report-qc-disable 注释屏蔽了 ${suppressed} 条问题`) : "",
    baselined ? (flags.lang === "en" ? `${baselined} finding(s) in the baseline not shown` : `基线中已有 ${baselined} 条问题，未显示`) : "",
  ].filter(Boolean);
  if (notes.length) (machineOutput ? stderr : stdout).write(notes.join("; ") + "\n");
  // The batch dashboard is what a reader opens first: end with its path.
  if (outDir && formats.includes("html")) {
    const index = resolve(outDir, "index.html");
    (machineOutput ? stderr : stdout).write(`${flags.lang === "en" ? "Review dashboard" : "审查总览"}: ${index}\n`);
  }
  // A mistyped path or a glob that matches nothing is a usage error: a CI step must not pass on a typo.
  if (model.errors.some((e) => ARGUMENT_ERROR_CODES.has(e.code))) return EXIT.usage;
  return flags.exitZero ? EXIT.ok : exitCodeFor(model);
  } finally {
    await stdinInput?.cleanup();
  }
}

/** --config / --no-config as the configured run's choice. */
function configChoice(flags: { config?: string | false }): { config?: string | false } {
  return flags.config === undefined || flags.config === (true as unknown) ? {} : { config: flags.config };
}

/**
 * Output defaults from the project config of the first input (`format`, `out`, `lang`, `baseline`):
 * options given on the command line win.
 */
function withConfigDefaults<T extends { format: string; out?: string; lang: Lang; config?: string | false; stdinFilename?: string; configBaseline?: string }>(inputs: string[], flags: T, cmd: Command): T {
  const choice = configChoice(flags);
  if (choice.config === false || !inputs.length) return flags;
  // Loaded lazily: a run without a config file pays only for the folder walk.
  const first = inputs[0] === STDIN_ARG ? (flags.stdinFilename ?? ".") : inputs[0]!;
  const config = configForInputSync(first, choice, (flags as { allowRulePaths?: string[] }).allowRulePaths);
  if (!config) return flags;
  const given = (name: string) => cmd.getOptionValueSource(name) === "cli";
  const out = { ...flags };
  if (config.format && !given("format")) out.format = config.format;
  if (config.out && !given("out")) out.out = config.out;
  if (config.lang && !given("lang")) out.lang = config.lang;
  if (config.baseline) out.configBaseline = config.baseline;
  return out;
}

/** Formats of stdout (`--format sarif|stylish`), as opposed to the files written into --out. */
const STDOUT_FORMATS = ["sarif", "stylish"] as const;

function splitFormats(list: string): { fileFormats: string[]; stdoutFormat: (typeof STDOUT_FORMATS)[number] } {
  const names = list.split(",").map((s) => s.trim()).filter(Boolean);
  const std = names.filter((n): n is (typeof STDOUT_FORMATS)[number] => (STDOUT_FORMATS as readonly string[]).includes(n));
  if (std.length > 1) throw new Error(`--format: choose one of sarif, stylish for stdout, not both`);
  return { fileFormats: names.filter((n) => !std.includes(n as never)), stdoutFormat: std[0] ?? "stylish" };
}

/** Fails fast (exit 2, bounded) when the queue's Redis is unusable, before the queue modules (BullMQ, the pipeline) load. */
async function preflightRedis(url: string): Promise<void> {
  const { checkRedis } = await import("../queue/common.js");
  await checkRedis(url);
}

export function exitCodeFor(model: ReportModel): number {
  return model.documents.some((d) => d.findings.some((f) => f.severity === "error")) ? EXIT.findings : EXIT.ok;
}
