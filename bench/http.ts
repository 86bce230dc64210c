// HTTP → API Gateway → Lambda → DynamoDB over loopback: each connection sends
// POST /orders, then GET /orders/{id} of the order it created, and again, for
// a bounded time (autocannon, 16 connections, 10 s, after warm-up waves that
// start every environment the load will use). Requests/s and latency count 2xx
// answers only; anything else is reported beside them. Target: ≥ 500 req/s.
// Then, one request at a time, where a request's time goes: the HTTP path
// without DynamoDB (GET /health) and DynamoDB alone through the SDK.
//
//   node bench/http.ts
import fs from "node:fs";
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { cloudPort, courseUp } from "./cloud-startup.ts";
import { benchTool, errorText, heading, missing, ms, percentile, perSecond, type Row } from "./stats.ts";

export const CONNECTIONS = 16;
export const DURATION_S = 10;
const WARMUP_WAVES = 3;
const SEQUENTIAL = 200;

export interface HttpResult {
  label: string;
  connections: number;
  /** 2xx answers */
  ok: number;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  /** CPU time the server (when its pid is known) and this process spent, per request answered or not */
  serverCpuPerRequestMs: number;
  clientCpuPerRequestMs: number;
  /** POST /orders p50 with one request at a time, when measured */
  onePostMs?: number;
}

const ORDER = JSON.stringify({ item: "bench", quantity: 2 });

async function postThenGet(base: string): Promise<[number, number]> {
  const created = await fetch(`${base}/orders`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: ORDER,
    signal: AbortSignal.timeout(30_000),
  });
  const order = (await created.json()) as { orderId?: string };
  if (!order.orderId) return [created.status, 0];
  const read = await fetch(`${base}/orders/${order.orderId}`, { signal: AbortSignal.timeout(30_000) });
  const body = (await read.json()) as { orderId?: string };
  return [created.status, body.orderId === order.orderId ? read.status : -read.status];
}

/** The POST-then-GET workload against `base` (an API's URL, with or without a path). */
export async function orderLoad(
  label: string,
  base: string,
  {
    connections = CONNECTIONS,
    durationS = DURATION_S,
    warmupWaves = WARMUP_WAVES,
    serverPid,
  }: { connections?: number; durationS?: number; warmupWaves?: number; serverPid?: number | undefined } = {},
): Promise<HttpResult> {
  const { default: autocannon } = await benchTool("autocannon");
  // A broken target is reported as such, not as a figure.
  const [post, get] = await postThenGet(base);
  if (post !== 201 || get !== 200) throw new Error(`${label}: POST /orders → ${post}, then GET /orders/{id} → ${get}`);
  // Warm-up: `connections` clients at once, a few times, each waiting for its answer, so every
  // environment the load keeps busy has started before the clock runs.
  for (let wave = 0; wave < warmupWaves; wave++) {
    await Promise.all(Array.from({ length: connections }, () => postThenGet(base).catch(() => [0, 0])));
  }
  const url = new URL(base);
  const prefix = url.pathname.replace(/\/$/, "");
  const serverBefore = serverPid ? cpuMsOf(serverPid) : Number.NaN;
  const clientBefore = process.cpuUsage();
  const result = await autocannon({
    url: url.origin,
    connections,
    duration: durationS,
    timeout: 30,
    excludeErrorStats: true,
    requests: [
      {
        method: "POST",
        path: `${prefix}/orders`,
        headers: { "content-type": "application/json" },
        body: ORDER,
        onResponse: (status: number, body: string, context: { id?: string }) => {
          context.id = status === 201 ? (JSON.parse(body) as { orderId: string }).orderId : undefined;
        },
      },
      {
        method: "GET",
        setupRequest: (request: { path: string }, context: { id?: string }) =>
          context.id ? { ...request, path: `${prefix}/orders/${context.id}` } : undefined,
      },
    ],
  });
  const client = process.cpuUsage(clientBefore);
  const serverCpuMs = serverPid ? cpuMsOf(serverPid) - serverBefore : Number.NaN;
  const clientCpuMs = (client.user + client.system) / 1000;
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = Number((stat as { count: number }).count);
  }
  const ok = Object.entries(statusCodes)
    .filter(([code]) => code.startsWith("2"))
    .reduce((sum, [, n]) => sum + n, 0);
  const out: HttpResult = {
    label,
    connections,
    ok,
    perSecond: ok / result.duration,
    // with no 2xx answer autocannon reports 0 ms: there is no latency to report
    p50: ok > 0 ? result.latency.p50 : Number.NaN,
    p99: ok > 0 ? result.latency.p99 : Number.NaN,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
    serverCpuPerRequestMs: serverCpuMs / result.requests.total,
    clientCpuPerRequestMs: clientCpuMs / result.requests.total,
  };
  const codes = Object.entries(statusCodes)
    .map(([code, n]) => `${code}×${n}`)
    .join(" ");
  console.log(
    `${label}: ${ok} answered 2xx in ${result.duration.toFixed(1)} s over ${connections} connections → ${perSecond(out.perSecond)}, p50 ${ms(out.p50)}, p99 ${ms(out.p99)}  (status ${codes || "none"}; ${out.errors} errors, ${result.timeouts} timeouts)`,
  );
  if (serverPid) {
    console.log(
      `  CPU per request (all answers): server ${ms(out.serverCpuPerRequestMs)} (every thread of the cloud's process), load generator ${ms(out.clientCpuPerRequestMs)}; 2 cores give at most ${perSecond(2000 / (out.serverCpuPerRequestMs + out.clientCpuPerRequestMs))}`,
    );
  }
  return out;
}

