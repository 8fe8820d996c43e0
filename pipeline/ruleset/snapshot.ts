/**
 * @fileoverview The built-in rule sets and knowledge base, precompiled: every built-in set resolved
 * (extends merged, options validated, rules compiled — knowledge-base files read, regexes built) and
 * the regions tree, stored with V8's structured serialization in a cache file. A run with the
 * built-in rules deserializes it instead of parsing ~15 YAML files (national.yaml alone 4 times, once
 * per set that extends it), validating every option and compiling every rule again.
 *
 * Never stale: the file name is a hash of everything the result depends on — every file under
 * rules/, every module of the compiled pipeline (check schemas, compile functions, the resolver),
 * the tool and Node versions. Any edit gives a new key; a missing, unreadable or foreign file is
 * rebuilt from YAML (and written back when the cache directory is writable). Built at `npm run
 * build`, otherwise on the first run. `REPORT_QC_NO_SNAPSHOT=1` turns it off.
 *
 * Compiled values are plain data, RegExps, Maps and typed arrays, which structured serialization
 * keeps (shared references included). Two kinds of class instance are revived explicitly: a
 * LinearRegExp (a rule-file regex that runs on RE2) is rebuilt from its source and flags, a PlaceIndex
 * gets its prototype back. A revived LinearRegExp compiles its RE2 program on first use: a run pays only
 * for the patterns it runs. Anything else that is not plain data makes the snapshot refuse to be
 * written: the YAML path stays correct, only slower.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { checkRegistry } from "../checks/index.js";
import { PlaceIndex } from "../checks/entity-consistency/places.js";
import { LinearRegExp } from "../text/safe-regex.js";
import { TOOL } from "../version.js";
import { defaultBuiltinDir, listBuiltinRuleSets } from "./builtin.js";
import { loadRuleSet } from "./load.js";
import { loadRegions, primeRegions, type Regions } from "./regions.js";
import { withSharedCompile } from "./resolve.js";
import type { ResolvedRuleSet } from "./types.js";

const FORMAT = "report-qc rules snapshot 1";

/** A path from the stored root to a value: property names and array indices, `{ m }` for a Map value. */
type PathStep = string | number | { m: unknown };

interface Fixup {
  path: PathStep[];
  kind: "linear-regexp" | "place-index";
}

type StoredSet = Omit<ResolvedRuleSet, "rules"> & { rules: Omit<ResolvedRuleSet["rules"][number], "check">[] };

interface Stored {
  format: string;
  key: string;
  /** Built-in set names (national first), and the resolved sets in the same order, without `check` (re-attached by type). */
  names: string[];
  sets: StoredSet[];
  regions: Regions;
  fixups: Fixup[];
}

export interface BuiltinSnapshot {
  sets: Map<string, ResolvedRuleSet>;
  regions: Regions;
}

let loaded: BuiltinSnapshot | null | undefined;

/**
 * The built-in rule sets, from the snapshot (built and written on a miss). Null when snapshots are
 * off or the built-in rules cannot be loaded (then the caller loads YAML and reports the problems).
 */
export function builtinSnapshot(): BuiltinSnapshot | null {
  if (loaded !== undefined) return loaded;
  if (process.env.REPORT_QC_NO_SNAPSHOT) return (loaded = null);
  const builtinDir = defaultBuiltinDir();
  const key = snapshotKey(builtinDir);
  for (const dir of cacheDirs()) {
    const hit = readSnapshot(join(dir, fileName(key)), key, builtinDir);
    if (hit) return (loaded = hit);
  }
  const built = buildStored(key, builtinDir);
  if (!built) return (loaded = null);
  const bytes = serialize(built);
  for (const dir of cacheDirs()) if (writeSnapshot(dir, key, bytes)) break;
  // Revive from the bytes just written, so a run that builds the snapshot uses the same objects as one that reads it.
  return (loaded = revive(deserialize(bytes) as Stored, builtinDir));
}

/** Builds and writes the snapshot (npm run build); returns the file written, or null. */
export function writeBuiltinSnapshot(): string | null {
  const builtinDir = defaultBuiltinDir();
  const key = snapshotKey(builtinDir);
  const built = buildStored(key, builtinDir);
  if (!built) return null;
  const bytes = serialize(built);
  for (const dir of cacheDirs()) if (writeSnapshot(dir, key, bytes)) return join(dir, fileName(key));
  return null;
}

function fileName(key: string): string {
  return `rules-${key.slice(0, 32)}.v8`;
}

/** Where snapshots are kept: next to the compiled code (dist/.cache), else (or when run from source) the system temp directory. */
function cacheDirs(): string[] {
  const temp = join(tmpdir(), `report-qc-cache-${process.getuid?.() ?? "user"}`);
  const root = codeRoot();
  return /[\\/]dist[\\/]pipeline$/.test(root) ? [join(root, "..", ".cache"), temp] : [temp];
}

/** The compiled pipeline's root directory (dist/pipeline, or pipeline/ when run from source). */
function codeRoot(): string {
  return dirname(dirname(fileURLToPath(import.meta.url)));
}

