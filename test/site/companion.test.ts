// The lab panel against the real companion (`npm start`): the built site and
// the companion API on 127.0.0.1, a real local cloud started from the page,
// the real checker streaming its steps into the panel. Then what the companion
// refuses (foreign Host, foreign Origin, no token), and the panel by keyboard.
// Its running-lab record, progress and outputs are its own (first import), and
// its cloud takes a free port: a learner's lab and other test files never meet it.
import "../helpers/own-course-state.ts";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUNNING_FILE, readRunning } from "../../course/cloud/registry.ts";
import { type Companion, startCompanion } from "../../course/companion/server.ts";
import { freePort } from "../../course/lab-runner/actions.ts";
import type { LabManifest } from "../../course/lab-runner/manifest.ts";
import { OUTPUTS_FILE } from "../../course/paths.ts";
import { PROGRESS_FILE } from "../../course/progress.ts";
import manifest00 from "../checkers/00-first-function/manifest.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { makeSiteCopy, type SiteCopy } from "../helpers/site-copy.ts";
import { type StaticServer, startStaticServer } from "../helpers/static-server.ts";

const LAB: LabManifest = manifest00;
const SHOTS = process.env.COMPANION_SHOTS ?? "/tmp";
/** Browser tests get more than the default 30 s: CI runs them beside every other suite on 2 cores. */
const BROWSER_TEST_TIMEOUT = 90_000;
/**
 * Starting a cloud (SST evaluates the lab: 5-15 s on a busy machine) or checking it.
 * Generous, as the suite runs beside every other one on 2 cores.
 */
const LAB_TIMEOUT = 45_000;

let browser: Browser;
let site: SiteCopy;
let companion: Companion;
let cloudPort: number;
const companionLog: string[] = [];
const timings: Record<string, number> = {};

function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  return run().finally(() => {
    timings[name] = (timings[name] ?? 0) + Date.now() - started;
  });
}

beforeAll(async () => {
  const state = path.dirname(RUNNING_FILE);
  expect(state.startsWith(os.tmpdir())).toBe(true);
  expect([PROGRESS_FILE, OUTPUTS_FILE].map((f) => path.dirname(f))).toEqual([state, state]);
  site = makeSiteCopy();
  timings[`site (${site.how})`] = site.ms;
  cloudPort = await freePort();
  companion = await startCompanion(0, (line) => companionLog.push(line), { siteDir: site.dir, cloudPort });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  // The lab is stopped by the tests; if one failed halfway, stop it here.
  if (companion && readRunning()?.pid === process.pid) {
    await sessionToken()
      .then((token) => api("POST", `/api/labs/${LAB.slug}/down`, { token }))
      .catch(() => {});
  }
  await browser?.close();
  await companion?.close();
  site?.remove();
  fs.rmSync(path.dirname(RUNNING_FILE), { recursive: true, force: true });
  console.log(`companion test timings (ms): ${JSON.stringify(timings)}`);
}, 60_000);

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request to the companion, with exactly the Host, Origin and token given. */
function api(
  method: string,
  pathname: string,
  options: { host?: string; origin?: string; token?: string; body?: string } = {},
): Promise<Reply> {
  const url = new URL(companion.url);
  const headers: http.OutgoingHttpHeaders = { host: options.host ?? url.host };
  if (options.origin !== undefined) headers.origin = options.origin;
  if (options.token !== undefined) headers["x-course-token"] = options.token;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: url.port, method, path: pathname, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

async function sessionToken(): Promise<string> {
  const reply = await api("GET", "/api/session");
  return (JSON.parse(reply.body) as { token: string }).token;
}

/** A page that may load nothing but the companion's own origin. */
async function openChapter(
  colorScheme: "light" | "dark" = "light",
): Promise<{ page: Page; panel: Locator; external: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
  const external: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(companion.url) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    external.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(`${companion.url}${LAB.chapter}`);
  const panel = page.locator(`section.lab-panel[data-lab="${LAB.slug}"]`);
  await expect.poll(() => panel.getAttribute("data-companion")).toBe("present");
  return { page, panel, external };
}

const status = (panel: Locator) => panel.locator('[data-role="status"]');
const step = (panel: Locator, id: string) => panel.locator(`li[data-step-id="${id}"]`);

/** Record, in the page, each step's status changes with the time they happened. */
async function watchSteps(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: { id: string; status: string; t: number }[] = [];
    (window as unknown as { stepLog: typeof log }).stepLog = log;
    new MutationObserver((records) => {
      for (const r of records) {
        const li = r.target as HTMLElement;
        log.push({ id: li.dataset.stepId ?? "", status: li.dataset.status ?? "", t: performance.now() });
      }
    }).observe(document.querySelector("ol.lab-steps") as Node, {
      subtree: true,
      attributes: true,
      attributeFilter: ["data-status"],
    });
  });
}

