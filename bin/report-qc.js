#!/usr/bin/env node
// Thin launcher: the CLI is compiled by tsc into dist/ (no runtime transpiler).
import { main } from "../dist/pipeline/cli/main.js";
main(process.argv).then((code) => { process.exitCode = code; });
