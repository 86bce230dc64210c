// IAM's wildcard matching, as its JSON policy reference documents it:
// `*` matches any run of characters and `?` any single character. Action
// names are case-insensitive ("iam:ListAccessKeys" is "IAM:listaccesskeys");
// resource ARNs are case-sensitive, and a `*` that ends an ARN segment may
// match beyond the segment's colons ("log-group:/aws/lambda/fn:*").

const cache = new Map<string, RegExp>();

function compile(pattern: string, flags: string, star: (rest: string) => string): RegExp {
  const key = `${flags}/${pattern}`;
  let regex = cache.get(key);
  if (!regex) {
    let source = "";
    for (let i = 0; i < pattern.length; i++) {
      const char = pattern[i] as string;
      if (char === "*") source += star(pattern.slice(i + 1));
      else if (char === "?") source += ".";
      else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
    regex = new RegExp(`^${source}$`, flags);
    cache.set(key, regex);
  }
  return regex;
}

/** `dynamodb:Get*` matches "dynamodb:GetItem", in any case. */
export function actionMatches(pattern: string, action: string): boolean {
  return compile(pattern, "is", () => ".*").test(action);
}

/** `arn:aws:dynamodb:*:*:table/Orders*` matches the table and, through its last `*`, its indexes. */
export function resourceMatches(pattern: string, resource: string): boolean {
  if (pattern === "*") return true;
  // within a segment `*` stays inside it; as the segment's last character it may run past colons
  return compile(pattern, "s", (rest) => (rest === "" || rest.startsWith(":") ? ".*" : "[^:]*")).test(resource);
}
