/**
 * @fileoverview Word-list schemas, loading (rules/kb/terms-list.yaml) and compilation for the `term`
 * check.
 */
import { z } from "zod";
import { CompileError, type CompileEnv } from "../define-check.js";
import { dataFilePath, readDataYaml } from "../data-file.js";
import { userRegExp } from "../../text/safe-regex.js";

export const substituteSchema = z
  .object({
    wrong: z.string().min(1),
    right: z.string().min(1),
    /** Regular expression (flag u) that must match right after the word. */
    followedBy: z.string().min(1).optional(),
    /** Regular expression that must not match right after the word. */
    notFollowedBy: z.string().min(1).optional(),
    /** Regular expression that must match right before the word (anchor it with `$`). */
    precededBy: z.string().min(1).optional(),
    /**
     * Date (YYYY-MM-DD) from which `right` is the norm. A document dated earlier wrote the word of its
     * time (法制宣传教育 before the 七五普法 plan of 2016-04-28) and is not reported.
     */
    since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u).optional(),
    /** Why (shown in the message). */
    note: z.string().min(1).optional(),
    /** The reason in English (falls back to `note`). */
    noteEn: z.string().min(1).optional(),
  })
  .strict();

export const forbidSchema = z
  .object({
    word: z.string().min(1),
    suggest: z.string().min(1).optional(),
    note: z.string().min(1).optional(),
    noteEn: z.string().min(1).optional(),
  })
  .strict();

const fileSchema = z
  .object({
    substitute: z.array(substituteSchema).default([]),
    forbid: z.array(forbidSchema).default([]),
    accept: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type TermLists = z.infer<typeof fileSchema>;

export interface CompiledEntry {
  kind: "substitute" | "forbid";
  word: string;
  replacement?: string;
  note?: string;
  noteEn?: string;
  followedBy?: RegExp;
  notFollowedBy?: RegExp;
  precededBy?: RegExp;
  /** YYYY-MM-DD: documents dated earlier are not reported. */
  since?: string;
}

/**
 * Reads a list file. `./x` or `../x` is relative to the rule file; other relative paths to rules/.
 * @throws CompileError with path ["listFile"]
 */
export function loadTermsFile(path: string, env: CompileEnv): TermLists {
  const full = dataFilePath(path, env, ["listFile"]);
  const data = readDataYaml(full, ["listFile"], "word list");
  const r = fileSchema.safeParse(data ?? {});
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new CompileError(`${full}: ${issue.path.join(".")}: ${issue.message}`, ["listFile"]);
  }
  return r.data;
}

/**
 * Compiles the merged lists. `fileSubst` / `fileForbid` = how many leading items came from the list
 * file, so errors in inline items point at the rule's own keys.
 * @throws CompileError for an invalid regular expression
 */
export function compileLists(lists: TermLists, fileSubst: number, fileForbid: number): { entries: CompiledEntry[]; accept: string[] } {
  const entries: CompiledEntry[] = [];
  lists.substitute.forEach((s, i) => {
    const where = i < fileSubst ? ["listFile"] : ["substitute", i - fileSubst];
    const re = (key: "followedBy" | "notFollowedBy" | "precededBy", src: string | undefined, anchor: "start" | "end"): RegExp | undefined => {
      if (!src) return undefined;
      try {
        return userRegExp(anchor === "start" ? `^(?:${src})` : `(?:${src})$`, "u");
      } catch (e) {
        throw new CompileError(`invalid regular expression for “${s.wrong}”: ${(e as Error).message}`, [...where, key]);
      }
    };
    const entry: CompiledEntry = { kind: "substitute", word: s.wrong, replacement: s.right };
    if (s.note) entry.note = s.note;
    if (s.noteEn) entry.noteEn = s.noteEn;
    const fb = re("followedBy", s.followedBy, "start");
    const nfb = re("notFollowedBy", s.notFollowedBy, "start");
    const pb = re("precededBy", s.precededBy, "end");
    if (fb) entry.followedBy = fb;
    if (nfb) entry.notFollowedBy = nfb;
    if (pb) entry.precededBy = pb;
    if (s.since) entry.since = s.since;
    if (s.wrong === s.right) throw new CompileError(`substitute “${s.wrong}” → “${s.right}” changes nothing`, where);
    entries.push(entry);
  });
  lists.forbid.forEach((f) => {
    const entry: CompiledEntry = { kind: "forbid", word: f.word };
    if (f.suggest) entry.replacement = f.suggest;
    if (f.note) entry.note = f.note;
    if (f.noteEn) entry.noteEn = f.noteEn;
    entries.push(entry);
  });
  void fileForbid;
  return { entries, accept: lists.accept };
}
