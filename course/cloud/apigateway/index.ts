export { HttpApiService, type HttpApiServiceOptions, MAX_REQUEST_BODY_BYTES } from "./http-api-service.ts";
