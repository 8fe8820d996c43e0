/**
 * @fileoverview `npm run bench:recall` (node dist/bench/recall.js): the recall half of issue 10's
 * precision work. Takes real documents (../shared/corpora/lawtext and gwr2026 when present, else their
 * copies in test/fixtures/labelled/, and the seeds in corpus/), plants ONE defect per copy
 * (bench/recall/plant.ts, seeded), runs the pipeline in-process on the copies and reports, per defect
 * class, how many planted defects a finding of the expected check type covers at error/warning
 * severity (and at info only), with every miss and its context. See bench/recall.md.
 *
 * Options:
 *   --n N            planted copies per class (default 20, fewer where the documents allow fewer)
 *   --seed S         seed of the sample (default 1)
 *   --classes a,b    only these classes (ids as printed)
 *   --in-repo        only in-repo documents (corpus/ seeds and test/fixtures/labelled/ copies)
 *   --jobs N         worker threads (default 1: in-process; a pool's workers load dist/ afresh, which fails
 *                    while someone rebuilds it; the whole run takes about a minute either way)
 *   --json           machine-readable output on stdout
 */
import { parseArgs } from "node:util";
import { context, loadSources, recallSets, runPlanted, type Outcome } from "./recall/core.js";
import { CLASSES, makeCtx, plantClass } from "./recall/plant.js";
import { runMain } from "./run-main.js";

interface ClassRow {
  cls: string;
  title: string;
  planted: number;
  found: number;
  foundInfo: number;
  recall: number | null;
  variants: Record<string, { planted: number; found: number }>;
  /** By the source document's genre (doc.profile). */
  genres: Record<string, { planted: number; found: number }>;
}

