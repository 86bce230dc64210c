// A function's answer with ReportBatchItemFailures, read as Lambda documents:
// no answer, or an empty or null batchItemFailures, is complete success; an
// itemIdentifier that is missing, empty or not in the batch, or an answer
// that is not such an object, fails the whole batch.

export type BatchOutcome = { kind: "failed" } | { kind: "partial"; failedIds: Set<string> };

const FAILED: BatchOutcome = { kind: "failed" };

export function batchOutcome(payload: Buffer, messageIds: ReadonlySet<string>): BatchOutcome {
  const text = payload.toString("utf8").trim();
  if (text === "" || text === "null") return { kind: "partial", failedIds: new Set() };
  let response: unknown;
  try {
    response = JSON.parse(text);
  } catch {
    return FAILED;
  }
  if (response === null) return { kind: "partial", failedIds: new Set() };
  if (typeof response !== "object" || Array.isArray(response)) return FAILED;
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: "partial", failedIds: new Set() };
  if (!Array.isArray(failures)) return FAILED;
  const failedIds = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== "string" || id === "" || !messageIds.has(id)) return FAILED;
    failedIds.add(id);
  }
  return { kind: "partial", failedIds };
}
