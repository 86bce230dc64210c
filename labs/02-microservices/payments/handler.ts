// The payments service: charges a card once per request and keeps a record of
// every attempt, approved or declined.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { Resource } from "sst";
import { z } from "zod";
import { ClientError, json, parseBody } from "../shared/http";
import { serviceHandler } from "../shared/router";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/**
 * What a caller must send: API Gateway checks none of it, so this schema is the contract's guard.
 * TODO (step payments-validation): orderId a non-empty string, amountCents a positive whole
 * number, card exactly 16 digits.
 */
// Until you list the fields, this lets every field through unchecked (z.object({}) would drop them all).
export const ChargeRequest = z.looseObject({});

export const handler = serviceHandler({
  "POST /v1/payments": async (event) => {
    const request = parseBody(event, ChargeRequest);
    // TODO (step payments-charge): charge the card with chargeCard, store the payment in the
    // Payments table (approved or declined; never the card number), and answer 201 when
    // approved, 402 when declined.
    console.log(JSON.stringify({ msg: "TODO: charge", request }));
    throw new ClientError(501, "payments are not implemented yet");
  },
  "GET /v1/payments/{paymentId}": async (event) => {
    const paymentId = event.pathParameters?.paymentId;
    const { Item } = await db.send(new GetCommand({ TableName: Resource.Payments.name, Key: { paymentId } }));
    if (!Item) throw new ClientError(404, `payment ${paymentId} not found`);
    return json(200, Item);
  },
});
