import http from "node:http";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatRequestTime } from "../../course/cloud/apigateway/event.ts";
import { HttpApiService } from "../../course/cloud/apigateway/index.ts";
import type { InvokeResult, Invoker } from "../../course/cloud/lambda/invoker.ts";
import type { HttpApiSpec } from "../../course/graph/model.ts";
import { type ServedHttpApis, serveHttpApis } from "../helpers/serve-http-api.ts";

type Handler = (event: APIGatewayProxyEventV2) => unknown;

/** Runs a JS function per ARN and answers as Lambda's Invoke does, an exception becoming an Unhandled error. */
class FakeInvoker implements Invoker {
  readonly events: APIGatewayProxyEventV2[] = [];
  readonly #functions: Record<string, Handler>;

  constructor(functions: Record<string, Handler>) {
    this.#functions = functions;
  }

  async invoke(functionName: string, payload: Buffer | string): Promise<InvokeResult> {
    const handler = this.#functions[functionName];
    if (!handler) throw new Error(`Function not found: ${functionName}`);
    const event = JSON.parse(payload.toString()) as APIGatewayProxyEventV2;
    this.events.push(event);
    const result = { statusCode: 200, requestId: "invoke-1", executedVersion: "$LATEST" };
    try {
      return { ...result, payload: Buffer.from(JSON.stringify((await handler(event)) ?? null)) };
    } catch (err) {
      const error = { errorType: "Error", errorMessage: (err as Error).message, trace: [] };
      return { ...result, functionError: "Unhandled", payload: Buffer.from(JSON.stringify(error)) };
    }
  }
}

const arn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/** an API whose routes each answer with the route key that was matched */
function routesApi(id: string, routeKeys: string[]): HttpApiSpec {
  return {
    id,
    name: id,
    endpoint: `https://${id}.execute-api.us-east-1.amazonaws.com`,
    routes: routeKeys.map((routeKey) => ({ routeKey, functionArn: arn("routeKeyEcho") })),
  };
}

const functions: Record<string, Handler> = {
  routeKeyEcho: (event) => ({ statusCode: 200, body: event.routeKey }),
  echoEvent: (event) => event,
  bytesBack: (event) => ({
    statusCode: 200,
    headers: { "Content-Type": "application/octet-stream" },
    body: event.body,
    isBase64Encoded: event.isBase64Encoded,
  }),
  structured: () => ({
    statusCode: 201,
    headers: { "X-Custom": "yes", "Set-Cookie": "fromHeaders=1" },
    multiValueHeaders: { "x-multi": ["a", "b"] },
    cookies: ["session=abc; Path=/; HttpOnly", "theme=dark"],
    body: "created",
  }),
  bareObject: () => ({ orders: [1, 2] }),
  bareString: () => "hello",
  bareNumber: () => 42,
  failing: () => {
    throw new Error("boom");
  },
  bodyNotAString: () => ({ statusCode: 200, body: { not: "a string" } }),
};

const API_ID = "api0001";
const ROUTED_ID = "routed01";
const NO_DEFAULT_ID = "nodefault";

const mainApi: HttpApiSpec = {
  id: API_ID,
  name: "Main",
  endpoint: `https://${API_ID}.execute-api.us-east-1.amazonaws.com`,
  routes: [
    { routeKey: "POST /orders/{id}", functionArn: arn("echoEvent") },
    { routeKey: "GET /event", functionArn: arn("echoEvent") },
    { routeKey: "POST /bytes", functionArn: arn("bytesBack") },
    { routeKey: "GET /structured", functionArn: arn("structured") },
    { routeKey: "GET /bare/object", functionArn: arn("bareObject") },
    { routeKey: "GET /bare/string", functionArn: arn("bareString") },
    { routeKey: "GET /bare/number", functionArn: arn("bareNumber") },
    { routeKey: "GET /failing", functionArn: arn("failing") },
    { routeKey: "GET /malformed", functionArn: arn("bodyNotAString") },
    { routeKey: "GET /missing-function", functionArn: arn("doesNotExist") },
    { routeKey: "ANY /upload", functionArn: arn("routeKeyEcho") },
  ],
};

const routedApi = routesApi(ROUTED_ID, [
  "GET /pets/dog/1",
  "GET /pets/dog/{id}",
  "GET /pets/{proxy+}",
  "ANY /{proxy+}",
  "GET /pets/cat",
  "ANY /pets/cat",
  "GET /shops/{shop}/items/{item}",
  "$default",
]);

const noDefaultApi = routesApi(NO_DEFAULT_ID, ["GET /only"]);

let invoker: FakeInvoker;
let service: HttpApiService;
let served: ServedHttpApis;

