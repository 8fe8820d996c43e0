/**
 * @fileoverview Shared entry for the bench scripts: `… | head` closing the pipe early is not an error,
 * and a failure prints its stack and sets exit code 1.
 */
export function runMain(main: () => Promise<void>): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
