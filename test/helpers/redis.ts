/**
 * @fileoverview A real redis-server for the queue tests (.ci/run installs it; tests skip when it is absent).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";

/** Path of redis-server, or "" when it is not installed. */
export const REDIS = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).stdout.trim();

/** Starts redis-server on 127.0.0.1:port without persistence; resolves once it accepts connections. */
export function startRedis(port: number): Promise<ChildProcess> {
  const p = spawn(REDIS, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    p.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("Ready to accept connections")) resolve(p);
    });
    p.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
}
