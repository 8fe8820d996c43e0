#!/usr/bin/env node
// Thin launcher: the CLI is compiled by tsc into dist/ (no runtime transpiler).
import { main } from "../dist/pipeline/cli/main.js";

// `report-qc … | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}
main(process.argv).then((code) => {
  process.exitCode = code;
});
