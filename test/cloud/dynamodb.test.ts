import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDbService } from "../../course/cloud/dynamodb/index.ts";
import type { Service } from "../../course/cloud/service.ts";
import type { TableSpec } from "../../course/graph/model.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

const ordersTable: TableSpec = {
  id: "Orders",
  name: "course-local-Orders",
  arn: "arn:aws:dynamodb:us-east-1:000000000000:table/course-local-Orders",
  hashKey: "customerId",
  rangeKey: "orderId",
  attributes: [
    { name: "customerId", type: "S" },
    { name: "orderId", type: "S" },
    { name: "status", type: "S" },
    { name: "placedAt", type: "N" },
  ],
  globalIndexes: [{ name: "byStatus", hashKey: "status", rangeKey: "placedAt" }],
};

const notesTable: TableSpec = {
  id: "Notes",
  name: "course-local-Notes",
  arn: "arn:aws:dynamodb:us-east-1:000000000000:table/course-local-Notes",
  hashKey: "noteId",
  attributes: [{ name: "noteId", type: "S" }],
  globalIndexes: [],
};

/** A stand-in for the edge: every request on 127.0.0.1:<port> goes to the one service. */
async function serve(service: Service): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const response = await service.handle({
      method: req.method ?? "POST",
      url: new URL(req.url ?? "/", "http://127.0.0.1"),
      headers: req.headers,
      body: Buffer.concat(chunks),
      principal: { kind: "learner", accessKeyId: "test", arn: "arn:aws:iam::000000000000:user/learner" },
      requestId: randomUUID(),
      sourceIp: "127.0.0.1",
    });
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let service: DynamoDbService;
let served: Awaited<ReturnType<typeof serve>>;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  service = await DynamoDbService.start([ordersTable]);
  served = await serve(service);
  client = new DynamoDBClient({
    endpoint: served.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  documents = DynamoDBDocumentClient.from(client);
});

afterAll(async () => {
  client.destroy();
  await served.close();
  await service.close();
});

/** the name of the error a call fails with */
async function errorOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (err) {
    return (err as Error).name;
  }
  throw new Error("expected the call to fail");
}

/** a call without the SDK, to send what the SDK never would */
async function rawCall(target: string, body: string): Promise<{ status: number; type: string }> {
  const response = await fetch(served.endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": target },
    body,
  });
  const text = await response.text();
  const output = text === "" ? {} : (JSON.parse(text) as { __type?: string });
  return { status: response.status, type: output.__type?.split("#")[1] ?? "" };
}

const order = (customerId: string, orderId: string, status: string, placedAt: number) => ({
  customerId,
  orderId,
  status,
  placedAt,
  lines: [{ sku: "tea", quantity: 2 }],
});

describe("tables from TableSpecs", () => {
  it("creates the table on demand, with its global index projecting all attributes", async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: ordersTable.name }));
    expect(Table?.TableStatus).toBe("ACTIVE");
    expect(Table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    expect(Table?.KeySchema).toEqual([
      { AttributeName: "customerId", KeyType: "HASH" },
      { AttributeName: "orderId", KeyType: "RANGE" },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.Projection?.ProjectionType])).toEqual([
      ["byStatus", "ALL"],
    ]);
  });
});

describe("items through the SDK", () => {
  beforeAll(async () => {
    for (const item of [
      order("c1", "o1", "PLACED", 100),
      order("c1", "o2", "SHIPPED", 200),
      order("c2", "o3", "PLACED", 300),
    ]) {
      await documents.send(new PutCommand({ TableName: ordersTable.name, Item: item }));
    }
  });

  it("puts and gets an item", async () => {
    const { Item } = await documents.send(
      new GetCommand({ TableName: ordersTable.name, Key: { customerId: "c1", orderId: "o1" } }),
    );
    expect(Item).toEqual(order("c1", "o1", "PLACED", 100));
  });

  it("queries by partition key and scans the table", async () => {
    const { Items } = await documents.send(
      new QueryCommand({
        TableName: ordersTable.name,
        KeyConditionExpression: "customerId = :c",
        ExpressionAttributeValues: { ":c": "c1" },
      }),
    );
    expect(Items?.map((item) => item.orderId)).toEqual(["o1", "o2"]);
    const scanned = await documents.send(new ScanCommand({ TableName: ordersTable.name }));
    expect(scanned.Count).toBe(3);
  });

  it("queries a global index", async () => {
    const { Items } = await documents.send(
      new QueryCommand({
        TableName: ordersTable.name,
        IndexName: "byStatus",
        KeyConditionExpression: "#s = :s AND placedAt > :after",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":s": "PLACED", ":after": 50 },
        ScanIndexForward: false,
      }),
    );
    expect(Items?.map((item) => item.orderId)).toEqual(["o3", "o1"]);
    expect(Items?.[0]?.lines).toEqual([{ sku: "tea", quantity: 2 }]);
  });

  it("fails a conditional put with ConditionalCheckFailedException", async () => {
    const put = documents.send(
      new PutCommand({
        TableName: ordersTable.name,
        Item: order("c1", "o1", "CANCELLED", 100),
        ConditionExpression: "attribute_not_exists(orderId)",
      }),
    );
    expect(await errorOf(put)).toBe("ConditionalCheckFailedException");
  });

  it("answers an unknown table with ResourceNotFoundException", async () => {
    const get = documents.send(new GetCommand({ TableName: "no-such-table", Key: { id: "1" } }));
    expect(await errorOf(get)).toBe("ResourceNotFoundException");
  });

  it("rejects an item of several MB with ValidationException", async () => {
    const put = client.send(
      new PutItemCommand({
        TableName: ordersTable.name,
        Item: { customerId: { S: "c9" }, orderId: { S: "big" }, blob: { S: "x".repeat(5 * 1024 * 1024) } },
      }),
    );
    expect(await errorOf(put)).toBe("ValidationException");
  });
});

