// `npm start`: one local server on 127.0.0.1 for the built site and the
// companion API, so what a learner gets is what the benchmarks measured.
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { ROOT } from "../paths.ts";
import { createApiState, handleApi } from "./api.ts";
import { createGuard } from "./guard.ts";
import { serveStatic } from "./static.ts";

export const SITE_DIR = path.join(ROOT, "dist");

export interface Companion {
  url: string;
  close(): Promise<void>;
}

export interface CompanionOptions {
  /** the built site to serve; dist/ unless a test serves its own copy */
  siteDir?: string;
  /** the port a lab's local cloud takes when started from the page (default 4566) */
  cloudPort?: number;
}

export function startCompanion(
  port: number,
  log: (line: string) => void = console.log,
  options: CompanionOptions = {},
): Promise<Companion> {
  const state = createApiState(log);
  if (options.cloudPort !== undefined) state.cloudPort = options.cloudPort;
  const siteDir = path.resolve(options.siteDir ?? SITE_DIR);
  const server = http.createServer();
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const actual = (server.address() as { port: number }).port;
      const guard = createGuard(actual, randomBytes(24).toString("hex"));
      server.on("request", (req, res) => {
        if (!guard.hostAllowed(req)) {
          res.writeHead(421, { "content-type": "text/plain" });
          res.end("This server answers only http://127.0.0.1 and http://localhost on its own port.");
          return;
        }
        const pathname = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
        if (pathname.startsWith("/api/")) {
          handleApi(req, res, guard, state).catch((err: Error) => {
            log(`course: companion error: ${err.message}`);
            if (!res.headersSent) res.writeHead(500);
            res.end();
          });
          return;
        }
        serveStatic(siteDir, pathname, res, String(req.headers["accept-encoding"] ?? ""));
      });
      resolve({
        url: `http://127.0.0.1:${actual}`,
        close: async () => {
          if (state.cloud) await state.cloud.close();
          await new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          });
        },
      });
    });
  });
}
