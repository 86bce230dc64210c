// A tiny static file server for the built site (dist/), on 127.0.0.1 and a
// free port. Tests may add an `api` handler to play the course companion.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
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
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
};

export type ApiHandler = (req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>;

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serve `root`; when `api` returns true it has answered the request itself. */
export async function startStaticServer(root: string, options: { api?: ApiHandler } = {}): Promise<StaticServer> {
  const base = path.resolve(root);
  const server = http.createServer(async (req, res) => {
    try {
      if (options.api && (await options.api(req, res))) return;
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      let file = path.join(base, decodeURIComponent(url.pathname));
      if (!file.startsWith(base)) {
        res.writeHead(403).end();
        return;
      }
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
      if (!fs.existsSync(file)) {
        const notFound = path.join(base, "404.html");
        res.writeHead(404, { "content-type": TYPES[".html"] as string });
        res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : "not found");
        return;
      }
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      fs.createReadStream(file).pipe(res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
