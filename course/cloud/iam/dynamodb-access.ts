// The IAM action and resource of each DynamoDB operation (Service
// Authorization Reference, "Actions defined by Amazon DynamoDB"): the action
// is named after the operation; the resource is the table, or the index a
// Query or Scan reads, or every table a batch touches, or "*" for operations
// on no table (ListTables, DescribeLimits).
import type { CloudGraph } from "../../graph/model.ts";
import type { EdgeRequest } from "../service.ts";
import { type Access, jsonBody, stringOf, targetOperation } from "./access.ts";
import { indexArn, tableArn } from "./arns.ts";

/** TransactWriteItems and TransactGetItems need the item action of each of their items */
const TRANSACT_ACTIONS: Record<string, string> = {
  ConditionCheck: "ConditionCheckItem",
  Put: "PutItem",
  Update: "UpdateItem",
  Delete: "DeleteItem",
  Get: "GetItem",
};

/** PartiQL needs the PartiQL actions of its statements; the local DynamoDB refuses PartiQL by name before that matters */
const NOT_AUTHORIZED_HERE = new Set(["ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction"]);

export function dynamoDbAccess(request: EdgeRequest, graph: CloudGraph): Access[] {
  const operation =
    targetOperation(request.headers["x-amz-target"], "DynamoDB_20120810") ??
    targetOperation(request.headers["x-amz-target"], "DynamoDBStreams_20120810");
  const input = jsonBody(request.body);
  if (!operation || !input || NOT_AUTHORIZED_HERE.has(operation)) return [];
  const action = `dynamodb:${operation}`;
  const table = stringOf(input.TableName);

  if (operation === "BatchGetItem" || operation === "BatchWriteItem") {
    const tables = Object.keys((input.RequestItems ?? {}) as Record<string, unknown>);
    return [{ action, resources: tables.map((name) => tableArn(graph, name)) }];
  }
  if (operation === "TransactWriteItems" || operation === "TransactGetItems") {
    return transactAccess(input.TransactItems, graph);
  }
  if ((operation === "Query" || operation === "Scan") && table && typeof input.IndexName === "string") {
    return [{ action, resources: [indexArn(graph, table, input.IndexName)] }];
  }
  if (table) return [{ action, resources: [tableArn(graph, table)] }];
  const arn = stringOf(input.ResourceArn) ?? stringOf(input.StreamArn);
  if (arn) return [{ action, resources: [arn] }];
  // GetRecords names its stream only inside the opaque shard iterator
  if (operation === "GetRecords") return [];
  return [{ action, resources: ["*"] }];
}

function transactAccess(items: unknown, graph: CloudGraph): Access[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: Record<string, { TableName?: unknown }>) =>
    Object.entries(item ?? {}).flatMap(([kind, details]) => {
      const name = TRANSACT_ACTIONS[kind];
      const table = stringOf(details?.TableName);
      return name && table ? [{ action: `dynamodb:${name}`, resources: [tableArn(graph, table)] }] : [];
    }),
  );
}
