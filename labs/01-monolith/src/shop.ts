// The whole shop in one handler: it routes every /v1 request itself.
// Orders, inventory, payments and notifications share this process, this
// table and this deployment.
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";
import { z } from "zod";
import { ClientError, json, parseBody } from "./http";
import { productOrNotFound, setStock, stockOf } from "./inventory";
import { getOrder, OrderRequest, placeOrder } from "./orders";

const StockUpdate = z.object({ stock: z.number().int().min(0) });

type Route = (event: APIGatewayProxyEventV2, params: string[]) => Promise<APIGatewayProxyResultV2>;

const routes: [method: string, path: RegExp, route: Route][] = [
  ["GET", /^\/v1\/health$/, async () => json(200, { status: "ok" })],
  ["GET", /^\/v1\/inventory\/([^/]+)$/, async (_, [sku = ""]) => json(200, await productView(sku))],
  [
    "PUT",
    /^\/v1\/inventory\/([^/]+)$/,
    async (event, [sku = ""]) => {
      const product = productOrNotFound(sku);
      const { stock } = parseBody(event, StockUpdate);
      await setStock(product, stock);
      return json(200, await productView(sku));
    },
  ],
  ["POST", /^\/v1\/orders$/, async (event) => json(201, await placeOrder(parseBody(event, OrderRequest)))],
  ["GET", /^\/v1\/orders\/([^/]+)$/, async (_, [orderId = ""]) => json(200, await getOrder(orderId))],
];

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const method = event.requestContext.http.method;
  const path = event.rawPath;
  for (const [routeMethod, pattern, route] of routes) {
    const match = pattern.exec(path);
    if (!match || routeMethod !== method) continue;
    try {
      return await route(event, match.slice(1).map(decodeURIComponent));
    } catch (err) {
      if (err instanceof ClientError) return json(err.statusCode, { message: err.message });
      throw err;
    }
  }
  return json(404, { message: `no route for ${method} ${path}` });
}

async function productView(sku: string) {
  const product = productOrNotFound(sku);
  return { sku: product.sku, name: product.name, priceCents: product.priceCents, stock: await stockOf(product) };
}
