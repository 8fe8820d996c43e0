/**
 * @fileoverview Maps offsets of the normalized text (what checks read) back to the original decoded
 * text (what users see), and original offsets to 1-based line/column (vfile-location style).
 *
 * NOTE: every offset in report-qc is a UTF-16 code-unit offset, half-open [start, end). Normalization
 * only deletes or replaces code units one-for-one, so each normalized code unit has exactly one
 * original code unit it came from; a normalized span maps to the original span from the first source
 * unit to just after the last one (deleted characters inside the span are included, which keeps
 * `text === original.slice(start, end)` true).
 */

export interface Point {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
}

export class OffsetMap {
  /** `sources[i]` = original offset of normalized code unit i; `sources[length]` = original length. */
  private readonly sources: Int32Array;

  constructor(sources: Int32Array) {
    this.sources = sources;
  }

  /** The identity map for a text that normalization left unchanged. */
  static identity(length: number): OffsetMap {
    const s = new Int32Array(length + 1);
    for (let i = 0; i <= length; i++) s[i] = i;
    return new OffsetMap(s);
  }

  get normalizedLength(): number {
    return this.sources.length - 1;
  }

  /** Original offset of the normalized code unit at `offset` (a start position). */
  toOriginalStart(offset: number): number {
    const i = Math.max(0, Math.min(offset, this.sources.length - 1));
    return this.sources[i]!;
  }

  /** Original end offset (exclusive) for a normalized end offset (exclusive). */
  toOriginalEnd(offset: number): number {
    if (offset <= 0) return this.sources[0]!;
    const i = Math.min(offset, this.sources.length - 1);
    return this.sources[i - 1]! + 1;
  }

  /** Original span for a normalized half-open span. An empty span stays empty at its start. */
  toOriginal(start: number, end: number): [number, number] {
    const s = this.toOriginalStart(start);
    if (end <= start) return [s, s];
    return [s, Math.max(s, this.toOriginalEnd(end))];
  }

  /**
   * The map itself, not a copy: `[i]` = original offset of normalized code unit i. Read-only by
   * contract (checks that walk every offset must not copy a 20k-entry array per unit).
   */
  get sourceOffsets(): Int32Array {
    return this.sources;
  }

  /** Serializable form (used when artifacts cross worker-thread boundaries). */
  toJSON(): number[] {
    return Array.from(this.sources);
  }

  /**
   * Rebuilds a map from {@link toJSON} output, or from a structured clone of an OffsetMap (a plain
   * object whose `sources` is the copied Int32Array, as it arrives from a worker thread).
   */
  static fromJSON(value: unknown): OffsetMap {
    if (value instanceof OffsetMap) return value;
    if (Array.isArray(value)) return new OffsetMap(Int32Array.from(value as number[]));
    const sources = (value as { sources?: unknown } | null)?.sources;
    if (sources instanceof Int32Array) return new OffsetMap(sources);
    throw new TypeError("OffsetMap.fromJSON: expected a number array or { sources: Int32Array }");
  }
}

/** Line/column lookup over the original text, built once per document. */
export class LineIndex {
  /** Offsets at which each line starts. */
  private readonly lineStarts: number[];

  constructor(text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  /** 1-based point for an original offset (clamped into the text). */
  toPoint(offset: number): Point {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }
}