/** Hash of the rules, the code and the versions (see the file comment). */
export function snapshotKey(builtinDir: string): string {
  // The absolute rules directory too: compiled rules hold absolute paths (origins, data files).
  const h = createHash("sha256").update(`${FORMAT}\u0000${TOOL.version}\u0000${process.version}\u0000${builtinDir}\u0000`);
  const addTree = (root: string, keep: (f: string) => boolean) => {
    const files = (readdirSync(root, { recursive: true }) as string[]).filter(keep).sort();
    for (const f of files) {
      const p = join(root, f);
      let data: Buffer;
      try {
        if (!statSync(p).isFile()) continue;
        data = readFileSync(p);
      } catch {
        continue;
      }
      h.update(relative(root, p)).update("\u0000").update(data).update("\u0000");
    }
  };
  addTree(builtinDir, () => true);
  addTree(codeRoot(), (f) => /\.(js|ts)$/.test(f) && !f.endsWith(".d.ts"));
  return h.digest("hex");
}

function readSnapshot(file: string, key: string, builtinDir: string): BuiltinSnapshot | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  try {
    const stored = deserialize(bytes) as Stored;
    if (stored?.format !== FORMAT || stored.key !== key) return null;
    return revive(stored, builtinDir);
  } catch {
    return null; // truncated or from another Node: rebuilt
  }
}

/** Writes atomically (temp file + rename) and removes older snapshots; false when the directory is not writable. */
function writeSnapshot(dir: string, key: string, bytes: Buffer): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, fileName(key));
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
    for (const f of readdirSync(dir)) if (/^rules-[0-9a-f]+\.v8$/.test(f) && f !== fileName(key)) rmSync(join(dir, f), { force: true });
    return true;
  } catch {
    return false;
  }
}

/** Loads every built-in set from YAML exactly as the provider does; null on any problem or unstorable value. */
function buildStored(key: string, builtinDir: string): Stored | null {
  const names = listBuiltinRuleSets(builtinDir);
  const sets: ResolvedRuleSet[] = [];
  let ok = true;
  withSharedCompile(() => {
    for (const name of names) {
      const r = loadRuleSet(name, { builtinDir });
      if (r.ok) sets.push(r.ruleset);
      else ok = false;
    }
  });
  if (!ok) return null;
  let regions: Regions;
  try {
    regions = loadRegions(join(builtinDir, "regions.yaml"));
  } catch {
    return null;
  }
  const stored: Stored = { format: FORMAT, key, names, sets: sets.map((s) => ({ ...s, rules: s.rules.map(({ check: _check, ...r }) => r) })), regions, fixups: [] };
  return collectFixups(stored, stored.fixups) ? stored : null;
}

const PLAIN = new Set<object | null>([Object.prototype, Array.prototype, Map.prototype, Set.prototype, RegExp.prototype, Date.prototype, null]);

/** Records the path of every LinearRegExp and PlaceIndex; false when a value cannot be stored faithfully. */
function collectFixups(root: object, out: Fixup[]): boolean {
  const seen = new Set<object>();
  const walk = (v: unknown, path: PathStep[], inSet: boolean): boolean => {
    if (typeof v === "function" || typeof v === "symbol") return false;
    if (v === null || typeof v !== "object") return true;
    if (v instanceof LinearRegExp) {
      if (inSet) return false;
      out.push({ path, kind: "linear-regexp" }); // every reference: each one is replaced
      return true;
    }
    if (seen.has(v)) return true;
    seen.add(v);
    if (ArrayBuffer.isView(v)) return true;
    if (v instanceof PlaceIndex) {
      out.push({ path, kind: "place-index" }); // the object keeps its identity: once is enough
    } else if (!PLAIN.has(Object.getPrototypeOf(v))) {
      return false;
    }
    if (v instanceof Map) {
      for (const [k, x] of v) if ((k !== null && typeof k === "object") || !walk(x, [...path, { m: k }], inSet)) return false;
      return true;
    }
    if (v instanceof Set) {
      for (const x of v) if (!walk(x, path, true)) return false;
      return true;
    }
    if (Object.getOwnPropertySymbols(v).length) return false;
    for (const k of Object.keys(v)) if (!walk((v as Record<string, unknown>)[k], [...path, Array.isArray(v) ? Number(k) : k], inSet)) return false;
    return true;
  };
  return walk(root, [], false);
}

function revive(stored: Stored, builtinDir: string): BuiltinSnapshot {
  const rebuilt = new Map<RegExp, RegExp>();
  for (const f of stored.fixups) {
    const parentPath = f.path.slice(0, -1);
    const last = f.path[f.path.length - 1]!;
    let parent: unknown = stored;
    for (const step of parentPath) parent = stepInto(parent, step);
    const value = stepInto(parent, last);
    if (f.kind === "place-index") {
      Object.setPrototypeOf(value as object, PlaceIndex.prototype);
      continue;
    }
    // One LinearRegExp per stored RegExp: references that shared one object still share one.
    const re = value as RegExp;
    let linear = rebuilt.get(re);
    if (!linear) rebuilt.set(re, (linear = new LinearRegExp(re.source, re.flags, null))); // compiled on first use
    if (typeof last === "object") (parent as Map<unknown, unknown>).set(last.m, linear);
    else (parent as Record<string | number, unknown>)[last] = linear;
  }
  const sets = new Map<string, ResolvedRuleSet>();
  stored.sets.forEach((s, i) => {
    const rules = s.rules.map((r) => ({ ...r, check: checkRegistry.get(r.type)! }));
    sets.set(stored.names[i]!, { ...s, rules });
  });
  primeRegions(join(builtinDir, "regions.yaml"), stored.regions);
  return { sets, regions: stored.regions };
}

function stepInto(v: unknown, step: PathStep): unknown {
  if (typeof step === "object") return (v as Map<unknown, unknown>).get(step.m);
  return (v as Record<string | number, unknown>)[step];
}
