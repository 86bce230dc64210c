// The inventory service: what each product costs and how many are in stock.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { Resource } from "sst";
import { z } from "zod";
import { ClientError, json, parseBody } from "../shared/http";
import { serviceHandler } from "../shared/router";
import { findProduct, type Product } from "./catalog";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

const StockUpdate = z.object({ stock: z.number().int().min(0) });
const Quantity = z.object({ quantity: z.number().int().min(1).max(100) });

export const handler = serviceHandler({
  "GET /v1/inventory/{sku}": async (event) => json(200, await view(productIn(event))),
  "PUT /v1/inventory/{sku}": async (event) => {
    const product = productIn(event);
    const { stock } = parseBody(event, StockUpdate);
    await db.send(new PutCommand({ TableName: Resource.Inventory.name, Item: { sku: product.sku, available: stock } }));
    return json(200, await view(product));
  },
  "POST /v1/inventory/{sku}/reservations": async (event) => {
    const product = productIn(event);
    const { quantity } = parseBody(event, Quantity);
    await changeStock(product, -quantity);
    return json(201, await view(product));
  },
  "POST /v1/inventory/{sku}/releases": async (event) => {
    const product = productIn(event);
    const { quantity } = parseBody(event, Quantity);
    await changeStock(product, quantity);
    return json(200, await view(product));
  },
});

function productIn(event: APIGatewayProxyEventV2): Product {
  const sku = event.pathParameters?.sku ?? "";
  const product = findProduct(sku);
  if (!product) throw new ClientError(404, `no product with sku ${sku}`);
  return product;
}

async function view(product: Product) {
  const { Item } = await db.send(new GetCommand({ TableName: Resource.Inventory.name, Key: { sku: product.sku } }));
  const stock = typeof Item?.available === "number" ? Item.available : product.initialStock;
  return { sku: product.sku, name: product.name, priceCents: product.priceCents, stock };
}

/** Adds `delta` to the stock in one conditional write, so the stock never goes below zero. */
async function changeStock(product: Product, delta: number): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: Resource.Inventory.name,
        Key: { sku: product.sku },
        UpdateExpression: "SET available = if_not_exists(available, :initial) + :delta",
        ConditionExpression: "(attribute_not_exists(available) AND :initial >= :needed) OR available >= :needed",
        ExpressionAttributeValues: { ":initial": product.initialStock, ":delta": delta, ":needed": -delta },
      }),
    );
  } catch (err) {
    if ((err as Error).name === "ConditionalCheckFailedException") {
      throw new ClientError(409, `not enough stock of ${product.sku} for ${-delta}`);
    }
    throw err;
  }
}
