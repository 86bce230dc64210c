// Wildcard values: "*" matches any run of characters (including none), "\*" is
// a literal star and "\\" a literal backslash; no other escape is allowed and
// two wildcards may not follow each other.

import { invalidPattern } from "./errors.ts";

/** Splits a wildcard value at its unescaped stars, refusing it as EventBridge does. */
export function parseWildcard(text: string): string[] {
  const pieces: string[] = [];
  let piece = "";
  let afterStar = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === "\\") {
      const escaped = text[index + 1];
      if (escaped !== "*" && escaped !== "\\") invalidPattern(`Invalid escape character at pos ${index}`);
      piece += escaped;
      index += 1;
      afterStar = false;
    } else if (character === "*") {
      if (afterStar) invalidPattern(`Consecutive wildcard characters at pos ${index}`);
      pieces.push(piece);
      piece = "";
      afterStar = true;
    } else {
      piece += character;
      afterStar = false;
    }
  }
  pieces.push(piece);
  return pieces;
}

/** Whether `value` is the pieces in order, with anything between them. */
export function matchesWildcard(pieces: readonly string[], value: string): boolean {
  const first = pieces[0] ?? "";
  if (pieces.length === 1) return value === first;
  const last = pieces[pieces.length - 1] ?? "";
  const end = value.length - last.length;
  if (end < first.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  // Taking each middle piece at its earliest place leaves the most room for the rest.
  let position = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = value.indexOf(piece, position);
    if (found < 0 || found + piece.length > end) return false;
    position = found + piece.length;
  }
  return true;
}
