/**
 * @fileoverview `npm run bench:profile`: how well the document profile (pipeline/stages/profile.ts)
 * names genre, date, years and place on the 270 lawtext documents, against the collection's
 * index.tsv (file, source, category, place, year) and each file's front matter. Prints accuracy per
 * field and lists every miss.
 *
 * The profile is built from the file alone (front matter included, index.tsv NOT passed in), so the
 * index is an independent answer. How each field is compared:
 *
 * - genre: category 国家统计局年度统计 → statistical-communique; 政府工作报告-* → gov-work-report.
 * - date: when the front matter title carries a date (`三亚市政府工作报告（2023年1月7日 陈希）`), the
 *   profile's own date must equal it; otherwise only its year is compared (below).
 * - year: index `year` is the year in the collection's file name. For a 政府工作报告 that is the
 *   delivery year, so the own date's year must equal it and reportYear (the year reviewed) is year − 1.
 *   For a 统计公报 it is the year reviewed: reportYear = year, and the own date (the date line under
 *   the title) falls in year + 1. A document whose text says otherwise (a delivery line of another
 *   year) is a miss here and is listed, so a reader can see whether the index or the profile is wrong.
 * - place: index `place` (三亚市, 四川省, 全国). The profile's unit must contain it (全国 → level
 *   national); level must be province for a 省/自治区/直辖市 place and city for the others.
 *
 * Usage: node dist/bench/profile-accuracy.js [lawtext dir] (default ../shared/corpora/lawtext).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ingest } from "../pipeline/stages/ingest.js";
import { normalize } from "../pipeline/stages/normalize.js";
import { segment } from "../pipeline/stages/segment.js";
import { profile } from "../pipeline/stages/profile.js";
import { createSegmenter } from "../pipeline/segmenter/index.js";
import { RuleSetProvider } from "../pipeline/ruleset-provider.js";
import { findYearMentions } from "../pipeline/text/year-mentions.js";
import type { DocumentProfile } from "../pipeline/model/document.js";

interface Row {
  file: string;
  category: string;
  place: string;
  year: number;
}

const FIELDS = ["genre", "date", "year", "reportYear", "place", "level"] as const;
type Field = (typeof FIELDS)[number];

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? "../shared/corpora/lawtext");
  const rows = readIndex(join(dir, "index.tsv"));
  const segmenter = createSegmenter("node-rs");
  const rules = RuleSetProvider.create(undefined);
  const ok: Record<Field, number> = { genre: 0, date: 0, year: 0, reportYear: 0, place: 0, level: 0 };
  const total: Record<Field, number> = { genre: 0, date: 0, year: 0, reportYear: 0, place: 0, level: 0 };
  const misses: string[] = [];
  let withProvince = 0;
  for (const row of rows) {
    const raw = await ingest(join(dir, row.file));
    const p = profile(segment(normalize(raw), segmenter), { provinceOf: (t) => rules.provinceOf(t) }).profile!;
    const fmTitle = raw.meta.frontMatter?.["title"] ?? raw.meta.title ?? "";
    const judge = (field: Field, pass: boolean, detail: string) => {
      total[field]++;
      if (pass) ok[field]++;
      else misses.push(`${row.file} ${field.padEnd(10)} ${detail}  [${row.category} ${row.place} ${row.year}; front matter title: ${fmTitle || "-"}]`);
    };
    const communique = row.category.includes("统计");
    const expectGenre = communique ? "statistical-communique" : "gov-work-report";
    judge("genre", p.genre === expectGenre, `profile ${p.genre}${p.subKind ? "/" + p.subKind : ""}, expected ${expectGenre}`);

    // Date: exact against a date in the front matter title, when there is one.
    const fmDate = findYearMentions(fmTitle).find((m) => m.kind === "date");
    if (fmDate) {
      const iso = `${fmDate.year}-${String(fmDate.month).padStart(2, "0")}-${String(fmDate.day).padStart(2, "0")}`;
      judge("date", p.date === iso, `profile ${p.date ?? "none"} (${p.dateSource ?? "-"}), front matter ${iso}`);
    }
    // The year of delivery: a 统计公报's own date; a 政府工作报告's plan year (its delivery year, from
    // the own date or the title year when the text has no date; a December congress plans the next year).
    const dateYear = communique ? (p.date ? Number(p.date.slice(0, 4)) : null) : p.planYear;
    const expectDateYear = communique ? row.year + 1 : row.year;
    judge("year", dateYear === expectDateYear, `${communique ? "own date" : "plan year"} ${communique ? (p.date ?? "none") : (p.planYear ?? "none")} (own date ${p.date ?? "none"}, ${p.dateSource ?? "-"}), expected ${expectDateYear}`);
    const expectReport = communique ? row.year : row.year - 1;
    judge("reportYear", p.reportYear === expectReport, `reportYear ${p.reportYear ?? "none"} (${p.reportYearSource ?? "-"}), expected ${expectReport}`);

    judge("place", placeMatches(p, row.place), `unit ${p.unit ?? "none"} (${p.unitSource ?? "-"}), place ${row.place}`);
    const expectLevel = row.place === "全国" ? "national" : /(?:省|自治区)$|^(?:北京|上海|天津|重庆)市$/u.test(row.place) ? "province" : "city";
    judge("level", p.level === expectLevel, `level ${p.level ?? "none"}, expected ${expectLevel}`);
    if (p.province || p.level === "national") withProvince++;
  }
  console.log(`profile accuracy on ${rows.length} documents of ${dir}`);
  for (const f of FIELDS) console.log(`  ${f.padEnd(10)} ${ok[f]}/${total[f]}  ${total[f] ? ((100 * ok[f]) / total[f]).toFixed(1) : "-"}%`);
  console.log(`  province   ${withProvince}/${rows.length} with a rule-set province (or national); not compared: index.tsv has no province column`);
  console.log(`\n${misses.length} misses:`);
  for (const m of misses) console.log("  " + m);
}

function placeMatches(p: DocumentProfile, place: string): boolean {
  if (place === "全国") return p.level === "national";
  const unit = p.unit ?? "";
  // 海西蒙古族藏族自治州 in the index, 海西州 in some titles: the first two characters and the level word.
  return unit.includes(place) || (unit.startsWith(place.slice(0, 2)) && unit.includes(place.slice(-1)));
}

function readIndex(path: string): Row[] {
  const [header, ...lines] = readFileSync(path, "utf8").split(/\r?\n/).filter((l) => l.trim());
  const cols = header!.split("\t");
  const at = (name: string) => cols.indexOf(name);
  return lines.map((l) => {
    const c = l.split("\t");
    return { file: c[at("file")]!, category: c[at("category")]!, place: c[at("place")]!, year: Number(c[at("year")]) };
  });
}

await main();
