// The shipping service's route: where an order's shipment stands.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { Resource } from "sst";
import { ClientError, json } from "../shared/http";
import { serviceHandler } from "../shared/router";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = serviceHandler({
  "GET /v1/shipments/{orderId}": async (event) => {
    const orderId = event.pathParameters?.orderId;
    const { Item } = await db.send(new GetCommand({ TableName: Resource.Shipments.name, Key: { orderId } }));
    if (!Item) throw new ClientError(404, `no shipment for order ${orderId} yet`);
    return json(200, Item);
  },
});
