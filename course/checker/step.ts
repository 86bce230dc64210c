// The vocabulary of checker files: a step is one Vitest test named by the
// manifest's step id; `expectThat` fails it with what was expected and seen.
import { test } from "vitest";
import { errorsLoggedSince } from "./handler-logs.ts";
import { currentTarget } from "./target.ts";

export class Unmet extends Error {
  readonly expected: string;
  readonly seen: string;
  constructor(expected: string, seen: string) {
    super(`expected ${expected}, but ${seen}`);
    this.name = "Unmet";
    this.expected = expected;
    this.seen = seen;
  }
}

export function step(id: string, run: () => Promise<void>, timeoutMs = 15_000): void {
  test(
    id,
    async () => {
      const since = Date.now();
      try {
        await run();
      } catch (err) {
        const logged = await errorsLoggedSince(currentTarget(), since).catch(() => []);
        if (logged.length > 0 && err instanceof Error) {
          err.message += `\nyour functions logged:\n${logged.map((line) => `  ${line}`).join("\n")}`;
        }
        throw err;
      }
    },
    timeoutMs,
  );
}

export function expectThat(ok: boolean, expected: string, seen: string): asserts ok {
  if (!ok) throw new Unmet(expected, seen);
}
