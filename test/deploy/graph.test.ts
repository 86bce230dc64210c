// Offline proof that what `course deploy` would create is safe to leave in a
// learner's account: every ready lab's solution, evaluated with SST's own
// components under Pulumi mocks exactly as `sst deploy` builds it, keeps the
// rules in audit.ts — and each rule catches the mistake it exists for, planted
// in a throwaway copy of a lab.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MAX_STAGE_LENGTH } from "../../course/deploy/stage.ts";
import { type Evaluation, evaluateApp } from "../../course/graph/evaluate.ts";
import { loadCatalog } from "../../course/lab-runner/catalog.ts";
import type { LabManifest } from "../../course/lab-runner/manifest.ts";
import { CONFIG_FILE, ROOT } from "../../course/paths.ts";
import { type AuditContext, audit, taggable } from "./audit.ts";
import { PROMISES } from "./promises.ts";

const EDGE = "http://127.0.0.1:4999";
/** as long a stage as `course deploy` accepts: the names must still show app and stage */
const STAGE = "deploy-check";
const ready = (await loadCatalog()).filter((m) => m.status === "ready");
const base = ready[0]!;

const planted = path.join(ROOT, "labs", `zz-deploy-${process.pid}`);
const folder = (mutation: string) => `zz-deploy-${process.pid}-${mutation}`;
const evaluations = new Map<string, Evaluation>();

/** Copy the base lab's solution to labs/<folder>, changed by `edit`. */
function plantLab(mutation: string, edit: (infra: string) => string): string {
  const dir = path.join(ROOT, "labs", folder(mutation));
  fs.cpSync(path.join(ROOT, "solutions", base.slug), dir, { recursive: true });
  const infraFile = path.join(dir, "infra.ts");
  const original = fs.readFileSync(infraFile, "utf8");
  const changed = edit(original);
  if (changed === original)
    throw new Error(`the ${mutation} mutation found nothing to change in ${base.slug}'s infra.ts`);
  fs.writeFileSync(infraFile, changed);
  return folder(mutation);
}

beforeAll(async () => {
  // One planted lab carries all three mistakes, each for its own rule: one evaluation instead of three.
  fs.mkdirSync(planted, { recursive: true });
  let links = 0;
  const mistakes = plantLab("mistakes", (infra) =>
    infra
      .replace(
        /(export default function infra\([^)]*\) \{\n)/,
        `$1  // planted: something strips the stage tag from every table
  $util.runtime.registerStackTransformation((args) =>
    args.type === "aws:dynamodb/table:Table"
      ? {
          props: {
            ...args.props,
            tags: $util.output(args.props.tags).apply((tags: Record<string, string>) => {
              const { stage: _stage, ...rest } = tags ?? {};
              return rest;
            }),
          },
          opts: args.opts,
        }
      : undefined,
  );
`,
      )
      .replace(/link: \[orders\],/g, (link) => {
        links++;
        return links === 1
          ? `${link}\n    permissions: [{ actions: ["dynamodb:*"], resources: ["*"] }],`
          : `${link}\n    permissions: [{ actions: ["*"], resources: [orders.arn] }],`;
      }),
  );
  const config = fs.readFileSync(CONFIG_FILE, "utf8");
  const retainConfig = config
    .replace(/removal: [^\n]*,\n/, 'removal: "retain",\n')
    .replace('import("./infra/load-lab")', 'import("../../infra/load-lab")');
  if (!retainConfig.includes('removal: "retain",') || !retainConfig.includes("../../infra/load-lab")) {
    throw new Error("sst.config.ts changed shape: update the removal mutation in test/deploy/graph.test.ts");
  }
  const retainConfigFile = path.join(planted, "sst.config.ts");
  fs.writeFileSync(retainConfigFile, retainConfig);

  // One at a time: each evaluation is a child process, and parallel ones starve each other on a small machine.
  for (const m of ready) {
    evaluations.set(m.slug, await evaluateApp({ lab: m.slug, from: "solutions", stage: STAGE, edgeUrl: EDGE }));
  }
  evaluations.set(
    "mistakes",
    await evaluateApp({ lab: mistakes, from: "labs", stage: STAGE, edgeUrl: EDGE, configFile: retainConfigFile }),
  );
  evaluations.set(
    "production",
    await evaluateApp({ lab: base.slug, from: "solutions", stage: "production", edgeUrl: EDGE }),
  );
}, 300_000);

