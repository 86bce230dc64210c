// Pages about a lab take their title and description from its manifest, so a
// renamed lab is renamed everywhere at once.
import { defineRouteMiddleware, type StarlightRouteData } from "@astrojs/starlight/route-data";
import { chapterTitle, getLab } from "./lib/labs.ts";

export const onRequest = defineRouteMiddleware((context) => {
  const route = (context.locals as { starlightRoute: StarlightRouteData }).starlightRoute;
  const data = route.entry.data as typeof route.entry.data & { lab?: string; role?: "chapter" | "instructor" };
  if (!data.lab) return;
  const lab = getLab(data.lab);
  const oldTitle = data.title;
  const title = data.role === "instructor" ? `Facilitator notes: ${chapterTitle(lab)}` : chapterTitle(lab);
  data.title = title;
  if (!data.description) data.description = lab.summary;
  for (const entry of route.head) {
    if (entry.tag === "title" && typeof entry.content === "string") {
      entry.content = entry.content.replace(oldTitle, title);
    }
    if (entry.tag === "meta" && (entry.attrs?.property === "og:title" || entry.attrs?.name === "twitter:title")) {
      entry.attrs.content = title;
    }
    if (entry.tag === "meta" && (entry.attrs?.name === "description" || entry.attrs?.property === "og:description")) {
      entry.attrs.content = data.description;
    }
  }
});
