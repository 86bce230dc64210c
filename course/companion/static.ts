// Serve the built site (dist/) as files, the way any static host would.
// `root` is an absolute, normalized path (server.ts resolves it).
import fs from "node:fs";
import type { ServerResponse } from "node:http";
import path from "node:path";

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

export function serveStatic(root: string, pathname: string, res: ServerResponse): void {
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
  res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
}

function notFound(root: string, res: ServerResponse): void {
  const page = path.join(root, "404.html");
  res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
  res.end(fs.existsSync(page) ? fs.readFileSync(page) : "Not found");
}
