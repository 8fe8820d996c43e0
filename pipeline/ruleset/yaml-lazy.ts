/**
 * @fileoverview The `yaml` package, loaded on first use. A run with the built-in rules reads them from
 * the precompiled snapshot (ruleset/snapshot.ts) and never parses YAML, so modules that can parse it
 * (rule files, regions, knowledge-base loaders) import these wrappers instead of `yaml` itself.
 * `yaml` resolves to its CommonJS build under Node, so `require` and `import` share one instance.
 */
import { createRequire } from "node:module";
import type * as Yaml from "yaml";

let mod: typeof Yaml | undefined;
const yaml = (): typeof Yaml => (mod ??= createRequire(import.meta.url)("yaml") as typeof Yaml);

export const parse: typeof Yaml.parse = ((...args: Parameters<typeof Yaml.parse>) => yaml().parse(...args)) as typeof Yaml.parse;
export const parseDocument: typeof Yaml.parseDocument = ((...args: Parameters<typeof Yaml.parseDocument>) => yaml().parseDocument(...args)) as typeof Yaml.parseDocument;
export const visit: typeof Yaml.visit = ((...args: Parameters<typeof Yaml.visit>) => yaml().visit(...args)) as typeof Yaml.visit;
export const isMap: typeof Yaml.isMap = ((node: unknown) => yaml().isMap(node)) as typeof Yaml.isMap;
export const isSeq: typeof Yaml.isSeq = ((node: unknown) => yaml().isSeq(node)) as typeof Yaml.isSeq;
export const isScalar: typeof Yaml.isScalar = ((node: unknown) => yaml().isScalar(node)) as typeof Yaml.isScalar;
export const isPair: typeof Yaml.isPair = ((node: unknown) => yaml().isPair(node)) as typeof Yaml.isPair;

/** `new LineCounter()` of the lazily loaded package. */
export function newLineCounter(): Yaml.LineCounter {
  return new (yaml().LineCounter)();
}
