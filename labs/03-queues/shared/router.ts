import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";
import { ClientError, json } from "./http";

export type RouteHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

/**
 * One function per service serves that service's routes: API Gateway has
 * already matched the route, so its key picks the code. A ClientError becomes
 * its 4xx; anything else is a bug and fails the invocation (500).
 */
export function serviceHandler(routes: Record<string, RouteHandler>) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    const route = routes[event.routeKey];
    if (!route) return json(404, { message: `no route for ${event.routeKey}` });
    try {
      return await route(event);
    } catch (err) {
      if (err instanceof ClientError) return json(err.statusCode, { message: err.message });
      throw err;
    }
  };
}
