/**
 * @fileoverview Expands the CLI's file/dir/glob arguments into a sorted list of input files, and
 * reads `index.tsv` metadata (file, unit, province, report year, source form) next to them.
 */
import type { Stats } from "node:fs";
import { lstat, readdir, stat } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { glob } from "tinyglobby";
import type { DocumentMeta, ProfileOverrides } from "./model/document.js";
import type { InputError } from "./model/finding.js";
import { supportedExtensions } from "./formats/index.js";
import { overridesFrom } from "./stages/profile.js";
import { fileKindOf, MAX_DATA_FILE_BYTES, readRegularFile } from "./files.js";

const SKIPPED_DIRS = new Set(["node_modules", "reports-out"]);

/** Files in a directory that are never report inputs. */
const IGNORED_NAMES = new Set(["index.tsv", "readme.md", "readme.txt", ".gitkeep"]);

/**
 * Error codes meaning the command line named something that cannot be an input: a usage error (exit 2).
 * E_NOT_REGULAR: a device, FIFO or socket (named, matched by a glob, or found in a folder) is never read.
 */
export const ARGUMENT_ERROR_CODES: ReadonlySet<string> = new Set(["E_NOT_FOUND", "E_NO_MATCH", "E_NOT_REGULAR"]);

/**
 * Files named, matched or found in folders. Symbolic links are followed to what they name; only regular
 * files are inputs: a device or FIFO is an E_NOT_REGULAR error (reading /dev/zero never ends, opening a
 * FIFO waits for a writer), and the rest of the batch goes on.
 */
export async function expandInputs(args: string[]): Promise<{ files: string[]; errors: InputError[] }> {
  const files: string[] = [];
  const errors: InputError[] = [];
  const exts = new Set(supportedExtensions());
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (info?.isDirectory()) {
      files.push(...(await walk(arg, exts, errors)));
    } else if (info?.isFile()) {
      files.push(arg);
    } else if (info) {
      errors.push(notRegular(arg, info));
    } else if (/[*?[{]/.test(arg)) {
      const matched = (await glob(arg, { onlyFiles: true, expandDirectories: false })).sort();
      if (matched.length === 0) errors.push({ path: arg, code: "E_NO_MATCH", message: `没有文件匹配：${arg} / no file matches` });
      for (const m of matched) {
        const target = await stat(m).catch(() => null);
        if (target?.isFile()) files.push(m);
        else if (target && !target.isDirectory()) errors.push(notRegular(m, target));
        else if (!target) errors.push(brokenLink(m));
      }
    } else {
      const link = await lstat(arg).catch(() => null);
      errors.push(link?.isSymbolicLink() ? { ...brokenLink(arg), code: "E_NOT_FOUND" } : { path: arg, code: "E_NOT_FOUND", message: `文件或目录不存在：${arg} / no such file or directory` });
    }
  }
  // The same file named twice (dir + file) is read once.
  const seen = new Set<string>();
  return { files: files.filter((f) => !seen.has(resolve(f)) && seen.add(resolve(f))), errors };
}

function notRegular(path: string, info: Stats): InputError {
  const kind = fileKindOf(info);
  return { path, code: "E_NOT_REGULAR", message: `不是普通文件（${kind.zh}），不读取：${path} / not a regular file (${kind.en}), not read` };
}

function brokenLink(path: string): InputError {
  return { path, code: "E_READ", message: `符号链接指向不存在的文件：${path} / broken symbolic link` };
}

/**
 * Report files under `dir`. A symbolic link to a file is read like the file; a symbolic link to a folder
 * is not entered (a link to / or to a parent would scan the disk or loop): name that folder instead.
 */
async function walk(dir: string, exts: Set<string>, errors: InputError[]): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    // Hidden folders, dependencies and earlier outputs (reports-out/ holds our own .html/.json) are never inputs.
    if (e.name.startsWith(".") || SKIPPED_DIRS.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      out.push(...(await walk(p, exts, errors)));
      continue;
    }
    if (!exts.has(extname(e.name).toLowerCase()) || IGNORED_NAMES.has(e.name.toLowerCase())) continue;
    if (e.isFile()) {
      out.push(p);
      continue;
    }
    // A link, FIFO, device or socket with a report's extension: follow links, refuse the rest by name.
    const target = await stat(p).catch(() => null);
    if (target?.isFile()) out.push(p);
    else if (!target) errors.push(brokenLink(p));
    else if (!target.isDirectory()) errors.push(notRegular(p, target));
  }
  return out;
}

