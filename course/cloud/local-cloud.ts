// One running local cloud: the lab's graph evaluated from SST, the services
// built from it, the edge in front, and .sst/outputs.json written the way
// `sst deploy` writes it. Saving a handler reloads it; saving infra re-evaluates.
import fs from "node:fs";
import path from "node:path";
import { evaluateApp } from "../graph/evaluate.ts";
import type { CloudGraph } from "../graph/model.ts";
import { OUTPUTS_FILE, ROOT } from "../paths.ts";
import { HttpApiService } from "./apigateway/index.ts";
import { DynamoDbService } from "./dynamodb/index.ts";
import { type CallRecord, type Edge, startEdge } from "./edge/server.ts";
import { EventBridgeService } from "./eventbridge/index.ts";
import { authorize, IamService, StsService } from "./iam/index.ts";
import { LambdaService } from "./lambda/index.ts";
import { LogStore, LogsService } from "./logs/index.ts";
import { principalFor } from "./principals.ts";
import { SnsService } from "./sns/index.ts";
import { SqsEventSourceMappings, SqsService } from "./sqs/index.ts";

export interface LocalCloudOptions {
  lab: string;
  from: "labs" | "solutions";
  port: number;
  /** serve this folder of labs/ or solutions/ instead of the lab's own (see EvaluateOptions.folder) */
  folder?: string;
  stage?: string;
  /** log lines of functions and of the cloud itself */
  onLog?(line: string): void;
  /** where to write the outputs (default: .sst/outputs.json, where `sst deploy` writes them) */
  outputsFile?: string;
  /** reload on save (default true) */
  watch?: boolean;
  /** Lambda's async retry delays; tests shorten them */
  asyncRetryDelaysMs?: number[];
}

export interface LocalCloud {
  endpoint: string;
  outputsFile: string;
  lab: string;
  from: "labs" | "solutions";
  graph(): CloudGraph;
  calls(): CallRecord[];
  /** time from start to serving, and whether the graph came from the cache */
  startup: { ms: number; cachedGraph: boolean };
  close(): Promise<void>;
}

