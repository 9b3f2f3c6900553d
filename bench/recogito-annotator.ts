/**
 * Recogito's text annotator (@recogito/text-annotator) on the benchmark's article with the same tags, for
 * comparison with Margin's editor: from navigation to the highlights painted, in the same headless Chromium.
 * The package is installed on first use, at its latest version, into a cache folder outside git; its page
 * (bench/recogito-page.ts) is bundled with esbuild and served from a local HTTP server.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
import { DATA_ROOT } from "@/lib/db/database";
import { LABELS } from "@/lib/vocabulary";
import { launchChromium } from "./editor-page";
import type { RecogitoTimings } from "./recogito-page";
import { median } from "./stats";
import type { Span } from "./tagged-text";

const CACHE = path.join(DATA_ROOT, "bench-recogito");
const PACKAGE = "@recogito/text-annotator";

/** The installed version, installing the latest on first use; or why it could not be installed. */
export function installRecogito(): { version: string } | { error: string } {
  const manifest = path.join(CACHE, "node_modules", PACKAGE, "package.json");
  if (!fs.existsSync(manifest)) {
    fs.mkdirSync(CACHE, { recursive: true });
    const install = spawnSync("npm", ["install", "--prefix", CACHE, "--no-audit", "--no-fund", "--loglevel=error", `${PACKAGE}@latest`], {
      encoding: "utf8",
      timeout: 300_000,
    });
    if (install.status !== 0)
      return {
        error: `npm install ${PACKAGE} failed: ${(install.stderr || String(install.error)).trim().split("\n").slice(-3).join(" ")}`,
      };
  }
  return { version: (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version };
}

async function bundlePage(): Promise<{ js: string; css: string }> {
  const page = path.join(import.meta.dirname, "recogito-page.ts");
  const result = await build({
    stdin: {
      contents: `import * as recogito from "${PACKAGE}";\nimport "${PACKAGE}/text-annotator.css";\nimport { showAnnotations } from ${JSON.stringify(page)};\nvoid showAnnotations(recogito);`,
      resolveDir: CACHE,
      sourcefile: "recogito-entry.ts",
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    minify: true,
    target: "chrome120",
    outdir: path.join(CACHE, "out"),
    write: false,
    logLevel: "silent",
  });
  const output = (extension: string) => result.outputFiles.find((file) => file.path.endsWith(extension))?.text ?? "";
  return { js: output(".js"), css: output(".css") };
}

const escapeHtml = (text: string) => text.replace(/[&<>]/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[character]!);

/**
 * The article as paragraphs (no white space between them, so that the container's text is the paragraphs'
 * text run together, which Recogito's offsets count), and the tags as W3C annotations on it.
 */
function articlePage(text: string, spans: Span[]) {
  const paragraphs = text.split("\n\n");
  const starts: number[] = [];
  paragraphs.reduce((at, paragraph) => (starts.push(at), at + paragraph.length + 2), 0);
  // An offset of the text, less the paragraph breaks before it.
  const offset = (at: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= at) low = middle;
      else high = middle - 1;
    }
    return at - 2 * low;
  };
  const annotations = spans.map((span, index) => ({
    "@context": "http://www.w3.org/ns/anno.jsonld",
    id: `urn:bench:${index}`,
    type: "Annotation",
    body: [{ type: "TextualBody", purpose: "tagging", value: LABELS[index % LABELS.length] }],
    target: {
      source: "bench",
      selector: [
        { type: "TextQuoteSelector", exact: text.slice(span.start, span.end).replaceAll("\n\n", "") },
        { type: "TextPositionSelector", start: offset(span.start), end: offset(span.end) },
      ],
    },
  }));
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Recogito</title><link rel="stylesheet" href="/page.css"><style>body{max-width:48rem;margin:2rem auto;font:1.125rem/1.625 Georgia,serif}p{margin:0 0 1.25rem}</style><script type="module" src="/page.js"></script></head><body><h1>Bench story</h1><article id="article">${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join("")}</article></body></html>`;
  return { html, annotations: JSON.stringify(annotations) };
}

/** Serves the page; the bundle may be cached, as a site's would be, while the page and annotations are not. */
async function servePage(files: { html: string; annotations: string; js: string; css: string }) {
  const routes: Record<string, [string, string, string]> = {
    "/": ["text/html; charset=utf-8", files.html, "no-store"],
    "/annotations.json": ["application/json", files.annotations, "no-store"],
    "/page.js": ["text/javascript", files.js, "max-age=3600"],
    "/page.css": ["text/css", files.css, "max-age=3600"],
  };
  const server = http.createServer((request, response) => {
    const route = routes[new URL(request.url ?? "/", "http://bench").pathname];
    if (!route) return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": route[0], "cache-control": route[2] }).end(route[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export type RecogitoOptions = { text: string; spans: Span[]; runs: number; renderers: string[] };

/** Lines to print: per renderer, the median of `runs` openings, or why the comparison was skipped. */
export async function measureRecogito(options: RecogitoOptions): Promise<string[]> {
  const installed = installRecogito();
  if ("error" in installed) return [`Recogito comparison skipped: ${installed.error}`];
  const site = await servePage({ ...articlePage(options.text, options.spans), ...(await bundlePage()) });
  const browser = await launchChromium();
  const lines: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("pageerror", (error) => console.error(`Recogito page error: ${error.message}`));
    for (const renderer of options.renderers) {
      const runs: (RecogitoTimings & { firstContentfulPaint: number })[] = [];
      for (let run = 0; run < options.runs; run++) {
        await page.goto(`${site.url}?renderer=${renderer}`, { waitUntil: "commit" });
        await page
          .waitForFunction(() => (window as unknown as { benchRecogito?: RecogitoTimings }).benchRecogito?.painted !== undefined, null, {
            timeout: 120_000,
          })
          .catch(() => {});
        runs.push(
          await page.evaluate(() => ({
            ...(window as unknown as { benchRecogito?: RecogitoTimings }).benchRecogito,
            firstContentfulPaint: performance.getEntriesByName("first-contentful-paint", "paint")[0]?.startTime ?? NaN,
          })),
        );
      }
      const at = (key: keyof RecogitoTimings | "firstContentfulPaint") => median(runs.map((run) => run[key] ?? NaN)).toFixed(0);
      const last = runs.at(-1)!;
      lines.push(
        `Recogito ${installed.version} (${renderer} renderer), ${options.spans.length.toLocaleString("en")} tags: navigation to painted ${at("painted")} ms ` +
          `(median of ${runs.length}; first contentful paint ${at("firstContentfulPaint")}, annotations fetched ${at("fetched")}, loaded into the annotator ${at("loaded")}; ` +
          `${last.anchored ?? 0} anchored, ${last.drawn ?? 0} highlights drawn, those in view)`,
      );
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return lines;
}