beforeAll(async () => {
  invoker = new FakeInvoker(Object.fromEntries(Object.entries(functions).map(([name, fn]) => [arn(name), fn])));
  service = new HttpApiService({ apis: [mainApi, routedApi, noDefaultApi], invoker });
  served = await serveHttpApis(service);
});

afterAll(() => served.close());

const call = (apiId: string, pathAndQuery: string, init?: RequestInit) =>
  fetch(`${served.urlOf(apiId)}${pathAndQuery}`, init);

/** a GET with repeated header lines, which fetch cannot send */
function rawGet(url: string, headers: http.OutgoingHttpHeaders): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, async (response) => {
        const chunks: Buffer[] = [];
        for await (const chunk of response) chunks.push(chunk as Buffer);
        resolve(Buffer.concat(chunks).toString());
      })
      .on("error", reject);
  });
}

async function eventOf(response: Response): Promise<APIGatewayProxyEventV2> {
  expect(response.status).toBe(200);
  return (await response.json()) as APIGatewayProxyEventV2;
}

describe("the payload format 2.0 event", () => {
  it("carries every documented field of a real request", async () => {
    const headers = {
      "Content-Type": "application/json",
      "User-Agent": "course-test/1.0",
      Cookie: "session=abc; theme=dark",
    };
    const response = await call(API_ID, "/orders/42?tag=a&tag=b&q=hello%20world&empty=", {
      method: "POST",
      headers,
      body: JSON.stringify({ quantity: 3 }),
    });
    const event = await eventOf(response);
    const host = new URL(served.urlOf(API_ID)).host;

    expect(event.version).toBe("2.0");
    expect(event.routeKey).toBe("POST /orders/{id}");
    expect(event.rawPath).toBe("/orders/42");
    expect(event.rawQueryString).toBe("tag=a&tag=b&q=hello%20world&empty=");
    expect(event.cookies).toEqual(["session=abc", "theme=dark"]);
    expect(event.headers).not.toHaveProperty("cookie");
    expect(event.headers["content-type"]).toBe("application/json");
    expect(event.headers["user-agent"]).toBe("course-test/1.0");
    expect(event.headers.host).toBe(host);
    expect(event.headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(event.headers["x-forwarded-proto"]).toBe("http");
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(event.queryStringParameters).toEqual({ tag: "a,b", q: "hello world", empty: "" });
    expect(event.pathParameters).toEqual({ id: "42" });
    expect(event).not.toHaveProperty("stageVariables");
    expect(event.body).toBe('{"quantity":3}');
    expect(event.isBase64Encoded).toBe(false);

    const context = event.requestContext;
    expect(context).toMatchObject({
      accountId: "000000000000",
      apiId: API_ID,
      domainName: host,
      domainPrefix: API_ID,
      http: {
        method: "POST",
        path: "/orders/42",
        protocol: "HTTP/1.1",
        sourceIp: "127.0.0.1",
        userAgent: "course-test/1.0",
      },
      routeKey: "POST /orders/{id}",
      stage: "$default",
    });
    expect(context.requestId).toBe(response.headers.get("apigw-requestid"));
    expect(context.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(context.time).toBe(formatRequestTime(new Date(context.timeEpoch)));
  });

  it("joins repeated headers with commas and gathers every Cookie header", async () => {
    const event = JSON.parse(
      await rawGet(`${served.urlOf(API_ID)}/event`, { "X-Trace": ["first", "second"], Cookie: ["a=1; b=2", "c=3"] }),
    ) as APIGatewayProxyEventV2;
    expect(event.headers["x-trace"]).toBe("first,second");
    expect(event.cookies).toEqual(["a=1", "b=2", "c=3"]);
  });

  it("gives timeEpoch in milliseconds", async () => {
    const before = Date.now();
    const event = await eventOf(await call(API_ID, "/event"));
    const after = Date.now();
    expect(Number.isInteger(event.requestContext.timeEpoch)).toBe(true);
    expect(event.requestContext.timeEpoch).toBeGreaterThanOrEqual(before);
    expect(event.requestContext.timeEpoch).toBeLessThanOrEqual(after);
  });

  it("leaves out what a request does not have", async () => {
    const event = await eventOf(await call(API_ID, "/event"));
    expect(event.rawQueryString).toBe("");
    for (const field of ["cookies", "queryStringParameters", "pathParameters", "body", "stageVariables"]) {
      expect(event).not.toHaveProperty(field);
    }
    expect(event.isBase64Encoded).toBe(false);
  });

  it("formats the request time as API Gateway does", () => {
    expect(formatRequestTime(new Date(Date.UTC(2020, 2, 12, 19, 3, 58)))).toBe("12/Mar/2020:19:03:58 +0000");
  });
});

describe("route matching", () => {
  const routed = async (method: string, path: string) => {
    const response = await call(ROUTED_ID, path, { method });
    expect(response.status).toBe(200);
    return response.text();
  };

  it("prefers an exact path, then path variables, then greedy ones, then $default", async () => {
    expect(await routed("GET", "/pets/dog/1")).toBe("GET /pets/dog/1");
    expect(await routed("GET", "/pets/dog/2")).toBe("GET /pets/dog/{id}");
    expect(await routed("GET", "/pets/cat/1/toys")).toBe("GET /pets/{proxy+}");
    expect(await routed("GET", "/shops/s1/items/i2")).toBe("GET /shops/{shop}/items/{item}");
    expect(await routed("GET", "/")).toBe("$default");
  });

  it("prefers the request's own method to ANY on the same path", async () => {
    expect(await routed("GET", "/pets/cat")).toBe("GET /pets/cat");
    expect(await routed("DELETE", "/pets/cat")).toBe("ANY /pets/cat");
    expect(await routed("POST", "/pets/dog/1")).toBe("ANY /{proxy+}");
  });

  it("passes path variables decoded, a greedy one with its slashes", async () => {
    await call(ROUTED_ID, "/pets/dog/rex%20jr");
    expect(invoker.events.at(-1)?.pathParameters).toEqual({ id: "rex jr" });
    await call(ROUTED_ID, "/pets/cat/1/toys");
    expect(invoker.events.at(-1)?.pathParameters).toEqual({ proxy: "cat/1/toys" });
  });

  it("answers 404 Not Found for an unknown route or API", async () => {
    for (const response of [await call(NO_DEFAULT_ID, "/other"), await call("no-such-api", "/only")]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: "Not Found" });
      expect(response.headers.get("apigw-requestid")).toBeTruthy();
    }
    expect((await call(NO_DEFAULT_ID, "/only", { method: "POST" })).status).toBe(404);
  });

  it("serves the APIs of an update", async () => {
    service.update([routesApi(NO_DEFAULT_ID, ["GET /later"])]);
    try {
      expect((await call(NO_DEFAULT_ID, "/later")).status).toBe(200);
      expect((await call(NO_DEFAULT_ID, "/only")).status).toBe(404);
      expect((await call(API_ID, "/event")).status).toBe(404);
    } finally {
      service.update([mainApi, routedApi, noDefaultApi]);
    }
  });
});

