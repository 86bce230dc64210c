// Browser tests of the course site: build it once, serve dist/ from a tiny
// static server on 127.0.0.1, and drive Debian's Chromium with playwright-core.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LabManifest } from "../../course/lab-runner/manifest.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { type StaticServer, startStaticServer } from "../helpers/static-server.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = path.join(ROOT, "dist");
/** Browser tests get more than the default 30 s: CI runs them beside every other suite on 2 cores. */
const BROWSER_TEST_TIMEOUT = 90_000;
const ABSENT_TEXT =
  "Run npm start in your checkout to check your work from this page, or npx course check 00-first-function in a terminal";

let browser: Browser;
let site: StaticServer;
let manifests: LabManifest[];

async function loadManifests(): Promise<LabManifest[]> {
  const dir = path.join(ROOT, "test", "checkers");
  const slugs = fs
    .readdirSync(dir)
    .filter((d) => /^\d\d-/.test(d))
    .sort();
  return Promise.all(
    slugs.map(
      async (slug) => ((await import(path.join(dir, slug, "manifest.ts"))) as { default: LabManifest }).default,
    ),
  );
}

function html(route: string): string {
  return fs.readFileSync(path.join(DIST, route, "index.html"), "utf8");
}

/** A context that fails the test on any request that leaves the site's origin. */
async function newContext(origin: string): Promise<{ context: BrowserContext; external: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const external: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    external.push(url);
    return route.abort();
  });
  return { context, external };
}

/**
 * Vitest puts NODE_ENV=test, MODE, DEV, PROD, SSR and BASE_URL into process.env;
 * passed on, they make Astro build a dev-flavoured site (search turned off).
 */
function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST.*|TEST|MODE|DEV|PROD|SSR|BASE_URL|NODE_ENV)$/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ASTRO_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
}

