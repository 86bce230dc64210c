import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Resource } from "sst";

// Created once per warm function instance, reused across invocations.
export const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** One table for everything: the kind of record is the key's prefix, e.g. "ORDER#…", "STOCK#…". */
export const table = () => Resource.Shop.name;
