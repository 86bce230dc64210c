// Bundle a function's handler with esbuild, as SST does before a deploy. The
// bundle lands under .sst/local/build/<function>/ so that bare imports left
// external ("sst", "@aws-sdk/*") resolve from the project's node_modules.
// A failure comes back as the error Lambda's runtime would report at init.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { BuildFailure } from "esbuild";
import type { FunctionSpec } from "../../graph/model.ts";
import { LOCAL_DIR } from "../../paths.ts";
import type { ErrorPayload } from "./protocol.ts";

export type BuildResult = { ok: true; module: string; exportName: string } | { ok: false; error: ErrorPayload };

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs", ".jsx"];

// esbuild's ESM output has no `require`; CommonJS dependencies bundled in still call it.
const REQUIRE_SHIM =
  'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);';

/**
 * A lab's starter and solution give their functions the same physical names, and
 * both may run at once (verify, tests): the handler's path keeps their bundles apart.
 */
export function buildDirOf(fn: FunctionSpec): string {
  const source = createHash("sha256").update(fn.handler).digest("hex").slice(0, 8);
  return path.join(LOCAL_DIR, "build", `${fn.name}-${source}`);
}

/** "src/orders.create" → the module "src/orders" and the export "create", split as Lambda splits it */
function parseHandler(handler: string): { modulePath: string; exportName: string } | undefined {
  const base = path.posix.basename(handler);
  const match = /^([^.]*)\.(.+)$/.exec(base);
  if (!match?.[1] || !match[2]) return undefined;
  return { modulePath: handler.slice(0, handler.length - base.length) + match[1], exportName: match[2] };
}

/** the handler's source file, whichever extension it has */
export function sourceFileOf(fn: FunctionSpec, root: string): string | undefined {
  const parsed = parseHandler(fn.handler);
  if (!parsed) return undefined;
  const base = path.resolve(root, parsed.modulePath);
  return SOURCE_EXTENSIONS.map((ext) => base + ext).find((file) => fs.existsSync(file));
}

export async function buildFunction(fn: FunctionSpec, root: string): Promise<BuildResult> {
  const parsed = parseHandler(fn.handler);
  if (!parsed) return failure("Runtime.MalformedHandlerName", "Bad handler");
  const source = sourceFileOf(fn, root);
  if (!source) return failure("Runtime.ImportModuleError", `Error: Cannot find module '${parsed.modulePath}'`);

  const module = path.join(buildDirOf(fn), "handler.mjs");
  let bundle: Uint8Array;
  try {
    const { build } = await import("esbuild");
    const result = await build({
      entryPoints: [source],
      absWorkingDir: root,
      outfile: module,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node24",
      packages: "external",
      sourcemap: "inline",
      banner: { js: REQUIRE_SHIM },
      logLevel: "silent",
      write: false,
    });
    bundle = result.outputFiles[0]?.contents ?? new Uint8Array();
  } catch (err) {
    const first = (err as Partial<BuildFailure>).errors?.[0];
    if (!first) throw err;
    const where = first.location
      ? `${first.location.file}:${first.location.line}:${first.location.column + 1}`
      : source;
    const unresolved = /^Could not resolve "(.*)"$/.exec(first.text);
    if (unresolved) {
      return failure(
        "Runtime.ImportModuleError",
        `Error: Cannot find module '${unresolved[1]}' imported from ${where}`,
      );
    }
    const frame = first.location ? [`    at ${where}`, `    ${first.location.lineText}`] : [];
    return failure("Runtime.UserCodeSyntaxError", `SyntaxError: ${where}: ${first.text}`, frame);
  }
  // replaced in one rename, so an environment starting meanwhile never imports half a file
  const temporary = `${module}.${randomUUID()}.tmp`;
  fs.mkdirSync(path.dirname(module), { recursive: true });
  fs.writeFileSync(temporary, bundle);
  fs.renameSync(temporary, module);
  return { ok: true, module, exportName: parsed.exportName };
}

function failure(errorType: string, errorMessage: string, frames: string[] = []): BuildResult {
  return { ok: false, error: { errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`, ...frames] } };
}
