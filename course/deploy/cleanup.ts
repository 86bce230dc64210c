// `course cleanup`: find what the course left in an AWS account and region,
// say what each thing may cost, and delete it (never with --dry-run).
//
// Found three ways, because no single one sees everything:
// - the Resource Groups Tagging API (GetResources), for everything tagged
//   course=serverless-course (our tags) or sst:app=course-* (SST's own);
// - IAM roles by name prefix `course-`, since GetResources "does not currently
//   support IAM users and roles" (AWS Resource Groups Tagging API reference,
//   "Services that support the Resource Groups Tagging API");
// - SST's own leftovers per app and stage: the state files in the bootstrap
//   state bucket (`<key>/<app>/<stage>.json` and `<key>/<app>/<stage>/…`) and
//   the passphrase parameter `/sst/passphrase/<app>/<stage>` in SSM.
// SST's bootstrap itself (`/sst/bootstrap`, the `sst-state-*` and `sst-asset-*`
// buckets, the `sst-asset` ECR repository) is shared by every SST app in the
// account and region: it is named, never deleted. Function code zips in the
// asset bucket carry neither app nor stage in their keys, so they stay too.
//
// This file ties the parts together: cleanup/find.ts decides (no I/O),
// cleanup/kinds.ts describes and removes each kind, cleanup/aws.ts talks to AWS.
import { awsClients, awsListings } from "./cleanup/aws.ts";
import { type FindOptions, leftoversIn, PASSPHRASE_PREFIX, ROLE_PREFIX, tagQueries } from "./cleanup/find.ts";
import { removeLeftover } from "./cleanup/kinds.ts";
import type { CleanupApi, Leftover } from "./cleanup/types.ts";

export type { CleanupApi, Leftover } from "./cleanup/types.ts";

export async function findLeftovers(api: CleanupApi, options: FindOptions): Promise<Leftover[]> {
  const [ours, sst] = tagQueries(options.stage);
  const tagged = [...(await api.taggedResources(ours)), ...(await api.taggedResources(sst))];
  const roles = await api.roles(ROLE_PREFIX);
  const parameters = await api.parameters(PASSPHRASE_PREFIX);
  const bootstrap = await api.bootstrap();
  const stateKeys = bootstrap?.state ? await api.objectKeys(bootstrap.state) : [];
  return leftoversIn({ tagged, roles, parameters, bootstrap, stateKeys }, options);
}

export interface RemoveResult {
  removed: Leftover[];
  failed: { leftover: Leftover; error: string }[];
}

/** Delete every leftover that is not shared, in dependency order; carry on past failures and report them. */
export async function removeLeftovers(
  api: CleanupApi,
  leftovers: Leftover[],
  onProgress?: (leftover: Leftover, error?: string) => void,
): Promise<RemoveResult> {
  const result: RemoveResult = { removed: [], failed: [] };
  const apis = new Set(leftovers.filter((l) => l.kind === "HTTP API").map((l) => l.id));
  for (const leftover of leftovers.filter((l) => !l.shared).sort((a, b) => a.order - b.order)) {
    // A stage goes with its API.
    const parentApi = /^(arn:aws:apigateway:[^:]*::\/apis\/[^/]+)\/stages\//.exec(leftover.id)?.[1];
    if (parentApi && apis.has(parentApi)) {
      result.removed.push(leftover);
      onProgress?.(leftover);
      continue;
    }
    try {
      await api.remove(leftover);
      result.removed.push(leftover);
      onProgress?.(leftover);
    } catch (err) {
      const error = (err as Error).message;
      result.failed.push({ leftover, error });
      onProgress?.(leftover, error);
    }
  }
  return result;
}

/** The real account. */
export function awsCleanupApi(region: string): CleanupApi {
  const clients = awsClients(region);
  return { ...awsListings(clients), remove: (leftover) => removeLeftover(leftover, clients) };
}
