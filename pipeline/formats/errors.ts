/**
 * @fileoverview Error raised while reading one input file. The run records it in `errors` and goes on.
 */
export class IngestError extends Error {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = "IngestError";
  }
}
