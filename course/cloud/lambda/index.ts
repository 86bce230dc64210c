export { LambdaApiError } from "./errors.ts";
export type { InvocationType, InvokeOptions, InvokeResult, Invoker } from "./invoker.ts";
export { LambdaService, type LambdaServiceOptions } from "./service.ts";
