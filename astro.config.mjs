// The course website: Astro + Starlight, built from site/ into dist/.
// Chapter order, titles and the sidebar come from the lab manifests in
// test/checkers/*/manifest.ts, so the site never repeats what a manifest says.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import starlight from "@astrojs/starlight";
import { defineConfig } from "astro/config";

process.env.ASTRO_TELEMETRY_DISABLED = "1";

const root = path.dirname(fileURLToPath(import.meta.url));
const labsDir = path.join(root, "test", "checkers");
const slugs = fs
  .readdirSync(labsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name) && fs.existsSync(path.join(labsDir, d.name, "manifest.ts")))
  .map((d) => d.name)
  .sort();
const labs = await Promise.all(
  slugs.map(async (slug) => (await import(pathToFileURL(path.join(labsDir, slug, "manifest.ts")).href)).default),
);

const number = (slug) => slug.slice(0, 2);

export default defineConfig({
  site: "http://127.0.0.1:4321",
  srcDir: "./site",
  publicDir: "./site/public",
  outDir: "./dist",
  trailingSlash: "always",
  server: { host: "127.0.0.1", port: 4321 },
  devToolbar: { enabled: false },
  integrations: [
    starlight({
      title: "Monolith to Microservices",
      description:
        "A hands-on course: from a monolith to two-pizza microservices, queues, pub/sub, event buses, streams, workflows, tracing and delivery pipelines. Labs run offline and deploy with SST.",
      favicon: "/favicon.svg",
      logo: { src: "./site/assets/logo.svg", alt: "" },
      customCss: ["./site/styles/course.css"],
      lastUpdated: false,
      pagination: true,
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
      routeMiddleware: "./site/route-data.ts",
      sidebar: [
        {
          label: "Start here",
          items: [
            { label: "Welcome", link: "/" },
            { label: "My progress", link: "/progress/" },
            { label: "Deploy to AWS", link: "/deploy/" },
          ],
        },
        {
          label: "Course",
          items: labs.map((lab) => ({
            label: `${number(lab.slug)} · ${lab.title}`,
            link: lab.chapter,
            ...(lab.status === "planned" ? { badge: { text: "coming", variant: "note" } } : {}),
          })),
        },
        {
          label: "For instructors",
          collapsed: true,
          items: [
            { label: "Running the course", link: "/instructors/" },
            ...labs.map((lab) => ({ label: `${number(lab.slug)} · ${lab.title}`, link: `/instructors/${lab.slug}/` })),
          ],
        },
      ],
    }),
  ],
});
