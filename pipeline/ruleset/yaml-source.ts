/**
 * @fileoverview A parsed rule file that remembers where every node is. Rule files are read with
 * yaml's `parseDocument` + `LineCounter` (never `YAML.parse`) so that each problem can point at the
 * exact key or value node, 1-based line and column, instead of guessing by searching the text.
 */
import type { Alias, Document, LineCounter, Node, Pair, YAMLMap } from "yaml";
import { isMap, isPair, isScalar, isSeq, newLineCounter, parseDocument, visit } from "./yaml-lazy.js";
import type { SourcePosition } from "./types.js";

export interface SourceFile {
  /** Absolute path. */
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export function parseSource(file: string, text: string): SourceFile {
  const lines = newLineCounter();
  // prettyErrors off: messages stay one line; positions come from `pos` through the LineCounter.
  const doc = parseDocument(text, { keepSourceTokens: true, lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return { file, text, doc, lines };
}

/** 1-based position of a source offset. */
export function positionAt(src: SourceFile, offset: number): SourcePosition {
  const { line, col } = src.lines.linePos(offset);
  // linePos gives line 0 before the first newline is known (a one-line file without a newline).
  return { file: src.file, line: Math.max(1, line), column: col };
}

/** Position of a node, or of `fallback` when the node is absent or has no source range. */
export function positionOf(src: SourceFile, node: unknown, fallback?: SourcePosition): SourcePosition {
  const range = (node as Node | null | undefined)?.range;
  if (range) return positionAt(src, range[0]);
  return fallback ?? { file: src.file, line: 1, column: 1 };
}

/**
 * Position of a pair's value; an empty value (`key:` with nothing after it) has a zero-width range at
 * the end of the line, so point at the key instead.
 */
export function valuePosition(src: SourceFile, pair: Pair): SourcePosition {
  const keyPos = positionOf(src, pair.key);
  const v = pair.value as Node | null;
  if (!v || !v.range) return keyPos;
  if (isScalar(v) && v.value === null && v.range[0] === v.range[1]) return keyPos;
  return positionOf(src, v, keyPos);
}

/** The map's pairs with their keys as strings (yaml allows non-string keys; we compare as text). */
export function entries(map: YAMLMap): { key: string; pair: Pair }[] {
  return map.items.map((pair) => ({ key: keyText(pair.key), pair: pair as Pair }));
}

export function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

/** Plain JS value of a node (aliases resolved). */
export function toPlain(src: SourceFile, node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) return node.value;
  try {
    // Collections and aliases: let the document resolve anchors.
    return (node as unknown as { toJS?: (doc: Document) => unknown }).toJS?.(src.doc) ?? null;
  } catch {
    return undefined; // unresolved alias: reported by unresolvedAliases()
  }
}

/** yaml's own default: a document whose aliases expand to more nodes than this is refused (billion laughs). */
export const MAX_ALIAS_COUNT = 100;

/**
 * Converts the whole document to JS once, the way every option value will be read, and returns what
 * failed and where: yaml throws only while converting (too many aliases, an alias it cannot resolve),
 * and `toPlain` below must not be the first to see it (it would drop the option silently). The failing
 * alias is found by tracing which alias was being converted when the error was thrown.
 * @returns null when the document converts
 */
export function conversionError(src: SourceFile): { node: Node | null; message: string } | null {
  let failedAt: Node | null = null;
  const traced: Alias[] = [];
  visit(src.doc, {
    Alias(_, node) {
      const own = node.toJSON;
      traced.push(node);
      node.toJSON = function (this: Alias, ...args: Parameters<Alias["toJSON"]>) {
        try {
          return own.apply(this, args);
        } catch (e) {
          failedAt ??= node;
          throw e;
        }
      };
    },
  });
  try {
    src.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return null;
  } catch (e) {
    return { node: failedAt, message: ((e as Error)?.message ?? String(e)).split("\n")[0]! };
  } finally {
    for (const node of traced) delete (node as { toJSON?: unknown }).toJSON;
  }
}

/** Aliases whose anchor is not defined before them (yaml only notices when converting to JS). */
export function unresolvedAliases(src: SourceFile): Alias[] {
  const out: Alias[] = [];
  visit(src.doc, {
    Alias(_, node) {
      if (!node.resolve(src.doc)) out.push(node);
    },
  });
  return out;
}

/**
 * Finds the node at `path` below `start`. When the path does not fully exist, returns the deepest
 * node that does (the parent map of a missing key), with `found: false`.
 * @returns the value node, and the key node of the last step when that step was a map key
 */
export function locate(start: Node, path: readonly (string | number)[]): { node: Node; keyNode: Node | null; found: boolean } {
  let node: Node = start;
  let keyNode: Node | null = null;
  for (const seg of path) {
    if (isMap(node)) {
      const hit = node.items.find((p) => keyText(p.key) === String(seg));
      if (!hit || !isPair(hit)) return { node, keyNode: null, found: false };
      keyNode = (hit.key as Node) ?? null;
      const v = hit.value as Node | null;
      // `key:` with no value: stay on the key.
      if (!v || (isScalar(v) && v.value === null && v.range && v.range[0] === v.range[1])) return { node: keyNode ?? node, keyNode, found: true };
      node = v;
    } else if (isSeq(node) && typeof seg === "number" && seg < node.items.length) {
      keyNode = null;
      node = node.items[seg] as Node;
    } else {
      return { node, keyNode: null, found: false };
    }
  }
  return { node, keyNode, found: true };
}

/** Dotted key path for messages: `rules.placeholder.patterns.0.pattern`. */
export function keyPathOf(...parts: readonly (string | number)[]): string {
  return parts.map(String).join(".");
}
