/**
 * @fileoverview Loads and validates the dated knowledge base of the outdated-term check
 * (rules/kb/meetings.yaml, terms.yaml, plans.yaml, laws.yaml, renamings.yaml). Every entry has a
 * source; dates are YYYY-MM-DD strings. Validation problems are thrown as CompileError so they show
 * up as rule-file problems with the rule's position.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { CompileError } from "../define-check.js";
import { userRegExp } from "../../text/safe-regex.js";
import { readDataYaml } from "../data-file.js";

const date = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD"));
const confidence = z.enum(["V", "M"]);

const meetingSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    congress: z.number().int(),
    plenum: z.number().int().min(0).max(9),
    start: date,
    end: date,
    /** A plenum that prepares the first NPC session of a term (personnel, constitution, institutions): a congress-only clause may leave it out. */
    npc_prep: z.boolean().optional(),
    source: z.string(),
    confidence,
  })
  .strict();
const eventSchema = z.object({ id: z.string(), label: z.string(), pattern: z.string(), start: date, end: date, source: z.string(), confidence }).strict();
const termSchema = z
  .object({
    term: z.string().min(1),
    pattern: z.string().optional(),
    valid_from: date.optional(),
    valid_to: date.optional(),
    superseded_by: z.string().optional(),
    exclude: z.string().optional(),
    source: z.string(),
    confidence,
  })
  .strict();
const editionSchema = z.object({ period: z.tuple([z.number().int(), z.number().int()]), issued: date, source: z.string(), confidence }).strict();
const planSchema = z.object({ name: z.string().min(1), editions: z.array(editionSchema).min(1) }).strict();
const fiveYearSchema = z.object({ name: z.string().min(1), period: z.tuple([z.number().int(), z.number().int()]), adopted: date, source: z.string(), confidence }).strict();

export type Meeting = z.infer<typeof meetingSchema>;
export type KbEvent = z.infer<typeof eventSchema>;
export type KbTerm = z.infer<typeof termSchema> & { group: "terms" | "laws" | "renamings" };
export type Plan = z.infer<typeof planSchema>;
export type FiveYearPlan = z.infer<typeof fiveYearSchema>;

export interface KnowledgeBase {
  meetings: Meeting[];
  events: KbEvent[];
  terms: KbTerm[];
  plans: Plan[];
  fiveYearPlans: FiveYearPlan[];
}

const FILES = {
  meetings: z.object({ meetings: z.array(meetingSchema), events: z.array(eventSchema).default([]) }).strict(),
  terms: z.object({ terms: z.array(termSchema) }).strict(),
  laws: z.object({ laws: z.array(termSchema) }).strict(),
  renamings: z.object({ renamings: z.array(termSchema) }).strict(),
  plans: z.object({ plans: z.array(planSchema), five_year_plans: z.array(fiveYearSchema).default([]) }).strict(),
} as const;

const cache = new Map<string, KnowledgeBase>();

/**
 * Reads the knowledge base in `dir` (cached per directory).
 * @throws CompileError naming the file and the entry when a file is missing or invalid
 */
export function loadKnowledgeBase(dir: string): KnowledgeBase {
  const hit = cache.get(dir);
  if (hit) return hit;
  const read = <K extends keyof typeof FILES>(name: K): z.infer<(typeof FILES)[K]> => {
    const file = join(dir, `${name}.yaml`);
    if (!existsSync(file)) throw new CompileError(`knowledge base file not found: ${file}`, ["kb"]);
    const parsed = FILES[name].safeParse(readDataYaml(file, ["kb"], "knowledge base file"));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CompileError(`${file}: ${issue.path.join(".")}: ${issue.message}`, ["kb"]);
    }
    return parsed.data as z.infer<(typeof FILES)[K]>;
  };
  const m = read("meetings");
  const p = read("plans");
  const kb: KnowledgeBase = {
    meetings: m.meetings,
    events: m.events,
    terms: [
      ...read("terms").terms.map((t) => ({ ...t, group: "terms" as const })),
      ...read("laws").laws.map((t) => ({ ...t, group: "laws" as const })),
      ...read("renamings").renamings.map((t) => ({ ...t, group: "renamings" as const })),
    ],
    plans: p.plans,
    fiveYearPlans: p.five_year_plans,
  };
  for (const t of kb.terms) {
    for (const [key, src] of [["pattern", t.pattern], ["exclude", t.exclude]] as const) {
      if (src === undefined) continue;
      try {
        userRegExp(src, "u");
      } catch (e) {
        throw new CompileError(`knowledge base entry ${t.term}: invalid ${key}: ${(e as Error).message}`, ["kb"]);
      }
    }
  }
  cache.set(dir, kb);
  return kb;
}

/** Adds `days` to a YYYY-MM-DD date. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
