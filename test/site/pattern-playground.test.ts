// The event pattern playground on chapter 04: the course's own matcher,
// bundled for the browser, judging what the learner types; its presets; the
// page without JavaScript; axe-core on the component; the script's weight.
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../course/paths.ts";
import { judge } from "../../site/lib/client/pattern-playground.ts";
import { ORDER_PLACED, PATTERN_PRESETS, showJson } from "../../site/lib/pattern-examples.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { makeSiteCopy, type SiteCopy } from "../helpers/site-copy.ts";
import { type StaticServer, startStaticServer } from "../helpers/static-server.ts";

const ROUTE = "/chapters/04-events/";
/** Browser tests get more than the default 30 s: CI runs them beside every other suite on 2 cores. */
const BROWSER_TEST_TIMEOUT = 90_000;
/** The playground's script over the wire; the page budget (bench/site.ts) is 100 KB for everything. */
const SCRIPT_BUDGET_GZIP = 8 * 1024;

let browser: Browser;
let site: SiteCopy;
let server: StaticServer;

beforeAll(async () => {
  site = makeSiteCopy();
  server = await startStaticServer(site.dir);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  site?.remove();
});

interface Playground {
  page: Page;
  root: Locator;
  pattern: Locator;
  event: Locator;
  result: Locator;
  close(): Promise<void>;
}