beforeAll(async () => {
  const build = spawnSync(path.join(ROOT, "node_modules", ".bin", "astro"), ["build"], {
    cwd: ROOT,
    env: buildEnv(),
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`astro build failed:\n${build.stdout}\n${build.stderr}`);
  manifests = await loadManifests();
  site = await startStaticServer(DIST);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe("built pages follow the manifests", () => {
  it("has a chapter page per manifest, titled from it, with every step's docs anchor", () => {
    expect(manifests.length).toBeGreaterThanOrEqual(9);
    for (const lab of manifests) {
      const page = html(lab.chapter);
      expect(page).toContain(`${lab.slug.slice(0, 2)} · ${lab.title}`);
      for (const goal of lab.goals) expect(page).toContain(goal.replace(/`/g, "").slice(0, 30).replace(/&/g, "&amp;"));
      for (const step of lab.steps) {
        expect(page, `${lab.chapter}${step.docs}`).toContain(`id="${step.docs.slice(1)}"`);
        expect(page).toContain(`data-step-id="${step.id}"`);
      }
      if (lab.status === "planned") expect(page).toContain("Lab coming.");
      expect(page).toContain(`data-quiz="${lab.slug}"`);
      expect(page).toContain(`id="diagram-${lab.slug}"`);
      expect(html(`/instructors/${lab.slug}/`)).toContain(`Facilitator notes: ${lab.slug.slice(0, 2)} · ${lab.title}`);
    }
  });

  it("lists the chapters in the sidebar in manifest order and sums their minutes on the landing page", () => {
    const page = html("/chapters/00-first-function/");
    const positions = manifests.map((lab) => page.indexOf(`href="${lab.chapter}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const total = manifests.reduce((sum, lab) => sum + lab.minutes, 0);
    expect(html("/")).toContain(`data-minutes="${total}"`);
  });

  it("loads nothing from other origins", () => {
    for (const route of ["/", "/chapters/00-first-function/", "/progress/"]) {
      const page = html(route);
      const refs = [...page.matchAll(/(?:src|href)="(https?:)?\/\/[^"]+"/g)].map((m) => m[0]);
      const assets = refs.filter((r) => r.startsWith("src="));
      expect(assets, route).toEqual([]);
      expect(page).not.toMatch(/<link[^>]+rel="stylesheet"[^>]+href="https?:/);
    }
  });
});

describe("in the browser", () => {
  it(
    "navigates from the landing page through the chapters",
    async () => {
      const { context, external } = await newContext(site.url);
      const page = await context.newPage();
      await page.goto(`${site.url}/`);
      await page.getByRole("link", { name: "Start with chapter 00" }).click();
      await page.waitForURL(/\/chapters\/00-first-function\/$/);
      const first = manifests[0] as LabManifest;
      await expect.poll(() => page.locator("h1").first().textContent()).toContain(first.title);
      const second = manifests[1] as LabManifest;
      await page
        .locator("nav.sidebar")
        .getByRole("link", { name: new RegExp(second.title) })
        .first()
        .click();
      await page.waitForURL(new RegExp(`${second.chapter}$`));
      expect(await page.locator("h1").first().textContent()).toContain(second.title);
      expect(external).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    "finds DynamoDB with the Pagefind search",
    async () => {
      const { context, external } = await newContext(site.url);
      const page = await context.newPage();
      await page.goto(`${site.url}/chapters/01-monolith/`);
      await page.locator("button[data-open-modal]").click();
      const input = page.locator("dialog input[type='search'], dialog .pagefind-ui__search-input").first();
      await input.waitFor();
      await input.fill("DynamoDB");
      const result = page.locator(".pagefind-ui__result").first();
      await result.waitFor({ timeout: 15_000 });
      expect(await page.locator(".pagefind-ui__result").count()).toBeGreaterThan(0);
      expect(await page.locator(".pagefind-ui__result-link").first().getAttribute("href")).toMatch(/^\//);
      expect(external).toEqual([]);
      await context.close();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    "keeps quiz answers across a reload, and reset clears them",
    async () => {
      const { context } = await newContext(site.url);
      const page = await context.newPage();
      await page.goto(`${site.url}/chapters/00-first-function/`);
      const quiz = page.locator('section.quiz[data-quiz="00-first-function"]');
      const q2 = quiz.locator('form[data-qid="long-job"]');
      await q2.locator('input[value="1"]').check();
      await q2.getByRole("button", { name: "Check answer" }).click();
      await expect.poll(() => q2.locator('[data-role="feedback"]').textContent()).toBe("Correct.");
      const q3 = quiz.locator('form[data-qid="unknown-route"]');
      await q3.locator('input[value="0"]').check();
      await q3.getByRole("button", { name: "Check answer" }).click();
      await expect.poll(() => q3.locator('[data-role="feedback"]').textContent()).toContain("Not quite");
      expect(await q3.locator('[data-role="explanation"]').isVisible()).toBe(true);

      await page.reload();
      await expect.poll(() => quiz.locator('[data-role="progress"]').textContent()).toBe("2 of 6 answered, 1 correct.");
      expect(await q2.locator('input[value="1"]').isChecked()).toBe(true);
      expect(await q2.locator('[data-role="explanation"]').isVisible()).toBe(true);
      expect(await q3.getAttribute("data-state")).toBe("wrong");

      await page.goto(`${site.url}/progress/`);
      await expect
        .poll(() => page.locator('tr[data-quiz-row="00-first-function"] [data-role="answered"]').textContent())
        .toBe("2 of 6");

      await page.goto(`${site.url}/chapters/00-first-function/`);
      await quiz.getByRole("button", { name: "Reset this quiz" }).click();
      expect(await q2.locator('input[value="1"]').isChecked()).toBe(false);
      expect(await q2.locator('[data-role="explanation"]').isVisible()).toBe(false);
      await page.reload();
      expect(await q2.locator('input[value="1"]').isChecked()).toBe(false);
      expect(await page.evaluate(() => localStorage.getItem("course:quiz:00-first-function"))).toBeNull();
      await context.close();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    "can be answered with the keyboard alone",
    async () => {
      const { context } = await newContext(site.url);
      const page = await context.newPage();
      await page.goto(`${site.url}/chapters/00-first-function/`);
      // Start just before the quiz: the last focusable thing above it is the lab panel's text.
      await page.locator("section.quiz").evaluate((el) => {
        const before = document.createElement("button");
        before.id = "focus-start";
        before.textContent = "start";
        el.before(before);
      });
      await page.locator("#focus-start").focus();
      const focused = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? "");
      // Question 1: choose all that apply (options 0, 1 and 3).
      await page.keyboard.press("Tab");
      expect(await focused()).toBe("quiz-00-first-function-serverless-properties");
      await page.keyboard.press("Space"); // option 0
      await page.keyboard.press("Tab");
      await page.keyboard.press("Space"); // option 1
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Space"); // option 3
      await page.keyboard.press("Tab"); // Check answer
      await page.keyboard.press("Enter");
      const q1 = page.locator('form[data-qid="serverless-properties"]');
      await expect.poll(() => q1.locator('[data-role="feedback"]').textContent()).toBe("Correct.");
      // Question 2: one choice; arrow keys move within the radio group.
      await page.keyboard.press("Tab");
      expect(await focused()).toBe("quiz-00-first-function-long-job");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Space");
      const q2 = page.locator('form[data-qid="long-job"]');
      await expect.poll(() => q2.locator('[data-role="feedback"]').textContent()).toBe("Correct.");
      await context.close();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    "tells you how to check your work when the companion is absent",
    async () => {
      const { context } = await newContext(site.url);
      const page = await context.newPage();
      await page.goto(`${site.url}/chapters/00-first-function/`);
      const panel = page.locator('section.lab-panel[data-lab="00-first-function"]');
      const absent = panel.locator('[data-role="absent"]');
      await absent.waitFor({ state: "visible" });
      expect((await absent.textContent())?.replace(/\s+/g, " ").trim()).toBe(`${ABSENT_TEXT}.`);
      await panel.getByRole("button", { name: "Check my work" }).click();
      // The click marks every step "checking" at once; the failed call must put them back.
      await expect.poll(() => panel.locator("li[data-step-id]").first().getAttribute("data-status")).toBe("unchecked");
      expect(await panel.getAttribute("data-companion")).toBe("absent");
      await context.close();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    "streams check results from the companion into the steps",
    async () => {
      const calls: string[] = [];
      const token = "test-token";
      const api = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
        const url = req.url ?? "";
        if (!url.startsWith("/api/")) return false;
        calls.push(`${req.method} ${url} ${req.headers["x-course-token"] ?? "-"}`);
        const send = (status: number, body: unknown) => {
          res.writeHead(status, { "content-type": "application/json" });
          res.end(JSON.stringify(body));
        };
        if (url === "/api/session") send(200, { token });
        else if (url === "/api/status") send(200, { running: null });
        else if (url === "/api/labs")
          send(200, [
            {
              slug: "00-first-function",
              status: "ready",
              progress: { passed: ["health"], hintsUsed: { "create-route": 2 } },
            },
            { slug: "01-monolith", status: "planned", progress: { passed: [], hintsUsed: {} } },
          ]);
        else if (req.headers["x-course-token"] !== token) send(403, { error: "bad token" });
        else if (url === "/api/labs/00-first-function/up") {
          let body = "";
          for await (const chunk of req) body += chunk;
          calls.push(`body ${body}`);
          send(200, { ready: true, endpoint: "http://127.0.0.1:4566/api" });
        } else if (url === "/api/labs/00-first-function/check") {
          res.writeHead(200, { "content-type": "application/x-ndjson" });
          const lines = [
            {
              type: "step",
              id: "health",
              title: "health",
              status: "passed",
              message: "GET /health answered 200",
              hint: "",
              docs: "#the-shape-of-a-handler",
            },
            {
              type: "step",
              id: "create-route",
              title: "route",
              status: "failed",
              message: "POST /orders answered 404",
              hint: "Add the route in infra.ts",
              docs: "#routes",
            },
          ];
          for (const line of lines) {
            res.write(`${JSON.stringify(line)}\n`);
            await new Promise((r) => setTimeout(r, 150));
          }
          // The last line arrives split across two chunks.
          const done = JSON.stringify({ type: "done", passed: 1, failed: 1 });
          res.write(done.slice(0, 10));
          await new Promise((r) => setTimeout(r, 50));
          res.end(`${done.slice(10)}\n`);
        } else send(404, { error: "no such API" });
        return true;
      };
      const companion = await startStaticServer(DIST, { api });
      const { context } = await newContext(companion.url);
      const page = await context.newPage();
      await page.goto(`${companion.url}/chapters/00-first-function/`);
      const panel = page.locator('section.lab-panel[data-lab="00-first-function"]');
      await expect.poll(() => panel.getAttribute("data-companion")).toBe("present");
      expect(await panel.locator('[data-role="absent"]').isVisible()).toBe(false);

      await panel.getByRole("button", { name: "Start lab" }).click();
      await expect
        .poll(() => panel.locator('[data-role="status"]').textContent())
        .toContain("http://127.0.0.1:4566/api");
      expect(calls).toContain(`POST /api/labs/00-first-function/up ${token}`);
      expect(calls).toContain('body {"from":"labs"}');

      await panel.getByRole("button", { name: "Check my work" }).click();
      const health = panel.locator('li[data-step-id="health"]');
      const route = panel.locator('li[data-step-id="create-route"]');
      await expect.poll(() => health.getAttribute("data-status")).toBe("passed");
      await expect.poll(() => route.getAttribute("data-status")).toBe("failed");
      expect(await route.locator('[data-role="message"]').textContent()).toBe("POST /orders answered 404");
      expect(await route.locator('[data-role="hint"]').textContent()).toBe("Add the route in infra.ts");
      expect(await route.locator('[data-role="badge"]').textContent()).toBe("Failed");
      await expect
        .poll(() => panel.locator('[data-role="summary"]').textContent())
        .toBe("1 of 5 steps pass; 1 failed.");
      expect(await panel.locator('li[data-step-id="get-order"]').getAttribute("data-status")).toBe("unchecked");

      await page.goto(`${companion.url}/progress/`);
      await expect
        .poll(() => page.locator('tr[data-lab-row="00-first-function"] [data-role="passed"]').textContent())
        .toBe("1 of 5");
      expect(await page.locator('tr[data-lab-row="00-first-function"] [data-role="hints"]').textContent()).toBe("2");
      await context.close();
      await companion.close();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    "has no axe-core violations on the landing page and chapter 00, dark and light",
    async () => {
      const axeSource = fs.readFileSync(path.join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
      for (const colorScheme of ["dark", "light"] as const) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
        const page: Page = await context.newPage();
        for (const route of ["/", "/chapters/00-first-function/", "/progress/"]) {
          await page.goto(`${site.url}${route}`);
          await page.locator("main").first().waitFor();
          // Check what is folded away too: hints, the solution diff.
          await page.evaluate(() => {
            for (const d of Array.from(document.querySelectorAll("main details")))
              (d as HTMLDetailsElement).open = true;
          });
          await page.addScriptTag({ content: axeSource });
          const violations = await page.evaluate(async () => {
            const result = await (
              window as unknown as { axe: { run: (c: Document) => Promise<{ violations: unknown[] }> } }
            ).axe.run(document);
            return result.violations as { id: string; help: string; nodes: { target: string[] }[] }[];
          });
          const summary = violations.map(
            (v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
          );
          expect(summary, `${colorScheme} ${route}`).toEqual([]);
        }
        await context.close();
      }
    },
    BROWSER_TEST_TIMEOUT,
  );
});
