// The attributes of a subscription a learner may set (Subscribe's Attributes,
// SetSubscriptionAttributes), checked and refused in SNS's words. Subscribe
// words a refusal "Invalid parameter: Attributes Reason: …", the setter
// "Invalid parameter: …".
import { invalidParameter } from "./errors.ts";
import {
  FILTER_POLICY_SCOPES,
  type FilterPolicy,
  FilterPolicyError,
  type FilterPolicyScope,
  parseFilterPolicy,
} from "./filter-policy.ts";

export interface SubscriptionSettings {
  readonly rawMessageDelivery: boolean;
  readonly filterPolicyScope: FilterPolicyScope;
  /** the FilterPolicy attribute as set; "" when none */
  readonly filterPolicyJson: string;
  readonly filterPolicy: FilterPolicy | undefined;
  /** attributes kept as given, for GetSubscriptionAttributes (DeliveryPolicy, RedrivePolicy, …) */
  readonly other: Readonly<Record<string, string>>;
}

export const DEFAULT_SETTINGS: SubscriptionSettings = {
  rawMessageDelivery: false,
  filterPolicyScope: "MessageAttributes",
  filterPolicyJson: "",
  filterPolicy: undefined,
  other: {},
};

/** A refused attribute; `detail` follows "Invalid parameter: " and the caller's prefix. */
class SettingRefused extends Error {
  readonly detail: string;
  constructor(detail: string) {
    super(detail);
    this.detail = detail;
  }
}

function refuse(detail: string): never {
  throw new SettingRefused(detail);
}

const KEPT_AS_GIVEN = new Set(["DeliveryPolicy", "RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy"]);

function isScope(value: string): value is FilterPolicyScope {
  return (FILTER_POLICY_SCOPES as readonly string[]).includes(value);
}

function parseJsonAttribute(name: string, value: string): void {
  try {
    JSON.parse(value);
  } catch {
    refuse(`${name}: failed to parse JSON.`);
  }
}

function applyOne(settings: SubscriptionSettings, protocol: string, name: string, value: string): SubscriptionSettings {
  switch (name) {
    case "RawMessageDelivery": {
      const raw = value.toLowerCase();
      if (raw !== "true" && raw !== "false") {
        refuse(`RawMessageDelivery: Invalid value [${value}]. Must be true or false.`);
      }
      if (raw === "true" && protocol === "lambda") {
        refuse("Delivery protocol [lambda] does not support raw message delivery.");
      }
      return { ...settings, rawMessageDelivery: raw === "true" };
    }
    case "FilterPolicyScope":
      if (!isScope(value)) {
        refuse(`FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`);
      }
      return { ...settings, filterPolicyScope: value };
    case "FilterPolicy":
      return { ...settings, filterPolicyJson: value };
    default:
      if (!KEPT_AS_GIVEN.has(name)) refuse("AttributeName");
      if (name !== "SubscriptionRoleArn") parseJsonAttribute(name, value);
      return { ...settings, other: { ...settings.other, [name]: value } };
  }
}

/**
 * `settings` with `changes` applied; the filter policy is checked against the
 * scope the subscription ends up with. `prefix` goes between "Invalid
 * parameter: " and the reason of a refusal.
 */
export function applySettings(
  settings: SubscriptionSettings,
  protocol: string,
  changes: Record<string, string>,
  prefix: string,
): SubscriptionSettings {
  try {
    let next = settings;
    for (const [name, value] of Object.entries(changes)) next = applyOne(next, protocol, name, value);
    return { ...next, filterPolicy: parseFilterPolicy(next.filterPolicyJson, next.filterPolicyScope) };
  } catch (err) {
    if (err instanceof SettingRefused || err instanceof FilterPolicyError)
      throw invalidParameter(`${prefix}${err.detail}`);
    throw err;
  }
}

/** How GetSubscriptionAttributes shows the settings. */
export function settingsAttributes(settings: SubscriptionSettings): Record<string, string> {
  return {
    RawMessageDelivery: String(settings.rawMessageDelivery),
    ...(settings.filterPolicyJson !== ""
      ? { FilterPolicy: settings.filterPolicyJson, FilterPolicyScope: settings.filterPolicyScope }
      : {}),
    ...settings.other,
  };
}
