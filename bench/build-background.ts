/**
 * Builds the background model (pipeline/fingerprint/background.ts; docs/background-model.md) from
 * archives of real reports:
 *
 *   npm run build:background -- [--out rules/background/phrases.bin] [--n 10] [--min-units 3] DIR...
 *
 * Default DIRs: ../shared/corpora/lawtext ../shared/corpora/gwr2026 corpus. Every readable file goes
 * through the real ingest → normalize → segment → profile stages; its writer is the unit from index.tsv (`unit`,
 * or `place` as in the lawtext collection), else the document's own unit, else its opening lines
 * (fingerprint/writer.ts). Only the derived hashes and counts are written, never text.
 *
 * `--measure` also prints, for each threshold 2…6, the share of real paragraphs (≥ 50 characters) that
 * the model would mark as mostly background: a paragraph copied between two units hides behind the
 * model only when that share covers it (docs/background-model.md §leakage).
 */
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { expandInputs, IndexTsvCache } from "../pipeline/inputs.js";
import { ingest } from "../pipeline/stages/ingest.js";
import { normalize } from "../pipeline/stages/normalize.js";
import { segment } from "../pipeline/stages/segment.js";
import { profile } from "../pipeline/stages/profile.js";
import { createSegmenter } from "../pipeline/segmenter/index.js";
import { compactProse } from "../pipeline/fingerprint/compact.js";
import { backgroundMask, decodeBackground, defaultBackgroundPath, encodeBackground, gramHashes, skeleton, type BackgroundModel } from "../pipeline/fingerprint/background.js";
import { canonicalWriter, writerOf } from "../pipeline/fingerprint/writer.js";
import { radixSort } from "../pipeline/fingerprint/radix.js";
import { PACKAGE_ROOT } from "../pipeline/version.js";

interface Args {
  out: string;
  n: number;
  minUnits: number;
  measure: boolean;
  dirs: string[];
}

function parseArgs(argv: string[]): Args {
  const a: Args = { out: defaultBackgroundPath(), n: 10, minUnits: 3, measure: false, dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === "--out") a.out = resolve(argv[++i]!);
    else if (x === "--n") a.n = Number(argv[++i]);
    else if (x === "--min-units") a.minUnits = Number(argv[++i]);
    else if (x === "--measure") a.measure = true;
    else a.dirs.push(x);
  }
  if (!a.dirs.length) a.dirs = [join(PACKAGE_ROOT, "..", "shared", "corpora", "lawtext"), join(PACKAGE_ROOT, "..", "shared", "corpora", "gwr2026"), join(PACKAGE_ROOT, "corpus")];
  return a;
}

/** `place` (or `unit`) column of an index.tsv, by file name. */
function placeColumn(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  let text = "";
  try {
    text = readFileSync(join(dir, "index.tsv"), "utf8");
  } catch {
    return out;
  }
  const [head, ...rows] = text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith("#"));
  const cols = (head ?? "").split("\t").map((c) => c.trim().toLowerCase());
  const fi = cols.findIndex((c) => c === "file" || c === "filename" || c === "path");
  const ui = cols.findIndex((c) => c === "unit" || c === "place" || c === "单位");
  if (fi < 0 || ui < 0) return out;
  for (const r of rows) {
    const c = r.split("\t");
    if (c[fi] && c[ui]) out.set(c[fi]!.trim(), c[ui]!.trim());
  }
  return out;
}

