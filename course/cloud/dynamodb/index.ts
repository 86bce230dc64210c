export { DynaliteEngine } from "./dynalite-engine.ts";
export { DynamoDbService, MAX_REQUEST_BYTES } from "./dynamodb-service.ts";
export type { DynamoEngine, EngineResponse } from "./engine.ts";
