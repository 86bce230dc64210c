// `npm run bench`: every benchmark in turn, then one table of the figures
// against their targets. Benchmarks print; nothing here asserts or fails.
//
//   npm run bench                       all of them (2–4 minutes on 2 cores, with the load)
//   npm run bench -- --no-build         measure the dist/ that is there
//   npm run bench -- invoke http        only these: site, startup, invoke, http, peer, sqs, events, lighthouse
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import * as startup from "./cloud-startup.ts";
import * as events from "./eventbridge-latency.ts";
import * as http from "./http.ts";
import * as invoke from "./invoke.ts";
import * as lighthouse from "./lighthouse.ts";
import * as peer from "./peer-architect.ts";
import * as peerSqs from "./peer-fauxqs.ts";
import * as sqsLambda from "./sqs-lambda.ts";
import * as sqsMapping from "./sqs-mapping.ts";
import { BENCH_DIR, errorText, heading, missing, type Row, seconds, table, verdict } from "./stats.ts";

const SITE_TIME_LIMIT_MS = 180_000;

function runSiteBench(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(BENCH_DIR, "site.ts"), ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    const timer = setTimeout(() => child.kill("SIGTERM"), SITE_TIME_LIMIT_MS);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}

const kbOf = (cell: string | undefined) => Number(/([\d.]+) KB/.exec(cell ?? "")?.[1] ?? Number.NaN);

async function site(args: string[]): Promise<Row[]> {
  heading("course site: build time and page weight (bench/site.ts)");
  try {
    const { code, stdout } = await runSiteBench(args);
    const pages = stdout
      .split("\n")
      .filter((line) => line.startsWith("/chapters/"))
      .map((line) => line.split(/\s{2,}/))
      .map((cells) => ({ page: cells[0] ?? "", raw: kbOf(cells[4]), gzip: kbOf(cells[5]) }));
    if (pages.length === 0) throw new Error(`bench/site.ts printed no page (exit ${code})`);
    const heaviest = pages.reduce((a, b) => (b.gzip > a.gzip ? b : a));
    const rows: Row[] = [];
    const build = /^build: ([\d.]+) s/m.exec(stdout);
    if (build) {
      const s = Number(build[1]);
      rows.push({ name: "site build (astro build)", value: `${s.toFixed(1)} s`, target: "≤ 30 s", ok: s <= 30 });
    }
    rows.push({
      name: `heaviest chapter page, gzip (${pages.length} pages)`,
      value: `${heaviest.gzip.toFixed(1)} KB`,
      target: "≤ 100 KB",
      ok: pages.every((p) => p.gzip <= 100),
      note: `${heaviest.page}, ${heaviest.raw.toFixed(1)} KB raw`,
    });
    return rows;
  } catch (err) {
    console.log(`could not measure: ${errorText(err)}`);
    return [missing("site build and page weight", "≤ 30 s, ≤ 100 KB", errorText(err))];
  }
}

const NAMES = ["site", "startup", "invoke", "http", "peer", "sqs", "events", "lighthouse"] as const;
const args = process.argv.slice(2);
const chosen = args.filter((a) => !a.startsWith("--"));
for (const name of chosen) {
  if (!(NAMES as readonly string[]).includes(name)) {
    console.error(`bench: no benchmark "${name}"; there are ${NAMES.join(", ")}`);
    process.exit(2);
  }
}
const wanted = (name: (typeof NAMES)[number]) => chosen.length === 0 || chosen.includes(name);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

const began = performance.now();
console.log(
  `bench ${new Date().toISOString()}  Node ${process.version}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${load()}`,
);
const rows: Row[] = [];
// The site first: Lighthouse audits the dist/ it builds.
if (wanted("site")) rows.push(...(await site(args.includes("--no-build") ? ["--no-build"] : [])));
if (wanted("startup")) rows.push(...(await startup.run()));
if (wanted("invoke")) rows.push(...(await invoke.run()));
let ours: http.HttpResult | undefined;
if (wanted("http")) {
  const out = await http.run();
  rows.push(...out.rows);
  ours = out.result;
}
if (wanted("peer")) rows.push(...(await peer.run(ours)));
if (wanted("sqs")) rows.push(...(await sqsMapping.run()), ...(await sqsLambda.run()), ...(await peerSqs.run()));
if (wanted("events")) rows.push(...(await events.run()));
if (wanted("lighthouse")) rows.push(...(await lighthouse.run()));

heading("summary");
console.log(
  table([
    ["figure", "measured", "target", "", "note"],
    ...rows.map((r) => [r.name, r.value, r.target ?? "", verdict(r), r.note ?? ""]),
  ]),
);
const missed = rows.filter((r) => r.ok === false).length;
const unmeasured = rows.filter((r) => r.value === "not measured").length;
console.log(
  `\n${rows.filter((r) => r.ok === true).length} on target, ${missed} missed, ${unmeasured} not measured; ${seconds(performance.now() - began)} in all; load average now ${load()}`,
);
