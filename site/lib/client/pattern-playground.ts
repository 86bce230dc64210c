// What the pattern playground says about a pattern and an event, worked out by
// the course's own EventBridge matcher, as TestEventPattern would answer. Pure,
// so the page can show the example's verdict at build time and the browser
// can recompute it as the learner types.
import {
  InvalidEventError,
  InvalidEventPatternError,
  testEventPattern,
} from "../../../course/cloud/events/pattern/index.ts";

export type VerdictKind = "match" | "no-match" | "invalid-pattern" | "invalid-event";

export interface Verdict {
  kind: VerdictKind;
  /** the short answer, in words: the colour beside it is never the only signal */
  headline: string;
  /** what it means, or the error as AWS words it */
  detail: string;
}

export const VERDICT_ICON: Record<VerdictKind, string> = {
  match: "✓",
  "no-match": "✗",
  "invalid-pattern": "⚠",
  "invalid-event": "⚠",
};

export function judge(patternJson: string, eventJson: string): Verdict {
  try {
    return testEventPattern(patternJson, eventJson)
      ? { kind: "match", headline: "Matches.", detail: "A rule with this pattern sends the event to its targets." }
      : { kind: "no-match", headline: "Does not match.", detail: "A rule with this pattern ignores the event." };
  } catch (error) {
    if (error instanceof InvalidEventPatternError) {
      return { kind: "invalid-pattern", headline: "Invalid pattern.", detail: `${error.code}: ${error.message}` };
    }
    if (error instanceof InvalidEventError) {
      return {
        kind: "invalid-event",
        headline: "Invalid event.",
        detail: `${error.code}: ${error.message} Here, ${error.problem}.`,
      };
    }
    throw error;
  }
}
