// The companion serves the built site as a good static host would: compressed
// when the browser accepts it, hashed assets cached for good, bad paths refused.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Companion, startCompanion } from "../../course/companion/server.ts";

const site = fs.mkdtempSync(path.join(os.tmpdir(), "course-static-"));
const page = `<!doctype html><title>t</title>${"<p>serverless</p>".repeat(500)}`;
let companion: Companion;

beforeAll(async () => {
  fs.writeFileSync(path.join(site, "index.html"), page);
  fs.mkdirSync(path.join(site, "_astro"));
  fs.writeFileSync(path.join(site, "_astro", "app.abc123.css"), "body{color:red}".repeat(100));
  companion = await startCompanion(0, () => {}, { siteDir: site });
});
afterAll(async () => {
  await companion.close();
  fs.rmSync(site, { recursive: true, force: true });
});

function get(
  pathname: string,
  acceptEncoding = "",
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const url = new URL(pathname, companion.url);
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", reject);
  });
}

test("pages go out with brotli or gzip when accepted, and as they are otherwise", async () => {
  const br = await get("/", "br, gzip");
  expect(br.headers["content-encoding"]).toBe("br");
  expect(zlib.brotliDecompressSync(br.body).toString()).toBe(page);
  expect(br.body.length).toBeLessThan(page.length / 10);
  const gzip = await get("/", "gzip");
  expect(gzip.headers["content-encoding"]).toBe("gzip");
  expect(zlib.gunzipSync(gzip.body).toString()).toBe(page);
  const plain = await get("/");
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(plain.body.toString()).toBe(page);
  expect(plain.headers.vary).toBe("accept-encoding");
});

test("hashed assets are cached for good, pages are revalidated", async () => {
  expect((await get("/_astro/app.abc123.css")).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect((await get("/")).headers["cache-control"]).toBe("no-cache");
});

test("bad percent-encoding is a 400 and paths outside the site are a 404", async () => {
  expect((await get("/%E0%A4%A")).status).toBe(400);
  expect((await get("/..%2f..%2fetc%2fpasswd")).status).toBe(404);
});
