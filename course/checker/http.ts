// HTTP calls a checker makes to the lab's API, with errors a learner can act on.
export interface HttpResult {
  status: number;
  text: string;
  /** the body parsed as JSON, or undefined when it is not JSON */
  json: any;
  headers: Headers;
}

const TIMEOUT_MS = 10_000;

export async function http(method: string, url: string, body?: unknown): Promise<HttpResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    const reason =
      (err as Error).name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : "nothing answered";
    throw new Error(`${method} ${url}: ${reason}. Is the lab still running? (\`npx course status\`)`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}

/** "you got 404 {"message":"Not Found"}" — short enough for one line. */
export function describe(result: HttpResult): string {
  const body = result.text.length > 160 ? `${result.text.slice(0, 160)}…` : result.text;
  return `it answered ${result.status} ${body}`.trim();
}
