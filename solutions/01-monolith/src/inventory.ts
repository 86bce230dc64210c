import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { findProduct, type Product } from "./catalog";
import { db, table } from "./db";
import { ClientError } from "./http";

const stockKey = (sku: string) => ({ pk: `STOCK#${sku}` });

export function productOrNotFound(sku: string): Product {
  const product = findProduct(sku);
  if (!product) throw new ClientError(404, `no product with sku ${sku}`);
  return product;
}

/** Stock on hand: the stored count, or the catalog's initial stock before anyone bought or restocked. */
export async function stockOf(product: Product): Promise<number> {
  const { Item } = await db.send(new GetCommand({ TableName: table(), Key: stockKey(product.sku) }));
  return typeof Item?.available === "number" ? Item.available : product.initialStock;
}

export async function setStock(product: Product, available: number): Promise<void> {
  await db.send(new PutCommand({ TableName: table(), Item: { ...stockKey(product.sku), available } }));
}

/**
 * Takes `quantity` out of stock, or throws a 409 when there is not enough.
 * One conditional write: two orders racing for the last copy cannot both win.
 */
export async function reserve(product: Product, quantity: number): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: stockKey(product.sku),
        UpdateExpression: "SET available = if_not_exists(available, :initial) - :quantity",
        ConditionExpression: "(attribute_not_exists(available) AND :initial >= :quantity) OR available >= :quantity",
        ExpressionAttributeValues: { ":initial": product.initialStock, ":quantity": quantity },
      }),
    );
  } catch (err) {
    if ((err as Error).name === "ConditionalCheckFailedException") {
      throw new ClientError(409, `not enough stock of ${product.sku} for ${quantity}`);
    }
    throw err;
  }
}

/** Puts a reservation back, e.g. when the card is declined. */
export async function release(product: Product, quantity: number): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: table(),
      Key: stockKey(product.sku),
      UpdateExpression: "SET available = if_not_exists(available, :initial) + :quantity",
      ExpressionAttributeValues: { ":initial": product.initialStock, ":quantity": quantity },
    }),
  );
}