describe("malformed requests", () => {
  it("answers bad JSON, or JSON that is not an object, with SerializationException", async () => {
    for (const body of ["{not json", "", "[]", "null"]) {
      expect(await rawCall("DynamoDB_20120810.GetItem", body)).toEqual({ status: 400, type: "SerializationException" });
    }
  });

  it("answers an unknown operation or target with UnknownOperationException", async () => {
    for (const target of ["DynamoDB_20120810.Frobnicate", "DynamoDB_20990101.GetItem", ""]) {
      expect(await rawCall(target, "{}")).toEqual({ status: 400, type: "UnknownOperationException" });
    }
  });

  it("refuses transactions by name, dynalite having none", async () => {
    const write = documents.send(
      new TransactWriteCommand({
        TransactItems: [{ Put: { TableName: ordersTable.name, Item: order("c3", "o9", "PLACED", 1) } }],
      }),
    );
    expect(await errorOf(write)).toBe("UnknownOperationException");
  });

  it("answers invalid input with ValidationException", async () => {
    const body = JSON.stringify({ TableName: ordersTable.name, Key: { customerId: { S: "c1" } } });
    expect(await rawCall("DynamoDB_20120810.GetItem", body)).toEqual({ status: 400, type: "ValidationException" });
  });

  it("rejects a body over 16 MB and keeps serving", async () => {
    const body = " ".repeat(16 * 1024 * 1024 + 1);
    expect(await rawCall("DynamoDB_20120810.PutItem", body)).toEqual({ status: 413, type: "RequestEntityTooLarge" });
    const { TableNames } = await client.send(new ListTablesCommand({}));
    expect(TableNames).toContain(ordersTable.name);
  });
});

describe("update", () => {
  const count = async (TableName: string) => (await documents.send(new ScanCommand({ TableName }))).Count;

  it("creates new tables, keeps the items of those that stay and deletes those that went", async () => {
    const separate = await DynamoDbService.start([ordersTable]);
    const own = await serve(separate);
    const ownClient = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: own.endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
      }),
    );
    try {
      await ownClient.send(new PutCommand({ TableName: ordersTable.name, Item: order("c1", "o1", "PLACED", 1) }));

      expect(await separate.update([ordersTable, notesTable])).toEqual([]);
      await ownClient.send(new PutCommand({ TableName: notesTable.name, Item: { noteId: "n1" } }));
      expect((await ownClient.send(new ScanCommand({ TableName: ordersTable.name }))).Count).toBe(1);

      // a new index: the table is made anew with its items, and the index answers for them
      const indexed: TableSpec = {
        ...notesTable,
        attributes: [...notesTable.attributes, { name: "topic", type: "S" }],
        globalIndexes: [{ name: "byTopic", hashKey: "topic" }],
      };
      await ownClient.send(new PutCommand({ TableName: notesTable.name, Item: { noteId: "n2", topic: "aws" } }));
      expect(await separate.update([indexed])).toEqual([]);
      const byTopic = await ownClient.send(
        new QueryCommand({
          TableName: notesTable.name,
          IndexName: "byTopic",
          KeyConditionExpression: "topic = :t",
          ExpressionAttributeValues: { ":t": "aws" },
        }),
      );
      expect(byTopic.Items?.map((item) => item.noteId)).toEqual(["n2"]);
      expect((await ownClient.send(new ScanCommand({ TableName: notesTable.name }))).Count).toBe(2);

      const gone = await errorOf(ownClient.send(new ScanCommand({ TableName: ordersTable.name })));
      expect(gone).toBe("ResourceNotFoundException");
    } finally {
      ownClient.destroy();
      await own.close();
      await separate.close();
    }
    // the service under the other tests was not touched
    expect(await count(ordersTable.name)).toBeGreaterThan(0);
  });
});
