// Serve the built site (dist/) as files, the way any static host would.
// `root` is an absolute, normalized path (server.ts resolves it).
import fs from "node:fs";
import type { ServerResponse } from "node:http";
import path from "node:path";
import zlib from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".wasm": "application/wasm",
  ".pf_meta": "application/octet-stream",
};

const COMPRESSIBLE = new Set([".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".xml"]);
// Compressed once per file version: the site is static between builds.
const compressed = new Map<string, Buffer>();

/** Brotli or gzip when the browser accepts it, as a real static host would; cached per file version. */
function encode(file: string, acceptEncoding: string): { body: Buffer; encoding?: "br" | "gzip" } {
  const raw = () => fs.readFileSync(file);
  if (!COMPRESSIBLE.has(path.extname(file))) return { body: raw() };
  const encoding = /\bbr\b/.test(acceptEncoding) ? "br" : /\bgzip\b/.test(acceptEncoding) ? "gzip" : undefined;
  if (!encoding) return { body: raw() };
  const key = `${encoding}:${file}:${fs.statSync(file).mtimeMs}`;
  let body = compressed.get(key);
  if (!body) {
    body =
      encoding === "br"
        ? zlib.brotliCompressSync(raw(), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } })
        : zlib.gzipSync(raw(), { level: 9 });
    compressed.set(key, body);
  }
  return { body, encoding };
}

export function serveStatic(root: string, pathname: string, res: ServerResponse, acceptEncoding = ""): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // "%E0%A4%A" and the like: thrown here, it would end the whole server.
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
    res.end("Bad request: the path is not valid percent-encoding.");
    return;
  }
  let file = path.normalize(path.join(root, decoded));
  // Inside root only: "/..%2fdist-other/x" decodes to a sibling whose name starts like root's.
  const inside = file === root || file.startsWith(root + path.sep);
  if (inside && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  if (!inside || !fs.existsSync(file)) {
    notFound(root, res);
    return;
  }
  const { body, encoding } = encode(file, acceptEncoding);
  res.writeHead(200, {
    "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
    "content-length": body.length,
    vary: "accept-encoding",
    // Astro puts a content hash in every file name under /_astro/: those never change.
    "cache-control": pathname.startsWith("/_astro/") ? "public, max-age=31536000, immutable" : "no-cache",
    ...(encoding ? { "content-encoding": encoding } : {}),
  });
  res.end(body);
}

function notFound(root: string, res: ServerResponse): void {
  const page = path.join(root, "404.html");
  res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
  res.end(fs.existsSync(page) ? fs.readFileSync(page) : "Not found");
}