afterAll(() => {
  fs.rmSync(planted, { recursive: true, force: true });
  fs.rmSync(path.join(ROOT, "labs", folder("mistakes")), { recursive: true, force: true });
});

const ctx = (manifest: LabManifest, lab = manifest.slug, stage = STAGE): AuditContext => ({ lab, stage, manifest });

test("the longest stage `course deploy` accepts is the one these tests deploy", () => {
  expect(STAGE).toHaveLength(MAX_STAGE_LENGTH);
});

test("taggable types come from @pulumi/aws's own declarations", () => {
  expect(taggable("aws:dynamodb/table:Table")).toBe(true);
  expect(taggable("aws:lambda/function:Function")).toBe(true);
  expect(taggable("aws:iam/role:Role")).toBe(true);
  expect(taggable("aws:apigatewayv2/route:Route")).toBe(false);
  expect(taggable("aws:lambda/permission:Permission")).toBe(false);
});

describe.each(ready.map((m) => [m.slug, m] as const))(
  "%s's solution, as `course deploy` would create it",
  (slug, manifest) => {
    const ev = () => evaluations.get(slug)!;

    test("every taggable AWS resource is tagged course, lab and stage, as the provider's defaultTags say", () => {
      const resources = ev().resources ?? [];
      expect(resources.filter((r) => r.type.startsWith("aws:") && taggable(r.type)).length).toBeGreaterThan(5);
      expect(audit(ev(), ctx(manifest)).tags).toEqual([]);
    });

    test('removal is "remove": `sst remove` deletes every resource, tables included', () => {
      expect(ev().app?.removal).toBe("remove");
      expect(audit(ev(), ctx(manifest)).removal).toEqual([]);
    });

    test('no IAM statement allows action "*", or "*" resources where the action can be scoped', () => {
      expect(audit(ev(), ctx(manifest)).iam).toEqual([]);
    });

    test("every physical name starts with the lab's app and shows the stage, even for the longest stage", () => {
      expect(audit(ev(), ctx(manifest)).naming).toEqual([]);
    });

    test("nothing is reachable from the internet but the lab's HTTP API", () => {
      expect(audit(ev(), ctx(manifest)).exposure).toEqual([]);
    });

    test("the manifest states a cost, and nothing bills more than it says while idle", () => {
      expect(audit(ev(), ctx(manifest)).cost).toEqual([]);
    });

    test("the lab's own structural promises hold", () => {
      const promises = PROMISES[slug];
      expect(promises, `add lab ${slug}'s structural promises to test/deploy/promises.ts`).toBeDefined();
      expect(promises!(ev())).toEqual([]);
    });
  },
);

describe("each rule catches the mistake it is for, planted in a copy of a lab", () => {
  const result = () => audit(evaluations.get("mistakes")!, ctx(base, folder("mistakes")));

  test("a table whose stage tag something removed", () => {
    expect(result().tags).toEqual(['dynamodb/table "OrdersTable" has no tag stage=deploy-check']);
  });

  test("a wildcard resource, and a wildcard action, in a route's `permissions`", () => {
    expect(result().iam).toEqual([
      expect.stringMatching(/^iam\/role "ApiRoute\w+HandlerRole" policy "inline" allows dynamodb:\* on resource "\*"$/),
      expect.stringMatching(/^iam\/role "ApiRoute\w+HandlerRole" policy "inline" allows action "\*"$/),
    ]);
  });

  test('removal: "retain" in the config, which keeps the table after `sst remove`', () => {
    expect(result().removal).toEqual([
      'the app\'s removal is "retain", not "remove"',
      'dynamodb/table "OrdersTable" is retained when the stage is removed',
    ]);
  });

  test("and nothing else: the other rules stay quiet", () => {
    const { naming, exposure, cost } = result();
    expect({ naming, exposure, cost }).toEqual({ naming: [], exposure: [], cost: [] });
  });

  test("the real config retains tables in production, which is why `course deploy` refuses that stage", () => {
    const removal = audit(evaluations.get("production")!, ctx(base, base.slug, "production")).removal;
    expect(removal).toContain('the app\'s removal is "retain", not "remove"');
    expect(removal).toContain('dynamodb/table "OrdersTable" is retained when the stage is removed');
  });
});