describe("bodies", () => {
  it("passes a binary body in base64 and decodes a base64 response", async () => {
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    const response = await call(API_ID, "/bytes", {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: bytes,
    });
    expect(invoker.events.at(-1)).toMatchObject({ body: bytes.toString("base64"), isBase64Encoded: true });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  it("passes text content types as they are", async () => {
    for (const contentType of ["text/plain; charset=utf-8", "application/json", "application/problem+json"]) {
      await call(API_ID, "/upload", { method: "PUT", headers: { "content-type": contentType }, body: "plain text" });
      expect(invoker.events.at(-1)).toMatchObject({ body: "plain text", isBase64Encoded: false });
    }
  });

  it("rejects a request body over 10 MB with 413", async () => {
    const response = await call(API_ID, "/upload", {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: Buffer.alloc(10 * 1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: "Request Entity Too Large" });
  });
});

describe("response mapping", () => {
  it("maps status, headers and cookies, ignoring multiValueHeaders", async () => {
    const response = await call(API_ID, "/structured");
    expect(response.status).toBe(201);
    expect(response.headers.get("x-custom")).toBe("yes");
    expect(response.headers.get("x-multi")).toBeNull();
    expect(response.headers.getSetCookie()).toEqual(["fromHeaders=1", "session=abc; Path=/; HttpOnly", "theme=dark"]);
    expect(response.headers.get("apigw-requestid")).toBeTruthy();
    expect(await response.text()).toBe("created");
  });

  it("sends any other value as a 200 JSON body", async () => {
    for (const [path, body] of [
      ["/bare/object", '{"orders":[1,2]}'],
      ["/bare/string", '"hello"'],
      ["/bare/number", "42"],
    ] as const) {
      const response = await call(API_ID, path);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(await response.text()).toBe(body);
    }
  });

  it("answers 500 when the function fails, cannot be invoked, or returns a malformed response", async () => {
    for (const path of ["/failing", "/missing-function", "/malformed"]) {
      const response = await call(API_ID, path);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ message: "Internal Server Error" });
      expect(response.headers.get("apigw-requestid")).toBeTruthy();
    }
  });
});
