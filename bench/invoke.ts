// Warm Lambda invoke through the AWS SDK, the way a checker or a learner's
// script calls it: LambdaClient → edge → LambdaService → a warm worker → back.
// The health function (found with ListFunctions) does no I/O, so this is the
// local cloud's own overhead per call. Sequential: one call in flight.
// Target: p50 ≤ 5 ms.
//
//   node bench/invoke.ts
import { InvokeCommand, LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { cloudPort, courseUp } from "./cloud-startup.ts";
import { errorText, heading, mean, missing, ms, percentile, type Row } from "./stats.ts";

const WARMUP = 20;
const INVOKES = 500;
const TIME_LIMIT_MS = 60_000;

export async function run(): Promise<Row[]> {
  heading(`warm invoke through the SDK (${WARMUP} warm-up, ${INVOKES} sequential)`);
  let up: Awaited<ReturnType<typeof courseUp>> | undefined;
  try {
    up = await courseUp(await cloudPort());
    const client = new LambdaClient({
      endpoint: up.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
    });
    const { Functions = [] } = await client.send(new ListFunctionsCommand({}));
    const health = Functions.find((f) => f.Handler?.endsWith(".health"));
    if (!health?.FunctionName) throw new Error("ListFunctions shows no function whose handler ends in .health");
    const FunctionName = health.FunctionName;
    const Payload = Buffer.from(JSON.stringify({ rawPath: "/health", requestContext: { http: { method: "GET" } } }));
    const invoke = async () => {
      const t = performance.now();
      const out = await client.send(new InvokeCommand({ FunctionName, Payload }));
      const elapsed = performance.now() - t;
      if (out.StatusCode !== 200 || out.FunctionError) {
        throw new Error(`invoke answered ${out.StatusCode} ${out.FunctionError ?? ""}`);
      }
      return elapsed;
    };
    const first = await invoke();
    for (let i = 1; i < WARMUP; i++) await invoke();
    const samples: number[] = [];
    const started = performance.now();
    while (samples.length < INVOKES && performance.now() - started < TIME_LIMIT_MS) samples.push(await invoke());
    const wall = performance.now() - started;
    client.destroy();
    const p50 = percentile(samples, 50);
    const p99 = percentile(samples, 99);
    console.log(`function ${FunctionName}`);
    console.log(`first call (new environment) ${ms(first)}`);
    console.log(
      `${samples.length} calls: p50 ${ms(p50)}  p90 ${ms(percentile(samples, 90))}  p99 ${ms(p99)}  max ${ms(Math.max(...samples))}  mean ${ms(mean(samples))}  (${((samples.length / wall) * 1000).toFixed(0)} calls/s)`,
    );
    return [
      { name: "warm invoke p50 (SDK, health)", value: ms(p50), target: "≤ 5 ms", ok: p50 <= 5 },
      { name: "warm invoke p99 (SDK, health)", value: ms(p99) },
      { name: "first invoke (new environment)", value: ms(first) },
    ];
  } catch (err) {
    console.log(`could not measure: ${errorText(err)}`);
    return [missing("warm invoke p50 (SDK, health)", "≤ 5 ms", errorText(err).split("\n")[0] ?? "")];
  } finally {
    await up?.stop();
  }
}

if (import.meta.main) await run();
