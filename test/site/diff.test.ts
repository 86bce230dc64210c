import { describe, expect, it } from "vitest";
import { diffLines, summarize } from "../../site/lib/diff.ts";
import { anchorLabel, inlineMarkdown } from "../../site/lib/inline.ts";

describe("line diff for the starter vs solution view", () => {
  it("marks added, removed and unchanged lines with line numbers", () => {
    const diff = diffLines("a\nb\nc\n", "a\nB\nc\nd\n");
    expect(diff).toEqual([
      { kind: "same", text: "a", oldLine: 1, newLine: 1 },
      { kind: "del", text: "b", oldLine: 2 },
      { kind: "add", text: "B", newLine: 2 },
      { kind: "same", text: "c", oldLine: 3, newLine: 3 },
      { kind: "add", text: "d", newLine: 4 },
    ]);
    expect(summarize(diff)).toEqual({ added: 2, removed: 1, unchanged: 2 });
  });

  it("treats CRLF like LF and identical files as unchanged", () => {
    expect(summarize(diffLines("x\r\ny", "x\ny\n"))).toEqual({ added: 0, removed: 0, unchanged: 2 });
    expect(diffLines("", "")).toEqual([]);
  });

  it("keeps the common lines of an insertion in the middle", () => {
    const before = Array.from({ length: 50 }, (_, i) => `line ${i}`).join("\n");
    const after = before.replace("line 25", "line 25\ninserted");
    const s = summarize(diffLines(before, after));
    expect(s).toEqual({ added: 1, removed: 0, unchanged: 50 });
  });
});

describe("inline text from manifests and quizzes", () => {
  it("renders `code` and escapes HTML", () => {
    expect(inlineMarkdown("use `a<b>` & <i>")).toBe("use <code>a&lt;b&gt;</code> &amp; &lt;i&gt;");
  });
  it("names a docs anchor", () => {
    expect(anchorLabel("#the-shape-of-a-handler")).toBe("The shape of a handler");
  });
});
