// Manifest and quiz text may contain `code`; render it as HTML, escaping the rest.
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function inlineMarkdown(text: string): string {
  return text
    .split(/(`[^`]+`)/g)
    .map((part) =>
      part.startsWith("`") && part.endsWith("`") && part.length > 1
        ? `<code>${escapeHtml(part.slice(1, -1))}</code>`
        : escapeHtml(part),
    )
    .join("");
}

/** "#the-shape-of-a-handler" → "The shape of a handler" */
export function anchorLabel(anchor: string): string {
  const words = anchor.replace(/^#/, "").replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
