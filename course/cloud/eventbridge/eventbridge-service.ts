// EventBridge (awsJson1.1, X-Amz-Target "AWSEvents.<Operation>"): the default
// bus and the graph's buses and rules, PutEvents matched with the event-pattern
// matcher and delivered to Lambda and SQS targets without holding up the
// answer, the control plane for buses, rules and targets, and TestEventPattern.
import type { BusSpec, RuleSpec } from "../../graph/model.ts";
import { AsyncDelivery } from "../async-delivery.ts";
import type { Invoker } from "../lambda/invoker.ts";
import type { QueueDelivery } from "../queue-delivery.ts";
import type { EdgeRequest, EdgeResponse, Service } from "../service.ts";
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses } from "./bus-actions.ts";
import { EventsError } from "./errors.ts";
import { EventRouter } from "./event-router.ts";
import type { EventsAction, EventsState, Input } from "./events-state.ts";
import { putEvents } from "./put-events-action.ts";
import { EventBusRegistry } from "./registry.ts";
import { deleteRule, describeRule, disableRule, enableRule, listRules, putRule, testPattern } from "./rule-actions.ts";
import { listTargetsByRule, putTargets, removeTargets } from "./target-actions.ts";

export interface EventBridgeServiceOptions {
  buses: BusSpec[];
  rules: RuleSpec[];
  invoker: Invoker;
  queues: QueueDelivery;
  /** a line per failed delivery, per event that goes nowhere and per graph rule that cannot be served */
  onLog?(line: string): void;
}

const TARGET = /^AWSEvents\.([A-Za-z]+)$/;

const ACTIONS: Record<string, EventsAction> = {
  PutEvents: putEvents,
  CreateEventBus: createEventBus,
  DeleteEventBus: deleteEventBus,
  ListEventBuses: listEventBuses,
  DescribeEventBus: describeEventBus,
  PutRule: putRule,
  DescribeRule: describeRule,
  ListRules: listRules,
  DeleteRule: deleteRule,
  EnableRule: enableRule,
  DisableRule: disableRule,
  PutTargets: putTargets,
  RemoveTargets: removeTargets,
  ListTargetsByRule: listTargetsByRule,
  TestEventPattern: testPattern,
};

function parseInput(body: Buffer): Input {
  const text = body.toString("utf8").trim();
  let input: unknown;
  try {
    input = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new EventsError("SerializationException", "The request body is not valid JSON.");
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new EventsError("SerializationException", "The request body must be a JSON object.");
  }
  return input as Input;
}

export class EventBridgeService implements Service {
  readonly signingName = "events";
  readonly #state: EventsState;
  readonly #delivery: AsyncDelivery;

  constructor(options: EventBridgeServiceOptions) {
    const log = options.onLog ?? (() => {});
    this.#delivery = new AsyncDelivery({ invoker: options.invoker, queues: options.queues, onLog: log });
    this.#state = { registry: new EventBusRegistry(), router: new EventRouter(this.#delivery, log), log };
    this.update(options.buses, options.rules);
  }

  /**
   * Serves the graph's buses and rules. Rules made through the API are kept
   * unless the graph now has a rule of the same name on the same bus, or
   * their bus is gone; the graph's own rules are replaced, targets included.
   */
  update(buses: BusSpec[], rules: RuleSpec[]): void {
    for (const problem of this.#state.registry.sync(buses, rules)) this.#state.log(problem);
  }

  async handle(request: EdgeRequest): Promise<EdgeResponse> {
    const target = request.headers["x-amz-target"];
    const operation = TARGET.exec(typeof target === "string" ? target : "")?.[1] ?? "";
    const action = ACTIONS[operation];
    try {
      if (!action) throw new EventsError("UnknownOperationException", `Unknown operation ${operation || "(none)"}`);
      const output = action(this.#state, parseInput(request.body));
      return {
        status: 200,
        headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": request.requestId },
        body: JSON.stringify(output),
      };
    } catch (err) {
      if (!(err instanceof EventsError)) throw err;
      const response = err.toResponse();
      return { ...response, headers: { ...response.headers, "x-amzn-requestid": request.requestId } };
    }
  }

  /** Resolves once every delivery of the events put so far is done (delivered, or logged as failed). */
  idle(): Promise<void> {
    return this.#delivery.idle();
  }

  async close(): Promise<void> {
    await this.#delivery.idle();
  }
}
