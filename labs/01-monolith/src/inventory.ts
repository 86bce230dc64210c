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
 *
 * TODO (step reserve-stock): lower the product's `available` stock by `quantity`.
 *   Until someone restocks or buys, there is no stock item and the catalog's
 *   `product.initialStock` applies — `release` below shows how to write that.
 * TODO (step out-of-stock): refuse, in the same write, to go below zero:
 *   throw new ClientError(409, `not enough stock of ${product.sku} for ${quantity}`)
 */
export async function reserve(product: Product, quantity: number): Promise<void> {
  console.log(JSON.stringify({ msg: "TODO: reserve stock", sku: product.sku, quantity }));
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
