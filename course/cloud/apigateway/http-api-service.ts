// API Gateway HTTP APIs: the edge hands over requests for
// /_aws/execute-api/<apiId>/..., this service picks the route, invokes its
// function with a payload format 2.0 event and maps the result back to HTTP.
import type { HttpApiSpec } from "../../graph/model.ts";
import type { Invoker } from "../lambda/invoker.ts";
import type { EdgeRequest, EdgeResponse } from "../service.ts";
import { buildEvent } from "./event.ts";
import { gatewayError, internalServerError, mapLambdaResult } from "./response.ts";
import { RouteTable } from "./routes.ts";

/** API Gateway's payload quota for HTTP APIs */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;

export interface HttpApiServiceOptions {
  apis: HttpApiSpec[];
  invoker: Invoker;
}

export class HttpApiService {
  readonly #invoker: Invoker;
  #routeTables = new Map<string, RouteTable>();

  constructor({ apis, invoker }: HttpApiServiceOptions) {
    this.#invoker = invoker;
    this.update(apis);
  }

  /** Serve these APIs from now on; requests already in flight finish with the routes they matched. */
  update(apis: HttpApiSpec[]): void {
    this.#routeTables = new Map(apis.map((api) => [api.id, new RouteTable(api.routes)]));
  }

  /** `path` is the raw path after /_aws/execute-api/<apiId>, the route path of the `$default` stage */
  async handle(request: EdgeRequest, apiId: string, path: string): Promise<EdgeResponse> {
    const response = await this.#respond(request, apiId, path === "" ? "/" : path);
    return { ...response, headers: { ...response.headers, "apigw-requestid": request.requestId } };
  }

  async #respond(request: EdgeRequest, apiId: string, path: string): Promise<EdgeResponse> {
    const now = new Date();
    const route = this.#routeTables.get(apiId)?.match(request.method.toUpperCase(), path);
    if (!route) return gatewayError(404, "Not Found");
    if (request.body.length > MAX_REQUEST_BODY_BYTES) return gatewayError(413, "Request Entity Too Large");

    const event = buildEvent({ request, apiId, path, route, now });
    try {
      return mapLambdaResult(await this.#invoker.invoke(route.functionArn, JSON.stringify(event)));
    } catch {
      // the function could not be invoked at all (missing, failed to start, …): API Gateway answers 500 too
      return internalServerError();
    }
  }
}
