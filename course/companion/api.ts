// The companion API the site's lab panel calls. Every action is one of the
// functions the `course` command uses (course/lab-runner/actions.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LocalCloud } from "../cloud/local-cloud.ts";
import { readRunning } from "../cloud/registry.ts";
import { checkRunningLab, DEFAULT_PORT, downLab, labStatuses, upLab } from "../lab-runner/actions.ts";
import type { Guard } from "./guard.ts";

export interface ApiState {
  cloud?: LocalCloud;
  cloudPort: number;
  log(line: string): void;
}

export function createApiState(log: (line: string) => void): ApiState {
  return { cloudPort: DEFAULT_PORT, log };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
};

export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  guard: Guard,
  state: ApiState,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const method = req.method ?? "GET";
  if (method === "GET" && url.pathname === "/api/session") return json(res, 200, { token: guard.token });
  if (method === "GET" && url.pathname === "/api/status") return json(res, 200, { running: readRunning() ?? null });
  if (method === "GET" && url.pathname === "/api/labs") {
    const labs = await labStatuses();
    return json(
      res,
      200,
      labs.map((l) => ({ slug: l.slug, status: l.status, progress: l.progress })),
    );
  }
  const action = /^\/api\/labs\/([a-z0-9-]+)\/(up|down|check)$/.exec(url.pathname);
  if (!action || method !== "POST") return json(res, 404, { error: "no such API" });
  if (!guard.mayChangeState(req)) return json(res, 403, { error: "this call needs the page's own origin and token" });
  const [, lab = "", verb] = action;
  try {
    if (verb === "up") return json(res, 200, await up(lab, await readJson(req), state));
    if (verb === "down") {
      await downLab(state.cloud);
      state.cloud = undefined;
      return json(res, 200, { stopped: true });
    }
    return await streamCheck(lab, res);
  } catch (err) {
    if (!res.headersSent) return json(res, 409, { error: (err as Error).message });
    res.end(`${JSON.stringify({ type: "error", message: (err as Error).message })}\n`);
  }
}

async function up(lab: string, body: { from?: unknown }, state: ApiState) {
  const from = body.from === "solutions" ? "solutions" : "labs";
  const running = readRunning();
  if (running?.lab === lab && running.from === from) return { ready: true, endpoint: running.endpoint };
  if (running && running.pid === process.pid) {
    await downLab(state.cloud);
    state.cloud = undefined;
  }
  state.cloud = await upLab({ lab, from, port: state.cloudPort, onLog: state.log });
  return { ready: true, endpoint: state.cloud.endpoint };
}

async function streamCheck(lab: string, res: ServerResponse): Promise<void> {
  res.writeHead(200, { "content-type": "application/x-ndjson", "cache-control": "no-store" });
  const report = await checkRunningLab(lab, {
    onStep: (step) => res.write(`${JSON.stringify({ type: "step", ...step })}\n`),
  });
  res.end(`${JSON.stringify({ type: "done", passed: report.passed, failed: report.failed })}\n`);
}

function readJson(req: IncomingMessage): Promise<{ from?: unknown }> {
  return new Promise((resolve) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
      if (body.length > 10_000) req.destroy();
    });
    req.on("end", () => {
      try {
        resolve(JSON.parse(body || "{}"));
      } catch {
        resolve({});
      }
    });
  });
}
