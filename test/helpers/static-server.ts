// A tiny static file server for the built site (dist/), on 127.0.0.1 and a
// free port. Tests may add an `api` handler to play the course companion.
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { serveStatic } from "../../course/companion/static.ts";

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
      // The companion's own file serving, so tests see what a learner's browser gets.
      serveStatic(base, url.pathname, res, String(req.headers["accept-encoding"] ?? ""));
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
