// The companion only answers pages it served itself: the Host must be the
// local address (no DNS rebinding), and a state-changing call must come from
// our own Origin with the session token.
import type { IncomingMessage } from "node:http";

export interface Guard {
  token: string;
  hostAllowed(req: IncomingMessage): boolean;
  mayChangeState(req: IncomingMessage): boolean;
}

export function createGuard(port: number, token: string): Guard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((h) => `http://${h}`));
  return {
    token,
    hostAllowed: (req) => hosts.has(req.headers.host ?? ""),
    mayChangeState: (req) => {
      const origin = req.headers.origin;
      if (origin !== undefined && !origins.has(origin)) return false;
      return req.headers["x-course-token"] === token;
    },
  };
}