/** CPU time (user + system, every thread) a process has used, from /proc (Linux); NaN elsewhere. */
function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux)
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

export async function sequential(count: number, call: () => Promise<unknown>, warmup = 10): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await call();
    samples.push(performance.now() - t);
  }
  return samples;
}

/** One POST /orders, checked. */
export async function postOne(api: string): Promise<void> {
  const res = await fetch(`${api}/orders`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: ORDER,
    signal: AbortSignal.timeout(30_000),
  });
  await res.arrayBuffer();
  if (res.status !== 201) throw new Error(`POST /orders → ${res.status}`);
}

/** One request at a time: the HTTP path alone, DynamoDB alone, and the whole POST. */
async function breakdown(endpoint: string, api: string, table: string): Promise<{ rows: Row[]; postP50: number }> {
  const health = await sequential(SEQUENTIAL, async () => {
    const res = await fetch(`${api}/health`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET /health → ${res.status}`);
  });
  const post = await sequential(SEQUENTIAL, () => postOne(api));
  const db = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });
  const key = { orderId: { S: "bench-breakdown" } };
  const put = await sequential(SEQUENTIAL, () =>
    db.send(new PutItemCommand({ TableName: table, Item: { ...key, item: { S: "bench" }, quantity: { N: "2" } } })),
  );
  const get = await sequential(SEQUENTIAL, () => db.send(new GetItemCommand({ TableName: table, Key: key })));
  db.destroy();
  const p50 = (s: number[]) => percentile(s, 50);
  console.log(`one at a time, ${SEQUENTIAL} each, p50 (p99):`);
  console.log(`  GET /health over HTTP (edge → API → Lambda)   ${ms(p50(health))} (${ms(percentile(health, 99))})`);
  console.log(`  POST /orders over HTTP (… → DynamoDB PutItem) ${ms(p50(post))} (${ms(percentile(post, 99))})`);
  console.log(`  DynamoDB PutItem through the SDK              ${ms(p50(put))} (${ms(percentile(put, 99))})`);
  console.log(`  DynamoDB GetItem through the SDK              ${ms(p50(get))} (${ms(percentile(get, 99))})`);
  const rows = [
    { name: "one at a time: GET /health p50 over HTTP", value: ms(p50(health)) },
    { name: "one at a time: POST /orders p50 over HTTP", value: ms(p50(post)) },
    { name: "one at a time: DynamoDB PutItem p50 (SDK)", value: ms(p50(put)) },
  ];
  return { rows, postP50: p50(post) };
}

/** Lab 00's solution under `course up`. */
export async function measureOurs(): Promise<{ result: HttpResult; breakdown: Row[] }> {
  const up = await courseUp(await cloudPort());
  try {
    const { api, ordersTable } = up.outputs;
    if (typeof api !== "string" || typeof ordersTable !== "string") {
      throw new Error("`course up` printed no `api` or `ordersTable` output");
    }
    const result = await orderLoad("local cloud", api, { serverPid: up.pid });
    const { rows, postP50 } = await breakdown(up.endpoint, api, ordersTable);
    return { result: { ...result, onePostMs: postP50 }, breakdown: rows };
  } finally {
    await up.stop();
  }
}

export function rowsOf(result: HttpResult): Row[] {
  const clean = result.non2xx === 0 && result.errors === 0;
  return [
    {
      name: `HTTP POST+GET orders, 2xx/s (${result.connections} connections)`,
      value: perSecond(result.perSecond),
      target: "≥ 500 req/s",
      ok: result.perSecond >= 500,
      ...(clean ? {} : { note: `also ${result.non2xx} non-2xx, ${result.errors} errors` }),
    },
    { name: "HTTP POST+GET orders, p50 / p99", value: `${ms(result.p50)} / ${ms(result.p99)}` },
    ...(Number.isFinite(result.serverCpuPerRequestMs)
      ? [
          {
            name: "CPU per request: cloud / load generator",
            value: `${ms(result.serverCpuPerRequestMs)} / ${ms(result.clientCpuPerRequestMs)}`,
            note: `2 cores: ≤ ${perSecond(2000 / (result.serverCpuPerRequestMs + result.clientCpuPerRequestMs))}`,
          },
        ]
      : []),
  ];
}

export async function run(): Promise<{ rows: Row[]; result?: HttpResult }> {
  heading(`HTTP → Lambda → DynamoDB (POST /orders + GET /orders/{id}, ${CONNECTIONS} connections, ${DURATION_S} s)`);
  try {
    const { result, breakdown } = await measureOurs();
    return { rows: [...rowsOf(result), ...breakdown], result };
  } catch (err) {
    console.log(`could not measure: ${errorText(err)}`);
    return { rows: [missing("HTTP POST+GET orders, 2xx/s", "≥ 500 req/s", errorText(err).split("\n")[0] ?? "")] };
  }
}

if (import.meta.main) await run();