async function stepLog(page: Page): Promise<{ id: string; status: string; t: number }[]> {
  return page.evaluate(() => (window as unknown as { stepLog: { id: string; status: string; t: number }[] }).stepLog);
}

/** Start the lab from `from` through the API, as the page would: down first, then up. */
async function upThroughApi(page: Page, from: "labs" | "solutions"): Promise<string> {
  return page.evaluate(
    async ({ slug, from }) => {
      const { token } = (await (await fetch("/api/session")).json()) as { token: string };
      const headers = { "x-course-token": token, "content-type": "application/json" };
      const down = await fetch(`/api/labs/${slug}/down`, { method: "POST", headers });
      if (!down.ok) throw new Error(`down answered ${down.status}`);
      const up = await fetch(`/api/labs/${slug}/up`, { method: "POST", headers, body: JSON.stringify({ from }) });
      const body = (await up.json()) as { endpoint?: string; error?: string };
      if (!up.ok) throw new Error(`up answered ${up.status}: ${body.error}`);
      return body.endpoint as string;
    },
    { slug: LAB.slug, from },
  );
}

/** Press "Check my work" (with `press`) and wait for the summary. */
async function checkInPanel(panel: Locator, press: () => Promise<void>): Promise<void> {
  await press();
  await expect.poll(() => panel.getAttribute("data-result"), { timeout: LAB_TIMEOUT }).toMatch(/passed|failed/);
}

