// PutRule, DescribeRule, ListRules, DeleteRule, EnableRule, DisableRule and
// TestEventPattern. Patterns are checked by the event-pattern parser, which
// words its refusals as InvalidEventPatternException does.

import { ACCOUNT } from "../../aws/identity.ts";
import {
  InvalidEventError,
  InvalidEventPatternError,
  type Pattern,
  parsePattern,
  testEventPattern,
} from "../events/pattern/index.ts";
import { busNameOf, DEFAULT_BUS } from "./arns.ts";
import { EventsError, validationError } from "./errors.ts";
import { type EventsState, type Input, optionalString, page, requiredString } from "./events-state.ts";
import type { Rule, RuleState } from "./registry.ts";

const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const STATES = ["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"];

function patternOf(json: string, check: (json: string) => Pattern | boolean): ReturnType<typeof check> {
  try {
    return check(json);
  } catch (err) {
    if (err instanceof InvalidEventPatternError) throw new EventsError(err.code, err.message);
    if (err instanceof InvalidEventError) throw new EventsError(err.code, err.message);
    throw err;
  }
}

function stateOf(input: Input): RuleState {
  const state = optionalString(input, "State") ?? "ENABLED";
  if (!STATES.includes(state)) {
    throw validationError(
      `1 validation error detected: Value '${state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [${STATES.join(", ")}]`,
    );
  }
  return state === "DISABLED" ? "DISABLED" : "ENABLED";
}

/** PutRule replaces what it names: "If you omit arguments in PutRule, the old values for those arguments are not kept." */
export function putRule(state: EventsState, input: Input): unknown {
  const name = requiredString(input, "Name");
  if (!RULE_NAME.test(name)) {
    throw validationError(
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
    );
  }
  const busName = busNameOf(input.EventBusName);
  const eventPattern = optionalString(input, "EventPattern");
  const schedule = optionalString(input, "ScheduleExpression");
  if (eventPattern === undefined && schedule === undefined) {
    throw validationError("Parameter(s) EventPattern or ScheduleExpression must be specified.");
  }
  if (schedule !== undefined && busName !== DEFAULT_BUS) {
    throw validationError("ScheduleExpression is supported only on the default event bus.");
  }
  const pattern = eventPattern === undefined ? undefined : (patternOf(eventPattern, parsePattern) as Pattern);
  const ruleState = stateOf(input);
  state.registry.bus(busName);
  const rule = state.registry.putRule(busName, name, false);
  Object.assign(rule, {
    eventPattern,
    pattern,
    scheduleExpression: schedule,
    state: ruleState,
    description: optionalString(input, "Description"),
  });
  if (schedule !== undefined)
    state.log(`events: rule ${name} has a schedule (${schedule}); schedules do not fire in the local cloud`);
  return { RuleArn: rule.arn };
}

function describe(rule: Rule): Record<string, unknown> {
  return {
    Name: rule.name,
    Arn: rule.arn,
    ...(rule.eventPattern !== undefined ? { EventPattern: rule.eventPattern } : {}),
    ...(rule.scheduleExpression !== undefined ? { ScheduleExpression: rule.scheduleExpression } : {}),
    State: rule.state,
    ...(rule.description !== undefined ? { Description: rule.description } : {}),
    EventBusName: rule.busName,
  };
}

const ruleOf = (state: EventsState, input: Input): Rule =>
  state.registry.rule(busNameOf(input.EventBusName), requiredString(input, "Name"));

export function describeRule(state: EventsState, input: Input): unknown {
  return { ...describe(ruleOf(state, input)), CreatedBy: ACCOUNT };
}

export function listRules(state: EventsState, input: Input): unknown {
  const prefix = optionalString(input, "NamePrefix") ?? "";
  const rules = state.registry.rules(busNameOf(input.EventBusName)).filter((rule) => rule.name.startsWith(prefix));
  const { items, ...next } = page(rules, input);
  return { Rules: items.map(describe), ...next };
}

/** A rule that does not exist is not an error; one with targets is. */
export function deleteRule(state: EventsState, input: Input): unknown {
  const busName = busNameOf(input.EventBusName);
  const name = requiredString(input, "Name");
  const rule = state.registry.rules(busName).find((candidate) => candidate.name === name);
  if (rule && rule.targets.size > 0) throw validationError("Rule can't be deleted since it has targets.");
  state.registry.deleteRule(busName, name);
  return {};
}

export function enableRule(state: EventsState, input: Input): unknown {
  ruleOf(state, input).state = "ENABLED";
  return {};
}

export function disableRule(state: EventsState, input: Input): unknown {
  ruleOf(state, input).state = "DISABLED";
  return {};
}

export function testPattern(_state: EventsState, input: Input): unknown {
  const event = requiredString(input, "Event");
  return { Result: patternOf(requiredString(input, "EventPattern"), (pattern) => testEventPattern(pattern, event)) };
}
