// The event buses and rules EventBridge serves. The default bus always exists.
// The graph's buses and rules are there from the start and are replaced,
// targets included, each time the graph is served again. Buses and rules made
// through the API are kept across graph changes, unless the graph now has one
// of the same name (the graph's wins) or, for a rule, its bus has gone.
import type { BusSpec, RuleSpec } from "../../graph/model.ts";
import { type Pattern, parsePattern } from "../events/pattern/index.ts";
import { busArn, DEFAULT_BUS, ruleArn } from "./arns.ts";
import { busNotFound, ruleNotFound } from "./errors.ts";
import { type Target, targetFromSpec } from "./targets.ts";

export type RuleState = "ENABLED" | "DISABLED";

export interface Bus {
  readonly name: string;
  readonly arn: string;
  readonly fromGraph: boolean;
  readonly createdAt: Date;
  description?: string;
}

export interface Rule {
  readonly name: string;
  readonly arn: string;
  readonly busName: string;
  readonly fromGraph: boolean;
  eventPattern: string | undefined;
  pattern: Pattern | undefined;
  scheduleExpression: string | undefined;
  state: RuleState;
  description: string | undefined;
  readonly targets: Map<string, Target>;
}

export class EventBusRegistry {
  readonly #buses = new Map<string, Bus>();
  /** rules by bus name, then rule name */
  readonly #rules = new Map<string, Map<string, Rule>>();

  constructor() {
    this.addBus(DEFAULT_BUS, false);
  }

  /** Serves the graph's buses and rules; returns a line for each graph rule that cannot be served. */
  sync(buses: readonly BusSpec[], rules: readonly RuleSpec[]): string[] {
    for (const bus of this.#buses.values()) {
      if (bus.fromGraph && !buses.some((spec) => spec.name === bus.name)) this.deleteBus(bus.name);
    }
    for (const spec of buses) {
      if (spec.name !== DEFAULT_BUS && !this.#buses.get(spec.name)?.fromGraph) this.addBus(spec.name, true);
    }
    for (const rulesOfBus of this.#rules.values()) {
      for (const rule of rulesOfBus.values()) if (rule.fromGraph) rulesOfBus.delete(rule.name);
    }
    const problems: string[] = [];
    for (const spec of rules) {
      const busName = spec.busName || DEFAULT_BUS;
      try {
        this.deleteRule(busName, spec.name);
        const rule = this.putRule(busName, spec.name, true);
        rule.eventPattern = spec.eventPattern;
        rule.pattern = parsePattern(spec.eventPattern);
        rule.state = spec.enabled ? "ENABLED" : "DISABLED";
        for (const target of spec.targets) rule.targets.set(target.id, targetFromSpec(target));
      } catch (err) {
        this.#rules.get(busName)?.delete(spec.name);
        problems.push(`events: rule ${spec.name} on bus ${busName} is not served: ${(err as Error).message}`);
      }
    }
    return problems;
  }

  addBus(name: string, fromGraph: boolean): Bus {
    const bus: Bus = { name, arn: busArn(name), fromGraph, createdAt: new Date() };
    this.#buses.set(name, bus);
    if (!this.#rules.has(name)) this.#rules.set(name, new Map());
    return bus;
  }

  hasBus(name: string): boolean {
    return this.#buses.has(name);
  }

  /** The bus, or ResourceNotFoundException. */
  bus(name: string): Bus {
    const bus = this.#buses.get(name);
    if (!bus) throw busNotFound(name);
    return bus;
  }

  buses(): Bus[] {
    return [...this.#buses.values()];
  }

  /** Deletes the bus with its rules. */
  deleteBus(name: string): void {
    this.#buses.delete(name);
    this.#rules.delete(name);
  }

  /** The rule named `name` on the bus, made (enabled, without pattern or targets) if there is none. */
  putRule(busName: string, name: string, fromGraph: boolean): Rule {
    const rules = this.#rules.get(busName);
    if (!rules) throw busNotFound(busName);
    const existing = rules.get(name);
    if (existing) return existing;
    const rule: Rule = {
      name,
      arn: ruleArn(busName, name),
      busName,
      fromGraph,
      eventPattern: undefined,
      pattern: undefined,
      scheduleExpression: undefined,
      state: "ENABLED",
      description: undefined,
      targets: new Map(),
    };
    rules.set(name, rule);
    return rule;
  }

  /** The rule, or ResourceNotFoundException naming the bus or the rule. */
  rule(busName: string, name: string): Rule {
    const rule = this.rules(busName).find((candidate) => candidate.name === name);
    if (!rule) throw ruleNotFound(name, busName);
    return rule;
  }

  /** The bus's rules; ResourceNotFoundException if there is no such bus. */
  rules(busName: string): Rule[] {
    const rules = this.#rules.get(busName);
    if (!rules) throw busNotFound(busName);
    return [...rules.values()];
  }

  deleteRule(busName: string, name: string): void {
    this.#rules.get(busName)?.delete(name);
  }
}
