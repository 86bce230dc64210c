// A line diff computed at build time, for the "starter vs solution" view.
// Longest common subsequence over lines: exact, and fast enough for lab files.

export type DiffLine =
  | { kind: "same"; text: string; oldLine: number; newLine: number }
  | { kind: "del"; text: string; oldLine: number }
  | { kind: "add"; text: string; newLine: number };

export interface DiffSummary {
  added: number;
  removed: number;
  unchanged: number;
}

function splitLines(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, "\n");
  const lines = normalized.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Above this many cells the LCS table would be too big: fall back to "all removed, all added". */
const MAX_CELLS = 4_000_000;

export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  // Trim the common head and tail first: most edits are local.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;

  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ kind: "same", text: a[i] as string, oldLine: i + 1, newLine: i + 1 });

  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_CELLS) {
    for (const [i, text] of midA.entries()) out.push({ kind: "del", text, oldLine: head + i + 1 });
    for (const [j, text] of midB.entries()) out.push({ kind: "add", text, newLine: head + j + 1 });
  } else {
    // lcs[i][j] = length of the LCS of midA[i..] and midB[j..]
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] =
          midA[i] === midB[j]
            ? (lcs[(i + 1) * width + j + 1] as number) + 1
            : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        out.push({ kind: "same", text: midA[i] as string, oldLine: head + i + 1, newLine: head + j + 1 });
        i++;
        j++;
      } else if (j < m && (i === n || (lcs[i * width + j + 1] as number) >= (lcs[(i + 1) * width + j] as number))) {
        out.push({ kind: "add", text: midB[j] as string, newLine: head + j + 1 });
        j++;
      } else {
        out.push({ kind: "del", text: midA[i] as string, oldLine: head + i + 1 });
        i++;
      }
    }
  }

  for (let k = tail; k > 0; k--) {
    out.push({
      kind: "same",
      text: a[a.length - k] as string,
      oldLine: a.length - k + 1,
      newLine: b.length - k + 1,
    });
  }
  // Within a changed block show removals before additions, as people read diffs.
  return reorderBlocks(out);
}

function reorderBlocks(lines: DiffLine[]): DiffLine[] {
  const result: DiffLine[] = [];
  let dels: DiffLine[] = [];
  let adds: DiffLine[] = [];
  const flush = () => {
    result.push(...dels, ...adds);
    dels = [];
    adds = [];
  };
  for (const line of lines) {
    if (line.kind === "del") dels.push(line);
    else if (line.kind === "add") adds.push(line);
    else {
      flush();
      result.push(line);
    }
  }
  flush();
  return result;
}

export function summarize(lines: DiffLine[]): DiffSummary {
  const s: DiffSummary = { added: 0, removed: 0, unchanged: 0 };
  for (const l of lines) {
    if (l.kind === "add") s.added++;
    else if (l.kind === "del") s.removed++;
    else s.unchanged++;
  }
  return s;
}