const KEPT_CALLS = 1000;

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const started = Date.now();
  const log = options.onLog ?? (() => {});
  const stage = options.stage ?? "local";
  const edgeUrl = `http://127.0.0.1:${options.port}`;
  const evaluate = () =>
    evaluateApp({
      lab: options.lab,
      from: options.from,
      stage,
      edgeUrl,
      ...(options.folder ? { folder: options.folder } : {}),
    });
  const first = await evaluate();
  let graph = first.graph;

  const logs = new LogStore();
  // SST creates each function's log group at deploy; so do we, so FilterLogEvents finds it before the first call.
  const createLogGroups = (g: CloudGraph) => {
    for (const fn of g.functions) logs.createGroup(fn.logGroup);
  };
  createLogGroups(graph);
  const lambda = new LambdaService({
    functions: graph.functions,
    root: ROOT,
    edgeUrl,
    logs,
    ...(options.asyncRetryDelaysMs ? { asyncRetryDelaysMs: options.asyncRetryDelaysMs } : {}),
    onLog: (fn, line) => log(`${fn.id} ${line}`),
  });
  const dynamodb = await DynamoDbService.start(graph.tables);
  const httpApis = new HttpApiService({ apis: graph.httpApis, invoker: lambda });
  const sqs = new SqsService({ queues: graph.queues, edgeUrl });
  const mappings = new SqsEventSourceMappings({
    sqs,
    invoker: lambda,
    mappings: [],
    functionTimeoutSeconds: (arn) => graph.functions.find((fn) => fn.arn === arn)?.timeoutSeconds ?? 3,
    onError: (id, err) => log(`course: event source mapping ${id}: ${(err as Error).message ?? err}`),
  });
  for (const problem of mappings.update(sqsMappings(graph))) log(`course: ${problem}`);
  const sns = new SnsService({
    topics: graph.topics,
    subscriptions: graph.topicSubscriptions,
    invoker: lambda,
    queues: sqs,
    onLog: log,
  });
  const eventBridge = new EventBridgeService({
    buses: graph.buses,
    rules: graph.rules,
    invoker: lambda,
    queues: sqs,
    onLog: log,
  });
  const services = [
    lambda,
    dynamodb,
    sqs,
    sns,
    eventBridge,
    new LogsService(logs),
    new IamService(() => graph),
    new StsService(() => graph),
  ];
  const closeAll = async () => {
    await mappings.close();
    await Promise.all([sns.close(), eventBridge.close(), sqs.close()]);
    await Promise.all([lambda.close(), dynamodb.close()]);
  };
  const calls: CallRecord[] = [];

  let edge: Edge;
  try {
    edge = await startEdge({
      port: options.port,
      services: () => services,
      httpApis: () => httpApis,
      principalOf: (key) => principalFor(key, graph.functions),
      authorize: (request, service) => authorize(request.principal, service, request, graph),
      describe: () => ({ course: "local-cloud", lab: options.lab, from: options.from, pid: process.pid }),
      onCall: (call) => {
        calls.push(call);
        if (calls.length > KEPT_CALLS) calls.shift();
      },
    });
  } catch (err) {
    await closeAll();
    throw err;
  }
  const outputsFile = options.outputsFile ?? OUTPUTS_FILE;
  writeOutputs(outputsFile, graph);

  const apply = (next: CloudGraph) => {
    graph = next;
    createLogGroups(next);
    lambda.update(next.functions);
    void dynamodb.update(next.tables);
    httpApis.update(next.httpApis);
    for (const problem of sqs.update(next.queues)) log(`course: ${problem}`);
    for (const problem of mappings.update(sqsMappings(next))) log(`course: ${problem}`);
    sns.update(next.topics, next.topicSubscriptions);
    eventBridge.update(next.buses, next.rules);
    writeOutputs(outputsFile, next);
  };
  const stopWatching =
    options.watch === false
      ? () => {}
      : watchLab(first.inputs, options, {
          sourcesChanged: () => {
            lambda.invalidate();
            log("course: handler code changed; functions reload on their next call");
          },
          infraChanged: async () => {
            try {
              const next = await evaluate();
              apply(next.graph);
              log("course: infra changed; the lab's resources were evaluated again");
            } catch (err) {
              log(`course: infra.ts has a problem, still serving the previous version: ${(err as Error).message}`);
            }
          },
        });

  return {
    endpoint: edge.url,
    outputsFile,
    lab: options.lab,
    from: options.from,
    graph: () => graph,
    calls: () => [...calls],
    startup: { ms: Date.now() - started, cachedGraph: first.cached },
    async close() {
      stopWatching();
      await edge.close();
      await closeAll();
    },
  };
}

/** Mappings from SQS queues; stream mappings (DynamoDB, Kinesis) are not served yet. */
function sqsMappings(graph: CloudGraph) {
  return graph.eventSourceMappings.filter((m) => m.eventSourceArn.startsWith("arn:aws:sqs:"));
}

/** The same file `sst deploy` writes: what run() returned. */
function writeOutputs(file: string, graph: CloudGraph): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(graph.outputs, null, 2)}\n`);
}

interface WatchHandlers {
  sourcesChanged(): void;
  infraChanged(): Promise<void>;
}

/** Handler sources reload cheaply; the files the graph was built from mean a new evaluation. */
function watchLab(graphInputs: string[], options: LocalCloudOptions, on: WatchHandlers): () => void {
  const labDir = path.join(ROOT, options.from, options.folder ?? options.lab);
  const infraFiles = new Set(graphInputs);
  let timer: NodeJS.Timeout | undefined;
  let infraTouched = false;
  const onChange = (_event: string, file: string | null) => {
    if (!file) return;
    if (infraFiles.has(path.join(labDir, file))) infraTouched = true;
    clearTimeout(timer);
    // Editors write files in several steps; act once they are done.
    timer = setTimeout(() => {
      // Many editors save by writing a new file and renaming it over the old one; on Linux the
      // recursive watch keeps watching the old, replaced file. Watching afresh sees the new one.
      watcher.close();
      watcher = fs.watch(labDir, { recursive: true }, onChange);
      on.sourcesChanged();
      if (infraTouched) void on.infraChanged();
      infraTouched = false;
    }, 100);
  };
  let watcher = fs.watch(labDir, { recursive: true }, onChange);
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