async function openPlayground(
  options: { javaScriptEnabled?: boolean; colorScheme?: "dark" | "light" } = {},
): Promise<Playground> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${server.url}${ROUTE}`);
  const root = page.locator("[data-pattern-playground]");
  await root.waitFor();
  return {
    page,
    root,
    pattern: root.getByLabel("Pattern (JSON)"),
    event: root.getByLabel("Event (JSON)"),
    result: root.getByRole("status"),
    close: async () => {
      expect(errors).toEqual([]);
      await context.close();
    },
  };
}

/** The verdict as a reader sees it, the icon (hidden from screen readers) left out. */
async function verdict(result: Locator): Promise<string> {
  const headline = await result.locator('[data-role="headline"]').textContent();
  const detail = await result.locator('[data-role="detail"]').textContent();
  return `${headline} ${detail}`;
}

const expected = (patternJson: string, eventJson: string) => {
  const { headline, detail } = judge(patternJson, eventJson);
  return `${headline} ${detail}`;
};

const SMALL_ORDERS = JSON.stringify({
  "detail-type": ["OrderPlaced"],
  detail: { totalCents: [{ numeric: ["<", 1000] }] },
});
const event = (detail: object) => JSON.stringify({ ...ORDER_PLACED, detail: { ...ORDER_PLACED.detail, ...detail } });

describe("the examples", () => {
  it("are shown as JSON that reads back as the objects they came from", () => {
    for (const preset of PATTERN_PRESETS) expect(JSON.parse(showJson(preset.pattern))).toEqual(preset.pattern);
    expect(JSON.parse(showJson(ORDER_PLACED))).toEqual(ORDER_PLACED);
  });

  it("include patterns that match the example event and one that does not", () => {
    const kinds = PATTERN_PRESETS.map((preset) => judge(showJson(preset.pattern), showJson(ORDER_PLACED)).kind);
    expect(kinds).toContain("match");
    expect(kinds).toContain("no-match");
  });
});

describe("in the browser", () => {
  it(
    "says whether the typed event matches the typed pattern, and why AWS would refuse a pattern",
    async () => {
      const { pattern, event: eventArea, result, close } = await openPlayground();
      await expect.poll(() => pattern.getAttribute("readonly")).toBeNull();

      await pattern.fill("");
      await pattern.pressSequentially(SMALL_ORDERS);
      await eventArea.fill(event({ totalCents: 950 }));
      await expect.poll(() => verdict(result)).toBe(expected(SMALL_ORDERS, event({ totalCents: 950 })));
      expect(await verdict(result)).toMatch(/^Matches\./);
      expect(await result.getAttribute("aria-live")).toBe("polite");

      await eventArea.fill(event({ totalCents: 1500 }));
      await expect.poll(() => verdict(result)).toMatch(/^Does not match\./);
      expect(await result.locator('[data-role="icon"]').textContent()).toBe("✗");

      const invalid = '{"detail": {"quantity": [{"numeric": [">", "five"]}]}}';
      await pattern.fill(invalid);
      await expect
        .poll(() => verdict(result))
        .toBe(
          "Invalid pattern. InvalidEventPatternException: Event pattern is not valid. Reason: Value of > must be numeric",
        );
      expect(await verdict(result)).toBe(expected(invalid, event({})));

      await pattern.fill(SMALL_ORDERS);
      await eventArea.fill('{"detail-type": "OrderPlaced"}');
      await expect
        .poll(() => verdict(result))
        .toBe(
          "Invalid event. ValidationException: Parameter Event is not valid. Here, the event has no id, account, source, time, region, resources field.",
        );
      await close();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    "loads each preset from the keyboard, and judges it as the matcher does in Node",
    async () => {
      const { page, root, pattern, event: eventArea, result, close } = await openPlayground();
      const presets = root.getByRole("group", { name: "Load an example pattern:" });
      await expect.poll(() => presets.isVisible()).toBe(true);
      const buttons = presets.getByRole("button");
      expect(await buttons.allTextContents()).toEqual(PATTERN_PRESETS.map((preset) => preset.label));

      // Tab from the playground's title to the first preset, then on through them all.
      await root.locator(".pp__title").evaluate((el: HTMLElement) => {
        el.tabIndex = -1;
        el.focus();
      });
      await page.keyboard.press("Tab");
      for (const [index, preset] of PATTERN_PRESETS.entries()) {
        expect(await buttons.nth(index).evaluate((el) => el === document.activeElement)).toBe(true);
        await page.keyboard.press(index % 2 === 0 ? "Enter" : "Space");
        expect(JSON.parse(await pattern.inputValue())).toEqual(preset.pattern);
        await expect.poll(() => verdict(result)).toBe(expected(showJson(preset.pattern), await eventArea.inputValue()));
        expect(await root.locator('[data-role="pattern-about"]').textContent()).toContain(preset.about);
        await page.keyboard.press("Tab");
      }
      // Then the two text areas, which keep Tab for moving on.
      expect(await pattern.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press("Tab");
      expect(await eventArea.evaluate((el) => el === document.activeElement)).toBe(true);
      await close();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    "shows the example and its verdict without JavaScript, read-only and without presets",
    async () => {
      const { root, pattern, event: eventArea, result, close } = await openPlayground({ javaScriptEnabled: false });
      expect(await pattern.getAttribute("readonly")).not.toBeNull();
      expect(JSON.parse(await eventArea.inputValue())).toEqual(ORDER_PLACED);
      expect(await verdict(result)).toBe(expected(await pattern.inputValue(), await eventArea.inputValue()));
      expect(await verdict(result)).toMatch(/^Matches\./);
      expect(await root.getByRole("group").isVisible()).toBe(false);
      await close();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    "has no axe-core violations on the component, dark and light, matching and refusing",
    async () => {
      const axeSource = fs.readFileSync(path.join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
      for (const colorScheme of ["dark", "light"] as const) {
        const { page, pattern, result, close } = await openPlayground({ colorScheme });
        await page.addScriptTag({ content: axeSource });
        for (const patternJson of [null, '{"detail": []}']) {
          if (patternJson) {
            await pattern.fill(patternJson);
            await expect.poll(() => verdict(result)).toMatch(/^Invalid pattern\./);
          } else {
            await expect.poll(() => verdict(result)).toMatch(/^Matches\./);
          }
          const violations = await page.evaluate(async () => {
            const axe = (window as unknown as { axe: { run: (c: Element) => Promise<{ violations: unknown[] }> } }).axe;
            const result = await axe.run(document.querySelector("[data-pattern-playground]") as Element);
            return result.violations as { id: string; help: string; nodes: { target: string[] }[] }[];
          });
          const summary = violations.map(
            (v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
          );
          expect(summary, `${colorScheme} ${patternJson ?? "example"}`).toEqual([]);
        }
        await close();
      }
    },
    BROWSER_TEST_TIMEOUT,
  );
});

describe("the script", () => {
  it("is loaded only on the page with a playground, and stays small", () => {
    const scriptsOf = (route: string) =>
      [
        ...fs.readFileSync(path.join(site.dir, route, "index.html"), "utf8").matchAll(/src="(\/_astro\/[^"]+\.js)"/g),
      ].map((m) => m[1] as string);
    const own = scriptsOf(ROUTE).filter((src) => src.includes("PatternPlayground"));
    expect(own).toHaveLength(1);
    for (const route of ["/", "/chapters/03-queues/", "/chapters/05-streams/"]) {
      expect(
        scriptsOf(route).filter((src) => src.includes("PatternPlayground")),
        route,
      ).toEqual([]);
    }
    const source = fs.readFileSync(path.join(site.dir, own[0] as string));
    // Self-contained: the matcher is bundled in, not fetched as further chunks.
    expect(source.toString()).not.toMatch(/\bimport\s*[{("']/);
    expect(gzipSync(source).length).toBeLessThanOrEqual(SCRIPT_BUDGET_GZIP);
  });
});