function summarize(outcomes: Outcome[]): ClassRow[] {
  return CLASSES.map((c) => {
    const mine = outcomes.filter((o) => o.planted.cls === c.id);
    const found = mine.filter((o) => o.found === "error" || o.found === "warning").length;
    const variants: ClassRow["variants"] = {};
    const genres: ClassRow["genres"] = {};
    for (const o of mine) {
      for (const v of [(variants[o.planted.variant] ??= { planted: 0, found: 0 }), (genres[o.planted.source.profile?.genre ?? "unknown"] ??= { planted: 0, found: 0 })]) {
        v.planted++;
        if (o.found === "error" || o.found === "warning") v.found++;
      }
    }
    return { cls: c.id, title: c.title, planted: mine.length, found, foundInfo: mine.filter((o) => o.found === "info").length, recall: mine.length ? found / mine.length : null, variants, genres };
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: "string" },
      seed: { type: "string" },
      classes: { type: "string" },
      "in-repo": { type: "boolean" },
      jobs: { type: "string" },
      json: { type: "boolean" },
    },
  });
  const n = Number(values.n ?? 20);
  const seed = Number(values.seed ?? 1);
  const jobs = values.jobs ? Number(values.jobs) : 1;
  const wanted = values.classes ? new Set(values.classes.split(",")) : null;
  const log = (s: string) => process.stderr.write(s + "\n");
  const t0 = performance.now();
  const sets = recallSets(Boolean(values["in-repo"]));
  log(`recall: documents from ${sets.map((s) => s.dir).join(", ")}`);
  const docs = await loadSources(sets, jobs);
  const ctx = makeCtx(docs, seed);
  const planted = CLASSES.filter((c) => !wanted || wanted.has(c.id)).flatMap((c) => plantClass(c, docs, ctx, n, seed * 1000 + CLASSES.indexOf(c)));
  log(`recall: ${docs.length} documents read, ${planted.length} planted copies (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const outcomes = await runPlanted(planted, jobs);
  const rows = summarize(outcomes).filter((r) => !wanted || wanted.has(r.cls));
  const total = { planted: 0, found: 0, foundInfo: 0 };
  for (const r of rows) {
    total.planted += r.planted;
    total.found += r.found;
    total.foundInfo += r.foundInfo;
  }
  const misses = outcomes.filter((o) => o.found !== "error" && o.found !== "warning");
  if (values.json) {
    const out = {
      generated: new Date().toISOString(),
      seed,
      n,
      sets: sets.map((s) => ({ name: s.name, dir: s.dir })),
      documents: docs.length,
      classes: rows,
      total: { ...total, recall: total.planted ? total.found / total.planted : null },
      cases: outcomes.map((o) => ({
        id: o.planted.id,
        class: o.planted.cls,
        variant: o.planted.variant,
        source: `${o.planted.source.set}/${o.planted.source.name}`,
        profile: profileLine(o),
        partner: o.planted.partner ? `${o.planted.partner.set}/${o.planted.partner.name}` : undefined,
        note: o.planted.note,
        span: o.planted.span,
        planted: o.planted.text.slice(o.planted.span[0], o.planted.span[1]),
        context: context(o.planted.text, o.planted.span[0], o.planted.span[1]),
        found: o.found,
        hits: o.hits.map((f) => ({ rule: f.ruleId, severity: f.severity, start: f.start, end: f.end, text: f.text, message: f.message })),
        elsewhere: o.elsewhere.map((f) => ({ rule: f.ruleId, severity: f.severity, start: f.start, end: f.end, text: f.text })),
      })),
    };
    process.stdout.write(JSON.stringify(out, null, 1) + "\n");
    return;
  }
  const print = (s = "") => process.stdout.write(s + "\n");
  print(`recall benchmark — ${new Date().toISOString().slice(0, 16)}Z; seed ${seed}, up to ${n} per class; ${docs.length} documents (${sets.map((s) => s.name).join(", ")}); ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  print();
  const head = ["class", "planted", "found (e/w)", "found (info)", "recall"];
  const pct = (r: number | null) => (r === null ? "n/a" : r.toFixed(2));
  const body = rows.map((r) => [r.cls, String(r.planted), String(r.found), String(r.foundInfo), pct(r.recall)]);
  body.push(["total", String(total.planted), String(total.found), String(total.foundInfo), pct(total.planted ? total.found / total.planted : null)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  print(fmt(head));
  print(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of body.slice(0, -1)) print(fmt(r));
  print(widths.map((w) => "-".repeat(w)).join("  "));
  print(fmt(body[body.length - 1]!));
  print();
  print("by variant (found e/w / planted):");
  for (const r of rows) print(`  ${r.cls.padEnd(16)} ${Object.entries(r.variants).map(([v, x]) => `${v} ${x.found}/${x.planted}`).join(", ")}`);
  print("by genre of the source document (found e/w / planted):");
  for (const r of rows) print(`  ${r.cls.padEnd(16)} ${Object.entries(r.genres).map(([v, x]) => `${v} ${x.found}/${x.planted}`).join(", ")}`);
  print();
  print(`== misses: ${misses.length}`);
  for (const o of misses) {
    const p = o.planted;
    print(`${p.id} [${p.variant}] ${p.source.set}/${p.source.name} (${profileLine(o)})${p.partner ? ` + ${p.partner.set}/${p.partner.name}` : ""}: ${p.note}${o.found === "info" ? " — found at info only" : ""}`);
    print(`   «${context(p.text, p.span[0], p.span[1]).slice(0, 260)}»`);
    for (const f of o.hits) print(`   info: ${f.ruleId} «${f.text.slice(0, 60)}» ${f.message.slice(0, 100)}`);
    for (const f of o.elsewhere.slice(0, 3)) print(`   elsewhere (new): [${f.severity} ${f.ruleId}] ${f.start}-${f.end} «${f.text.slice(0, 40)}»`);
  }
}

/** What the pipeline made of the source document: genre, unit and level, own date, report year. */
function profileLine(o: Outcome): string {
  const p = o.planted.source.profile;
  if (!p) return "no profile";
  return [p.genre, p.unit ? `${p.unit}/${p.level ?? "?"}` : "unit ?", p.date ?? (p.postedDate ? `posted ${p.postedDate}` : "no date"), p.reportYear ? `report year ${p.reportYear}` : ""].filter(Boolean).join(", ");
}

runMain(main);