interface Doc {
  writer: number;
  compact: string;
  paragraphs: [number, number][];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const segmenter = createSegmenter("node-rs");
  const metas = new IndexTsvCache();
  const writers = new Map<string, number>();
  const docs: Doc[] = [];
  const sources: { dir: string; documents: number }[] = [];
  for (const dir of args.dirs) {
    const { files } = await expandInputs([dir]);
    const places = placeColumn(dir);
    let count = 0;
    for (const file of files) {
      if (basename(file) === "index.tsv" || /\.(?:md|txt|html?|docx|pdf)$/iu.test(file) === false) continue;
      try {
        const meta = await metas.metaFor(file);
        const doc = profile(segment(normalize(await ingest(file, meta)), segmenter));
        const place = places.get(basename(file));
        const key = place ? canonicalWriter(place) : writerOf(doc, meta.unit ?? doc.derived.unit ?? file, file).key;
        if (!writers.has(key)) writers.set(key, writers.size);
        const c = compactProse(doc);
        const paragraphs: [number, number][] = [];
        let s = 0;
        for (let i = 0; i <= c.text.length; i++) {
          if (i === c.text.length || c.text.charCodeAt(i) === 0) {
            if (i - s >= 50) paragraphs.push([s, i]);
            s = i + 1;
          }
        }
        docs.push({ writer: writers.get(key)!, compact: c.text, paragraphs });
        count++;
      } catch (e) {
        process.stderr.write(`skipped ${file}: ${(e as Error).message}\n`);
      }
    }
    sources.push({ dir: basename(resolve(dir)), documents: count });
  }
  const t1 = performance.now();

  // Distinct gram hashes per writer, then writers per hash.
  const perWriter = new Map<number, Uint32Array[]>();
  for (const d of docs) {
    const hs = gramHashes(skeleton(d.compact).text, args.n).filter((h) => h !== 0);
    perWriter.set(d.writer, [...(perWriter.get(d.writer) ?? []), hs]);
  }
  const lists: Uint32Array[] = [];
  for (const arrays of perWriter.values()) {
    const all = new Uint32Array(arrays.reduce((n, a) => n + a.length, 0));
    let o = 0;
    for (const a of arrays) {
      all.set(a, o);
      o += a.length;
    }
    const { sorted } = radixSort(all);
    let u = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[u++] = sorted[i]!;
    lists.push(sorted.slice(0, u));
  }
  const joined = new Uint32Array(lists.reduce((n, a) => n + a.length, 0));
  let o = 0;
  for (const a of lists) {
    joined.set(a, o);
    o += a.length;
  }
  const { sorted } = radixSort(joined);
  const keepH: number[] = [];
  const keepDf: number[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (j - i >= args.minUnits) {
      keepH.push(sorted[i]!);
      keepDf.push(Math.min(255, j - i));
    }
    i = j;
  }
  const model: BackgroundModel = {
    header: {
      version: 1,
      n: args.n,
      minUnits: args.minUnits,
      documents: docs.length,
      writers: writers.size,
      grams: keepH.length,
      sources,
      built: new Date().toISOString().slice(0, 10),
    },
    hashes: Uint32Array.from(keepH),
    df: Uint8Array.from(keepDf),
  };
  const buf = encodeBackground(model);
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, buf);
  const t2 = performance.now();
  const l0 = performance.now();
  decodeBackground(buf);
  const loadMs = performance.now() - l0;
  console.log(
    `${args.out}: ${docs.length} documents, ${writers.size} writers, ${sorted.length} writer-grams, ${keepH.length} grams used by ≥ ${args.minUnits} writers; ${(buf.length / 1024).toFixed(0)} KiB; read ${((t1 - t0) / 1000).toFixed(1)} s, built ${((t2 - t1) / 1000).toFixed(1)} s, decodes in ${loadMs.toFixed(1)} ms`,
  );

  if (args.measure) {
    // Share of real paragraphs that would be mostly background (≥ 50 % of characters) at each threshold.
    const decoded = decodeBackground(buf);
    for (let k = Math.max(2, args.minUnits); k <= 6; k++) {
      let paragraphs = 0;
      let hidden = 0;
      let covered = 0;
      let chars = 0;
      for (const d of docs) {
        const mask = backgroundMask(decoded, d.compact, k);
        for (const [s, e] of d.paragraphs) {
          let c = 0;
          for (let x = s; x < e; x++) c += mask[x]!;
          paragraphs++;
          covered += c;
          chars += e - s;
          if (c >= 0.5 * (e - s)) hidden++;
        }
      }
      console.log(`k=${k}: ${hidden}/${paragraphs} paragraphs (${((100 * hidden) / paragraphs).toFixed(1)}%) mostly background; ${((100 * covered) / chars).toFixed(1)}% of paragraph characters`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
