// The browser side of the companion API that `npm start` serves on the same
// origin as the site. The static site works without it: every call here
// rejects with CompanionAbsent when nothing answers like the companion.

export interface RunningLab {
  lab: string;
  from: "labs" | "solutions";
  endpoint: string;
}

export interface LabProgress {
  slug: string;
  status: "ready" | "planned";
  progress: { passed: string[]; hintsUsed: Record<string, number> };
}

export type CheckEvent =
  | {
      type: "step";
      id: string;
      title: string;
      status: "passed" | "failed" | "skipped";
      message?: string;
      hint?: string;
      docs?: string;
    }
  | { type: "done"; passed: number; failed: number }
  | { type: "error"; message: string };

export class CompanionAbsent extends Error {
  constructor(detail: string) {
    super(`The course companion is not running (${detail})`);
    this.name = "CompanionAbsent";
  }
}

export class CompanionError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.name = "CompanionError";
    this.status = status;
  }
}

async function request(path: string, init?: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, credentials: "same-origin", cache: "no-store" });
  } catch (err) {
    throw new CompanionAbsent(err instanceof Error ? err.message : String(err));
  }
  // A static server answers /api/* with 404 (or the site's 404 page): no companion.
  if (res.status === 404 || res.status === 405 || res.status === 501) {
    throw new CompanionAbsent(`${path} answered ${res.status}`);
  }
  return res;
}

async function json<T>(res: Response, path: string): Promise<T> {
  const type = res.headers.get("content-type") ?? "";
  if (!type.includes("json")) throw new CompanionAbsent(`${path} did not answer JSON`);
  const body = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new CompanionError(body?.error ?? `${path} failed with ${res.status}`, res.status);
  return body;
}

export async function getStatus(): Promise<{ running: RunningLab | null }> {
  return json(await request("/api/status"), "/api/status");
}

export async function getLabs(): Promise<LabProgress[]> {
  return json(await request("/api/labs"), "/api/labs");
}

let token: Promise<string> | undefined;

/** The session token for state-changing calls; fetched once per page. */
export function getToken(): Promise<string> {
  token ??= request("/api/session")
    .then((res) => json<{ token: string }>(res, "/api/session"))
    .then((body) => body.token)
    .catch((err: unknown) => {
      token = undefined;
      throw err;
    });
  return token;
}

async function post(path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { "x-course-token": await getToken() };
  if (body !== undefined) headers["content-type"] = "application/json";
  return request(path, { method: "POST", headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export async function startLab(slug: string): Promise<{ ready: true; endpoint: string }> {
  const path = `/api/labs/${encodeURIComponent(slug)}/up`;
  return json(await post(path, { from: "labs" }), path);
}

export async function stopLab(slug: string): Promise<void> {
  const path = `/api/labs/${encodeURIComponent(slug)}/down`;
  const res = await post(path);
  if (!res.ok) {
    const type = res.headers.get("content-type") ?? "";
    const body = type.includes("json") ? ((await res.json()) as { error?: string }) : {};
    throw new CompanionError(body.error ?? `${path} failed with ${res.status}`, res.status);
  }
}

/**
 * Run the lab's checker and hand each event to `onEvent` as soon as its line
 * arrives (application/x-ndjson: one JSON object per line).
 */
export async function checkLab(slug: string, onEvent: (event: CheckEvent) => void): Promise<void> {
  const path = `/api/labs/${encodeURIComponent(slug)}/check`;
  const res = await post(path);
  if (!res.ok) {
    await json(res, path); // throws CompanionError with the server's message
    return;
  }
  if (!res.body) throw new CompanionAbsent(`${path} sent no body`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const emit = (line: string) => {
    const trimmed = line.trim();
    if (!trimmed) return;
    let event: CheckEvent;
    try {
      event = JSON.parse(trimmed) as CheckEvent;
    } catch {
      event = { type: "error", message: `The checker sent a line that is not JSON: ${trimmed.slice(0, 120)}` };
    }
    onEvent(event);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      emit(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf("\n");
    }
  }
  buffer += decoder.decode();
  emit(buffer);
}
