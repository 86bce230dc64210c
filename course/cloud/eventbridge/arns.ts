// The account, region and ARNs of the local cloud's EventBridge.

import { ACCOUNT, REGION } from "../../aws/identity.ts";

export const DEFAULT_BUS = "default";

export const busArn = (name: string): string => `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`;

/** Rules on the default bus are "rule/<name>", on other buses "rule/<bus>/<name>". */
export const ruleArn = (bus: string, rule: string): string =>
  `arn:aws:events:${REGION}:${ACCOUNT}:rule/${bus === DEFAULT_BUS ? "" : `${bus}/`}${rule}`;

/** EventBusName parameters take a name or an ARN; absent means the default bus. */
export function busNameOf(nameOrArn: unknown): string {
  if (typeof nameOrArn !== "string" || nameOrArn === "") return DEFAULT_BUS;
  const marker = ":event-bus/";
  const at = nameOrArn.indexOf(marker);
  return nameOrArn.startsWith("arn:") && at >= 0 ? nameOrArn.slice(at + marker.length) : nameOrArn;
}