describe("the lab panel with the real companion", () => {
  it(
    "starts the starter, streams a check with hints, then passes every step from the solution",
    async () => {
      const { page, panel, external } = await openChapter();
      await watchSteps(page);

      // The starter, as a learner starts it: the panel's button.
      await timed("start starter", async () => {
        await panel.getByRole("button", { name: "Start lab" }).click();
        await expect
          .poll(() => status(panel).textContent(), { timeout: LAB_TIMEOUT })
          .toBe(`The lab is running. Its API is at http://127.0.0.1:${cloudPort}.`);
      });
      expect(readRunning()).toMatchObject({ pid: process.pid, lab: LAB.slug, from: "labs", port: cloudPort });

      await timed("check starter", () =>
        checkInPanel(panel, () => panel.getByRole("button", { name: "Check my work" }).click()),
      );
      await panel.screenshot({ path: path.join(SHOTS, "companion-starter-checked.png") });
      expect(await status(panel).textContent()).toBe("Check finished.");
      const total = LAB.steps.length;
      const failing = LAB.steps.filter((s) => !LAB.starterPasses.includes(s.id));
      expect(await panel.locator('[data-role="summary"]').textContent()).toBe(
        `${total - failing.length} of ${total} steps pass; ${failing.length} failed.`,
      );
      expect(await step(panel, "health").getAttribute("data-status")).toBe("passed");
      expect(await step(panel, "health").locator('[data-role="badge"]').textContent()).toBe("Passed");
      expect(await step(panel, "health").locator('[data-role="hint"]').isVisible()).toBe(false);
      expect(JSON.parse(fs.readFileSync(PROGRESS_FILE, "utf8"))[LAB.slug].passed).toEqual(LAB.starterPasses);
      for (const s of failing) {
        const li = step(panel, s.id);
        expect(await li.getAttribute("data-status"), s.id).toBe("failed");
        expect(await li.locator('[data-role="badge"]').textContent()).toBe("Failed");
        expect((await li.locator('[data-role="message"]').textContent())?.length, s.id).toBeGreaterThan(0);
        const hint = li.locator('[data-role="hint"]');
        expect(await hint.isVisible(), s.id).toBe(true);
        // No hint unlocked yet: the first, its `code` shown as code.
        const first = s.hints[0] ?? "";
        expect(await hint.textContent(), s.id).toBe(first.replace(/`/g, ""));
        expect(await hint.locator("code").count(), s.id).toBe((first.match(/`/g) ?? []).length / 2);
      }
      // Streamed: every step showed "checking" first, then its result, in the manifest's order.
      const log = await stepLog(page);
      const results = log.filter((e) => e.status !== "checking");
      expect(results.map((e) => e.id)).toEqual(LAB.steps.map((s) => s.id));
      for (const s of LAB.steps) {
        const checking = log.findIndex((e) => e.id === s.id && e.status === "checking");
        expect(checking, s.id).toBeGreaterThanOrEqual(0);
        expect(checking, s.id).toBeLessThan(log.findIndex((e) => e.id === s.id && e.status !== "checking"));
      }
      console.log(
        `companion test: starter results arrived at ${results.map((e) => `${e.id} +${Math.round(e.t - (results[0]?.t ?? 0))} ms`).join(", ")}`,
      );

      // The panel only starts the learner's code: the solution comes through the API, then a reload.
      await timed("start solution", async () => {
        expect(await upThroughApi(page, "solutions")).toBe(`http://127.0.0.1:${cloudPort}`);
      });
      expect(readRunning()).toMatchObject({ pid: process.pid, from: "solutions" });
      await page.reload();
      await watchSteps(page);
      await expect
        .poll(() => status(panel).textContent())
        .toBe(`This lab is running from solutions/ at http://127.0.0.1:${cloudPort}.`);
      await timed("check solution", () =>
        checkInPanel(panel, () => panel.getByRole("button", { name: "Check my work" }).click()),
      );
      await panel.screenshot({ path: path.join(SHOTS, "companion-solution-checked.png") });
      expect(await panel.getAttribute("data-result")).toBe("passed");
      expect(await panel.locator('[data-role="summary"]').textContent()).toBe(`All ${total} steps pass. Well done.`);
      expect(JSON.parse(fs.readFileSync(PROGRESS_FILE, "utf8"))[LAB.slug].passed).toEqual(LAB.steps.map((s) => s.id));
      for (const s of LAB.steps) {
        expect(await step(panel, s.id).getAttribute("data-status"), s.id).toBe("passed");
        expect(await step(panel, s.id).locator('[data-role="hint"]').isVisible(), s.id).toBe(false);
      }

      await timed("stop", async () => {
        await panel.getByRole("button", { name: "Stop lab" }).click();
        await expect.poll(() => status(panel).textContent()).toBe("The lab is stopped.");
      });
      expect(readRunning()).toBeUndefined();
      expect(external).toEqual([]);
      await page.context().close();
    },
    2 * LAB_TIMEOUT + BROWSER_TEST_TIMEOUT,
  );

  it(
    "can be driven with the keyboard alone",
    async () => {
      const { page, panel } = await openChapter("dark");
      // Start from just before the buttons: a focusable element put there for the test.
      await panel.locator(".lab-panel__bar").evaluate((bar) => {
        const before = document.createElement("button");
        before.id = "focus-start";
        before.textContent = "start";
        bar.before(before);
      });
      await page.locator("#focus-start").focus();
      const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");

      await page.keyboard.press("Tab");
      expect(await focused()).toBe("Start lab");
      await timed("keyboard start", async () => {
        await page.keyboard.press("Enter");
        await expect
          .poll(() => status(panel).textContent(), { timeout: LAB_TIMEOUT })
          .toBe(`The lab is running. Its API is at http://127.0.0.1:${cloudPort}.`);
      });
      // Focus stays where the learner left it, so the next Tab reaches the next button.
      expect(await focused()).toBe("Start lab");
      await page.keyboard.press("Tab");
      expect(await focused()).toBe("Check my work");
      await timed("keyboard check", () => checkInPanel(panel, () => page.keyboard.press("Space")));
      expect(await step(panel, "health").getAttribute("data-status")).toBe("passed");
      expect(await step(panel, "create-route").getAttribute("data-status")).toBe("failed");
      expect(await focused()).toBe("Check my work");
      await page.screenshot({ path: path.join(SHOTS, "companion-keyboard.png") });
      await panel.screenshot({ path: path.join(SHOTS, "companion-starter-dark.png") });

      await page.keyboard.press("Tab");
      expect(await focused()).toBe("Stop lab");
      await page.keyboard.press("Enter");
      await expect.poll(() => status(panel).textContent()).toBe("The lab is stopped.");
      expect(readRunning()).toBeUndefined();
      await page.context().close();
    },
    BROWSER_TEST_TIMEOUT,
  );
});

