// Finding, without I/O: what to ask AWS for, and which of the answers are the
// course's leftovers (by tag, by role name, by SST's state paths).
import {
  BOOTSTRAP_BUCKET,
  BOOTSTRAP_PARAMETER,
  describeArn,
  described,
  PASSPHRASE,
  ROLE_BY_NAME,
  STATE_FILE,
} from "./kinds.ts";
import type { Bootstrap, Leftover, RoleListing, TagFilter, TaggedResource } from "./types.ts";

const COURSE_TAG = { key: "course", value: "serverless-course" } as const;
export const ROLE_PREFIX = "course-";
const APP_PREFIX = "course-";
export const PASSPHRASE_PREFIX = `/sst/passphrase/${APP_PREFIX}`;

export interface FindOptions {
  /** one stage, or every stage of the course when undefined */
  stage?: string;
}

/** The two GetResources queries: our own tags, and SST's (which every resource SST makes carries). */
export function tagQueries(stage: string | undefined): [ours: TagFilter[], sst: TagFilter[]] {
  return [
    [{ key: COURSE_TAG.key, values: [COURSE_TAG.value] }, ...(stage ? [{ key: "stage", values: [stage] }] : [])],
    stage ? [{ key: "sst:stage", values: [stage] }] : [{ key: "sst:app", values: [] }],
  ];
}

/** What AWS answered to the queries. */
export interface Listings {
  /** both tag queries' answers, ours first */
  tagged: TaggedResource[];
  /** roles named ROLE_PREFIX… */
  roles: RoleListing[];
  /** parameter names under PASSPHRASE_PREFIX */
  parameters: string[];
  bootstrap: Bootstrap | undefined;
  /** the keys of the bootstrap's state bucket; none without one */
  stateKeys: string[];
}

/** The leftovers among the listings, each once, in the order they are deleted. */
export function leftoversIn(listings: Listings, { stage }: FindOptions): Leftover[] {
  const found = new Map<string, Leftover>();
  const add = (l: Leftover) => {
    if (!found.has(l.id)) found.set(l.id, l);
  };

  for (const r of listings.tagged) {
    const app = r.tags["sst:app"];
    const isOurs = r.tags[COURSE_TAG.key] === COURSE_TAG.value || app?.startsWith(APP_PREFIX);
    if (!isOurs) continue;
    const resourceStage = r.tags.stage ?? r.tags["sst:stage"];
    if (stage && resourceStage !== stage) continue;
    const lab = r.tags.lab ?? (app?.startsWith(APP_PREFIX) ? app.slice(APP_PREFIX.length) : undefined);
    add({
      ...describeArn(r.arn),
      id: r.arn,
      foundBy: "tag",
      ...(resourceStage ? { stage: resourceStage } : {}),
      ...(lab ? { lab } : {}),
    });
  }

  for (const role of listings.roles) {
    const roleStage = role.tags.stage ?? role.tags["sst:stage"];
    const tagsSayOurs = role.tags[COURSE_TAG.key] === COURSE_TAG.value || role.tags["sst:app"]?.startsWith(APP_PREFIX);
    // An untagged role (say, from a deploy that failed before tagging) counts when its name says so.
    const matches = stage
      ? roleStage
        ? roleStage === stage
        : roleNameStage(role.name, stage)
      : tagsSayOurs || /^course-\d\d-/.test(role.name);
    if (!matches) continue;
    add({
      ...described(ROLE_BY_NAME),
      name: role.name,
      id: role.arn,
      foundBy: "role name",
      ...(roleStage || stage ? { stage: roleStage ?? stage } : {}),
      ...(role.tags.lab ? { lab: role.tags.lab } : {}),
    });
  }

  for (const name of listings.parameters) {
    const [, , , app, paramStage] = name.split("/");
    if (!app || !paramStage || (stage && paramStage !== stage)) continue;
    add({
      ...described(PASSPHRASE),
      name,
      id: `ssm:${name}`,
      stage: paramStage,
      lab: app.slice(APP_PREFIX.length),
      foundBy: "sst state",
    });
  }

  const { bootstrap } = listings;
  if (bootstrap) {
    add({
      ...described(BOOTSTRAP_PARAMETER),
      name: "/sst/bootstrap",
      id: "ssm:/sst/bootstrap",
      foundBy: "sst bootstrap",
      shared: true,
    });
    for (const bucket of [bootstrap.asset, bootstrap.state].filter((b): b is string => Boolean(b))) {
      add({
        ...described(BOOTSTRAP_BUCKET),
        name: bucket,
        id: `arn:aws:s3:::${bucket}`,
        foundBy: "sst bootstrap",
        shared: true,
      });
    }
    if (bootstrap.state) {
      const statePath = new RegExp(`^[^/]+/(${APP_PREFIX}[a-z0-9-]+)/([a-zA-Z0-9-]+)(\\.json$|/)`);
      for (const key of listings.stateKeys) {
        const match = statePath.exec(key);
        if (!match || (stage && match[2] !== stage)) continue;
        add({
          ...described(STATE_FILE),
          name: key,
          id: `s3://${bootstrap.state}/${key}`,
          stage: match[2]!,
          lab: match[1]!.slice(APP_PREFIX.length),
          foundBy: "sst state",
        });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/**
 * SST names a role `<app, maybe cut short>-<stage>-<Name>-<8 random>`, where Name and the random part have no "-"
 * (naming.ts, physicalName): the stage is what comes before the last two parts.
 */
function roleNameStage(roleName: string, stage: string): boolean {
  const escaped = stage.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${ROLE_PREFIX}.*-${escaped}-[A-Za-z0-9]+-[A-Za-z0-9]+$`).test(roleName);
}
