/**
 * @fileoverview `npm run build` step: writes the precompiled built-in rule sets (ruleset/snapshot.ts)
 * so the first run does not build them. Never fails the build: without the file, runs build it.
 */
import { writeBuiltinSnapshot } from "./snapshot.js";

try {
  const file = writeBuiltinSnapshot();
  console.log(file ? `rules snapshot: ${file}` : "rules snapshot: not written (runs read the YAML rules)");
} catch (e) {
  console.log(`rules snapshot: not written (${(e as Error).message})`);
}
