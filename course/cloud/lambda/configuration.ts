// A function as GetFunction and ListFunctions describe it.
import crypto from "node:crypto";
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import type { FunctionSpec } from "../../graph/model.ts";
import { sourceFileOf } from "./build.ts";

/** "2026-01-31T12:00:00.000+0000", Lambda's LastModified format */
export function lastModifiedNow(): string {
  return new Date().toISOString().replace("Z", "+0000");
}

export function functionConfiguration(fn: FunctionSpec, root: string, lastModified: string): Record<string, unknown> {
  const source = sourceFileOf(fn, root);
  const code = source ? fs.readFileSync(source) : Buffer.alloc(0);
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: fn.runtime,
    Role: fn.roleArn,
    Handler: fn.handler,
    CodeSize: code.length,
    Description: "",
    Timeout: fn.timeoutSeconds,
    MemorySize: fn.memoryMB,
    LastModified: lastModified,
    CodeSha256: crypto.createHash("sha256").update(code).digest("base64"),
    Version: "$LATEST",
    Environment: { Variables: fn.environment },
    TracingConfig: { Mode: "PassThrough" },
    State: "Active",
    LastUpdateStatus: "Successful",
    PackageType: "Zip",
    Architectures: ["x86_64"],
    EphemeralStorage: { Size: 512 },
    LoggingConfig: { LogFormat: "Text", LogGroup: fn.logGroup },
    SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
  };
}

/** On AWS, Code.Location is a presigned S3 URL of the ZIP; locally the code is the handler's source file. */
export function codeLocation(fn: FunctionSpec, root: string): Record<string, string> {
  const source = sourceFileOf(fn, root);
  return { RepositoryType: "S3", Location: source ? pathToFileURL(source).href : "" };
}