describe("the companion refuses", () => {
  const up = "/api/labs/no-such-lab/up"; // passes the guard → 409, never starts anything
  const verbs = ["up", "down", "check"];

  it("a foreign Host header, on pages and on the API, without leaking the token", async () => {
    const token = await sessionToken();
    const port = new URL(companion.url).port;
    for (const host of [`evil.example:${port}`, "evil.example", `127.0.0.1:${Number(port) + 1}`, "127.0.0.1"]) {
      const calls = [
        ["GET", "/api/session"],
        ["GET", "/api/status"],
        ["GET", LAB.chapter],
        ...verbs.map((verb) => ["POST", up.replace("/up", `/${verb}`)]),
      ];
      for (const [method = "", pathname = ""] of calls) {
        const reply = await api(method, pathname, { host, token, origin: `http://${host}` });
        expect(reply.status, `${method} ${pathname} Host: ${host}`).toBe(421);
        expect(reply.body).not.toContain(token);
      }
    }
    // Its own names are fine, and the API never invites other origins to read it.
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const reply = await api("GET", "/api/session", { host });
      expect(reply.status, host).toBe(200);
      expect(JSON.parse(reply.body)).toEqual({ token });
      expect(reply.headers["access-control-allow-origin"]).toBeUndefined();
    }
  });

  it("a state-changing call from another origin or without the token", async () => {
    const token = await sessionToken();
    const own = companion.url;
    const cases: [string, { origin?: string; token?: string }][] = [
      ["foreign Origin with the token", { origin: "http://evil.example", token }],
      ["foreign port of ours with the token", { origin: `http://127.0.0.1:${Number(new URL(own).port) + 1}`, token }],
      ["opaque Origin (sandboxed frame) with the token", { origin: "null", token }],
      ["own Origin without the token", { origin: own }],
      ["no Origin and no token", {}],
      ["own Origin with a wrong token", { origin: own, token: `${token}x` }],
    ];
    for (const [what, headers] of cases) {
      for (const verb of verbs) {
        const reply = await api("POST", up.replace("/up", `/${verb}`), { ...headers, body: '{"from":"labs"}' });
        expect(reply.status, `${verb}: ${what}`).toBe(403);
      }
    }
    // The same call from the page's own origin with the token gets past the guard.
    const allowed = await api("POST", up, { origin: own, token, body: "{}" });
    expect(allowed.status).toBe(409);
    expect(readRunning()?.pid).not.toBe(process.pid);
  });

  it("to hand its token to a page of another origin", async () => {
    const foreign: StaticServer = await startStaticServer(site.dir);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${foreign.url}/`);
    const read = await page.evaluate(async (url) => {
      try {
        const res = await fetch(`${url}/api/session`);
        return `read ${res.status}: ${await res.text()}`;
      } catch (err) {
        return `refused: ${(err as Error).name}`;
      }
    }, companion.url);
    expect(read).toBe("refused: TypeError");
    await context.close();
    await foreign.close();
  });

  it("paths outside the site, and keeps serving after a malformed one", async () => {
    // A folder beside the site copy whose name starts with the copy's own name.
    const sibling = `${site.dir}-secret`;
    fs.mkdirSync(sibling, { recursive: true });
    fs.writeFileSync(path.join(sibling, "secret.txt"), "not for the browser");
    try {
      const name = path.basename(sibling);
      for (const pathname of [`/..%2f${name}%2fsecret.txt`, `/%2e%2e/${name}/secret.txt`, "/../../etc/hostname"]) {
        const reply = await api("GET", pathname);
        expect(reply.status, pathname).toBe(404);
        expect(reply.body, pathname).not.toContain("not for the browser");
      }
      for (const pathname of ["/%E0%A4%A", "/chapters/%"]) {
        const reply = await api("GET", pathname);
        expect(reply.status, pathname).toBe(400);
      }
      expect((await api("GET", LAB.chapter)).status).toBe(200);
    } finally {
      fs.rmSync(sibling, { recursive: true, force: true });
    }
  });
});
