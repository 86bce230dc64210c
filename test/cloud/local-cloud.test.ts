// The local cloud as a learner uses it: saving a handler reloads it, saving
// infra.ts evaluates the lab again, and a crash in a handler never stops the cloud.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type LocalCloud, startLocalCloud } from "../../course/cloud/local-cloud.ts";
import { freePort } from "../../course/lab-runner/actions.ts";
import { LOCAL_DIR, ROOT } from "../../course/paths.ts";

// A throwaway copy of the solution: the glob import in infra/load-lab.ts serves it like any lab.
const folder = `zz-reload-${process.pid}`;
const dir = path.join(ROOT, "labs", folder);
const handlerFile = path.join(dir, "src", "orders.ts");
const infraFile = path.join(dir, "infra.ts");
let cloud: LocalCloud;
let api: string;

beforeAll(async () => {
  fs.cpSync(path.join(ROOT, "solutions", "00-first-function"), dir, { recursive: true });
  cloud = await startLocalCloud({
    lab: "00-first-function",
    from: "labs",
    folder,
    port: await freePort(),
    outputsFile: path.join(LOCAL_DIR, "outputs", `${folder}.json`),
  });
  api = String(cloud.graph().outputs.api);
}, 60_000);

afterAll(async () => {
  await cloud?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const health = async () => {
  const res = await fetch(`${api}/health`);
  return { status: res.status, body: await res.text() };
};

const rewrite = (file: string, from: string, to: string) => {
  const text = fs.readFileSync(file, "utf8");
  expect(text).toContain(from);
  fs.writeFileSync(file, text.replace(from, to));
};

test("the outputs are written where the checker reads them", () => {
  expect(JSON.parse(fs.readFileSync(cloud.outputsFile, "utf8"))).toEqual(cloud.graph().outputs);
});

test("saving a handler reloads it without a restart", async () => {
  expect(await health()).toMatchObject({ status: 200, body: '{"status":"ok"}' });
  rewrite(handlerFile, 'json(200, { status: "ok" })', 'json(200, { status: "reloaded" })');
  await expect
    .poll(async () => (await health()).body, { timeout: 10_000, interval: 100 })
    .toBe('{"status":"reloaded"}');
});

test("a handler saved the way many editors save (a new file renamed over it) keeps reloading", async () => {
  const saveByRename = (from: string, to: string) => {
    const text = fs.readFileSync(handlerFile, "utf8");
    expect(text).toContain(from);
    fs.writeFileSync(`${handlerFile}.swp`, text.replace(from, to));
    fs.renameSync(`${handlerFile}.swp`, handlerFile);
  };
  saveByRename('status: "reloaded"', 'status: "renamed once"');
  await expect
    .poll(async () => (await health()).body, { timeout: 10_000, interval: 100 })
    .toBe('{"status":"renamed once"}');
  // The second save is the one a watch on the replaced file would miss.
  saveByRename('status: "renamed once"', 'status: "reloaded"');
  await expect
    .poll(async () => (await health()).body, { timeout: 10_000, interval: 100 })
    .toBe('{"status":"reloaded"}');
});

test("a handler that throws gets API Gateway's 500, and the cloud keeps serving", async () => {
  rewrite(handlerFile, 'return json(200, { status: "reloaded" });', 'throw new Error("boom");');
  await expect.poll(async () => (await health()).status, { timeout: 10_000, interval: 100 }).toBe(500);
  expect((await health()).body).toBe('{"message":"Internal Server Error"}');
  rewrite(handlerFile, 'throw new Error("boom");', 'return json(200, { status: "back" });');
  await expect.poll(async () => (await health()).body, { timeout: 10_000, interval: 100 }).toBe('{"status":"back"}');
});

test("saving infra.ts evaluates the lab again: a new route answers", { timeout: 30_000 }, async () => {
  const version = async () => (await fetch(`${api}/version`)).status;
  expect(await version()).toBe(404);
  rewrite(
    infraFile,
    "  return { api: api.url",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source written into infra.ts
    '  api.route("GET /version", { handler: `${dir}/src/orders.health` });\n\n  return { api: api.url',
  );
  await expect.poll(version, { timeout: 25_000, interval: 200 }).toBe(200);
});