/** Reads `<dir>/index.tsv` once per directory and answers metadata per file. */
export class IndexTsvCache {
  private readonly dirs = new Map<string, Promise<Map<string, DocumentMeta>>>();

  /** @param overrides profile fields given on the command line: they win over index.tsv for every file. */
  constructor(private readonly overrides: ProfileOverrides = {}) {}

  async metaFor(file: string): Promise<DocumentMeta> {
    const dir = resolve(dirname(file));
    let table = this.dirs.get(dir);
    if (!table) this.dirs.set(dir, (table = readIndexTsv(join(dir, "index.tsv"))));
    const meta = (await table).get(basename(file)) ?? {};
    return Object.keys(this.overrides).length ? { ...meta, profile: { ...meta.profile, ...this.overrides } } : meta;
  }
}

const COLUMN_ALIASES = {
  file: ["file", "filename", "path"],
  unit: ["unit", "issuer", "发文机构", "单位"],
  province: ["province", "省份"],
  report_year: ["report_year", "reportyear", "年度", "报告年度"],
  // A bare `year` says nothing about what it counts (lawtext: the delivery year of a 政府工作报告, the
  // reviewed year of a 统计公报): a hint for the profile, never an override.
  year: ["year", "年份"],
  source_form: ["source_form", "form"],
  title: ["title", "标题"],
  published: ["published", "publish_date", "published_date", "publication_date", "发布时间"],
  // Profile overrides (stages/profile.ts overridesFrom).
  genre: ["genre", "文种"],
  doc_date: ["doc_date", "delivered", "delivery_date", "成文日期"],
  plan_year: ["plan_year", "planyear", "计划年度"],
  level: ["level", "层级"],
  complete: ["complete", "完整"],
} as const;

/**
 * Parses index.tsv: a header row naming columns (file, unit, province, report_year, year, source_form,
 * title, published, and the profile overrides genre, doc_date, plan_year, level, complete).
 */
export async function readIndexTsv(path: string): Promise<Map<string, DocumentMeta>> {
  // Bounded and regular files only: an index.tsv that is a FIFO or a link to /dev/zero must not hang the run.
  const text = await readRegularFile(path, MAX_DATA_FILE_BYTES).then((b) => b.toString("utf8"), () => "");
  const table = new Map<string, DocumentMeta>();
  const [header, ...rows] = text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith("#"));
  if (!header) return table;
  const cols = header.split("\t").map((c) => c.trim().toLowerCase());
  for (const row of rows) {
    const cells = row.split("\t");
    // Archives name their columns differently (gwr2026: year, publish_date): accept the usual aliases.
    const get = (name: keyof typeof COLUMN_ALIASES) => {
      const i = cols.findIndex((c) => (COLUMN_ALIASES[name] as readonly string[]).includes(c));
      const v = i >= 0 ? cells[i]?.trim() : undefined;
      return v ? v : undefined;
    };
    const file = get("file");
    if (!file) continue;
    const meta: DocumentMeta = {};
    const unit = get("unit");
    const province = get("province");
    const year = Number(get("report_year"));
    const form = get("source_form");
    const title = get("title");
    const published = get("published");
    if (unit) meta.unit = unit;
    if (province) meta.province = province;
    if (Number.isInteger(year) && year > 1949) meta.reportYear = year;
    if (form) meta.sourceForm = form;
    if (title) meta.title = title;
    if (published) meta.publishedDate = published;
    const hint = Number(get("year"));
    if (Number.isInteger(hint) && hint > 1949) meta.collectionYear = hint;
    const profile = overridesFrom({ genre: get("genre"), doc_date: get("doc_date"), plan_year: get("plan_year"), level: get("level"), complete: get("complete") });
    if (Object.keys(profile).length) meta.profile = profile;
    table.set(file, meta);
  }
  return table;
}
