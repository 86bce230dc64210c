// SQS behind the edge: both wire protocols on one in-memory engine, the
// graph's queues created at start, and the QueueDelivery SNS and EventBridge use.
import { ACCOUNT } from "../../aws/identity.ts";
import type { QueueSpec } from "../../graph/model.ts";
import { queryParams } from "../iam/query-protocol.ts";
import type { QueueDelivery, QueueMessage } from "../queue-delivery.ts";
import type { EdgeRequest, EdgeResponse, Service } from "../service.ts";
import { SqsEngine } from "./engine.ts";
import { queueDoesNotExist } from "./errors.ts";
import { handleJson, TARGET_PREFIX } from "./json-protocol.ts";
import { parseMessageAttributes } from "./message-attributes.ts";
import type { OperationContext } from "./operation.ts";
import { handleQuery } from "./query-protocol.ts";
import { syncQueues } from "./queue-sync.ts";

export interface SqsServiceOptions {
  queues: QueueSpec[];
  /** base of the queue URLs handed out, e.g. http://127.0.0.1:4566 */
  edgeUrl: string;
  /** below 1 runs every SQS duration faster; for tests only */
  timeScale?: number;
}

/** SenderId of messages AWS services (SNS, EventBridge) deliver */
const SERVICE_SENDER_ID = ACCOUNT;

export class SqsService implements Service, QueueDelivery {
  readonly signingName = "sqs";
  readonly engine: SqsEngine;
  /** names of the queues the graph created */
  #managed = new Set<string>();

  constructor(options: SqsServiceOptions) {
    this.engine = new SqsEngine({ edgeUrl: options.edgeUrl, timeScale: options.timeScale });
    const problems = this.update(options.queues);
    if (problems.length > 0) throw new Error(`SQS could not create its queues: ${problems.join("; ")}`);
  }

  /**
   * Creates the graph's new queues, updates the attributes of those that stay
   * (keeping their messages) and deletes those that left the graph.
   * Resolves to one message per queue it could not sync.
   */
  update(queues: QueueSpec[]): string[] {
    const names = new Set(queues.map((queue) => queue.name));
    const removed = [...this.#managed].filter((name) => !names.has(name));
    this.#managed = names;
    return syncQueues(this.engine, queues, removed);
  }

  async handle(request: EdgeRequest): Promise<EdgeResponse> {
    const context: OperationContext = {
      engine: this.engine,
      senderId: request.principal.accessKeyId || ACCOUNT,
      path: request.url.pathname,
    };
    const target = request.headers["x-amz-target"];
    const response =
      typeof target === "string" && target.startsWith(TARGET_PREFIX)
        ? await handleJson(target, request.body, context)
        : await handleQuery(queryParams(request), request.requestId, context);
    return { ...response, headers: { ...response.headers, "x-amzn-requestid": request.requestId } };
  }

  async deliver(queueArn: string, message: QueueMessage): Promise<void> {
    const queue = this.engine.queueByArn(queueArn);
    if (!queue) throw queueDoesNotExist();
    const wire = Object.fromEntries(
      Object.entries(message.attributes ?? {}).map(([name, attribute]) => [
        name,
        { DataType: attribute.DataType, StringValue: attribute.StringValue, BinaryValue: attribute.BinaryValue },
      ]),
    );
    this.engine.send(
      queue.name,
      {
        body: message.body,
        attributes: parseMessageAttributes(wire),
        systemAttributes: {},
        groupId: message.groupId,
        deduplicationId: message.deduplicationId,
      },
      SERVICE_SENDER_ID,
    );
  }

  async close(): Promise<void> {
    this.engine.close();
  }
}
