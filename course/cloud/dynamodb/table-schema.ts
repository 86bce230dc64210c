// A TableSpec as DynamoDB's CreateTable input, and a comparable "shape" of a
// table (keys, attribute types, global indexes) to tell whether a table that
// exists already is the one a spec asks for.
import type { TableSpec } from "../../graph/model.ts";

interface KeySchemaElement {
  AttributeName: string;
  KeyType: "HASH" | "RANGE";
}

export interface TableDescription {
  TableStatus?: string;
  KeySchema?: KeySchemaElement[];
  AttributeDefinitions?: { AttributeName: string; AttributeType: string }[];
  GlobalSecondaryIndexes?: { IndexName: string; KeySchema: KeySchemaElement[] }[];
}

function keySchema(hashKey: string, rangeKey: string | undefined): KeySchemaElement[] {
  const hash: KeySchemaElement = { AttributeName: hashKey, KeyType: "HASH" };
  return rangeKey ? [hash, { AttributeName: rangeKey, KeyType: "RANGE" }] : [hash];
}

/** On-demand, every global index projecting ALL attributes, as SST's Dynamo component creates them. */
export function createTableInput(spec: TableSpec): Record<string, unknown> {
  return {
    TableName: spec.name,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: spec.attributes.map((attribute) => ({
      AttributeName: attribute.name,
      AttributeType: attribute.type,
    })),
    KeySchema: keySchema(spec.hashKey, spec.rangeKey),
    ...(spec.globalIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: spec.globalIndexes.map((index) => ({
            IndexName: index.name,
            KeySchema: keySchema(index.hashKey, index.rangeKey),
            Projection: { ProjectionType: "ALL" },
          })),
        }
      : {}),
  };
}

export function shapeOfSpec(spec: TableSpec): string {
  return shapeOfDescription(createTableInput(spec) as TableDescription);
}

export function shapeOfDescription(table: TableDescription): string {
  const keys = (schema: KeySchemaElement[] = []) =>
    schema.map((key) => `${key.KeyType}:${key.AttributeName}`).join(",");
  return JSON.stringify({
    keys: keys(table.KeySchema),
    attributes: (table.AttributeDefinitions ?? []).map((a) => `${a.AttributeName}:${a.AttributeType}`).sort(),
    indexes: (table.GlobalSecondaryIndexes ?? []).map((index) => `${index.IndexName}=${keys(index.KeySchema)}`).sort(),
  });
}
