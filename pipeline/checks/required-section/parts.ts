/**
 * @fileoverview Loading and matching the required-part definitions of the `required-section` check
 * (rules/kb/sections.yaml by default), and reading a document's heading outline.
 */
import { z } from "zod";
import type { Block, SegmentedDocument } from "../../model/document.js";
import { CompileError, type CompileEnv } from "../define-check.js";
import { dataFilePath, readDataYaml } from "../data-file.js";
import { userRegExp } from "../../text/safe-regex.js";

export const partSchema = z
  .object({
    /** Stable id (example: `first-responsible`). */
    id: z.string().min(1),
    name: z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict(),
    /** Regular expressions (flag u) tested against heading texts. */
    headings: z.array(z.string().min(1)).min(1),
    /** Only level-1 headings (一、二、三) count. */
    topLevel: z.boolean().default(false),
    /** Ids of parts whose top-level section may not hold this one. */
    notWithin: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type PartDef = z.infer<typeof partSchema>;

const fileSchema = z.object({ parts: z.array(partSchema).min(1) }).strict();

export interface CompiledPart {
  id: string;
  name: { zh: string; en: string };
  headings: RegExp[];
  topLevel: boolean;
  notWithin: string[];
}

/**
 * Reads a parts file. A path starting with `./` or `../` is relative to the rule file; any other
 * relative path is relative to the built-in rules directory.
 * @throws CompileError with path ["partsFile"]
 */
export function loadPartsFile(path: string, env: CompileEnv): PartDef[] {
  const full = dataFilePath(path, env, ["partsFile"]);
  const data = readDataYaml(full, ["partsFile"], "parts file");
  const r = fileSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new CompileError(`${full}: ${issue.path.join(".")}: ${issue.message}`, ["partsFile"]);
  }
  return r.data.parts;
}

/** @throws CompileError for an invalid regular expression (path relative to the rule options). */
export function compilePart(p: PartDef, where: (string | number)[]): CompiledPart {
  return {
    id: p.id,
    name: p.name,
    topLevel: p.topLevel,
    notWithin: p.notWithin,
    headings: p.headings.map((h, i) => {
      try {
        return userRegExp(h, "u");
      } catch (e) {
        throw new CompileError(`invalid regular expression in part "${p.id}": ${(e as Error).message}`, [...where, "headings", i]);
      }
    }),
  };
}

/** One heading of the outline (absolute normalized offsets). */
export interface OutlineHeading {
  text: string;
  start: number;
  end: number;
  topLevel: boolean;
  /** Index in the outline of the level-1 heading this one sits under (itself for level 1), or -1. */
  section: number;
}

const LEAD_END = /[。：:；;！？!?]/u;

/**
 * The heading outline: heading blocks, plus the run-in lead (up to the first 。：；) of numbered
 * paragraphs, which real reports use as headings (“3. 贯彻落实……第一责任人职责。将……”).
 */
export function outline(doc: SegmentedDocument, isNoise: (s: number, e: number) => boolean): OutlineHeading[] {
  const out: OutlineHeading[] = [];
  let section = -1;
  for (const b of doc.blocks) {
    if (b.kind !== "heading" && b.kind !== "paragraph") continue;
    if (b.kind === "paragraph" && !b.numbering) continue;
    const text = headingText(b);
    if (!text || isNoise(b.start, b.start + text.length)) continue;
    const topLevel = isTopLevel(b);
    if (topLevel) section = out.length;
    out.push({ text, start: b.start, end: b.start + text.length, topLevel, section });
  }
  return out;
}

function isTopLevel(b: Block): boolean {
  if (b.numbering) return b.numbering.style === "cn-dun";
  return b.kind === "heading" && (b.level === undefined || b.level <= 1);
}

function headingText(b: Block): string {
  if (b.kind === "heading" && b.text.length <= 80) return b.text;
  const m = LEAD_END.exec(b.text);
  const cut = m ? m.index : Math.min(b.text.length, 60);
  return b.text.slice(0, cut);
}
