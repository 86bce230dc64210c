// What every benchmark shares: percentiles, units, tables, and the row each
// benchmark hands to the summary. Benchmarks print figures; they never assert.
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BENCH_DIR = path.join(ROOT, "bench");
export const BIN = path.join(ROOT, "node_modules", ".bin");

/** One figure for the summary table. `ok` is undefined when there is no target or no figure. */
export interface Row {
  name: string;
  value: string;
  target?: string;
  ok?: boolean;
  note?: string;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function mean(samples: readonly number[]): number {
  return samples.reduce((a, b) => a + b, 0) / samples.length;
}

export function ms(value: number, digits = value < 10 ? 2 : value < 100 ? 1 : 0): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)} ms` : "n/a";
}

export function seconds(valueMs: number): string {
  return Number.isFinite(valueMs) ? `${(valueMs / 1000).toFixed(2)} s` : "n/a";
}

export function perSecond(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} req/s` : "n/a";
}

export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ")).join("\n");
}

/** A section's title, with the machine's 1-minute load average: other work on 2 cores moves every figure. */
export function heading(title: string): void {
  const load = `load ${os.loadavg()[0]?.toFixed(1)}`;
  console.log(`\n== ${title} ${"=".repeat(Math.max(2, 72 - title.length - load.length))} ${load}`);
}

/** A row for a figure that could not be measured, with the reason in the note. */
export function missing(name: string, target: string | undefined, why: string): Row {
  return { name, value: "not measured", ...(target ? { target } : {}), note: why };
}

export function verdict(row: Row): string {
  if (row.ok === undefined) return row.target ? "n/a" : "";
  return row.ok ? "ok" : "MISSED";
}

/**
 * Import a package installed in bench/node_modules (bench/package.json), typed
 * loosely so `tsc -p .` stays clean where those tools are not installed.
 */
export async function benchTool(name: string): Promise<any> {
  try {
    return await import(name);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new Error(`${name} is not installed in bench/node_modules: run \`cd bench && npm ci\``);
    }
    throw err;
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
