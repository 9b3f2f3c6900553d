/**
 * `npm run bench:import-dataset`: the HTTP imports against hostile and large bodies, in this process (route
 * handlers called as Next.js calls them, on a scratch database), printing for each: wall time, the answer's
 * status and size, the process's peak resident-set growth (sampled every 10 ms), and the latency of the
 * health route called every 10 ms meanwhile, counted from when each check was due (what a load balancer
 * would see: the event loop's freedom).
 * - a dataset of a million empty articles (3 MB: the report's case), under the default article limit (400)
 *   and with the limit raised so that every one goes through the import;
 * - a dataset of real articles (--real N, about 8,000 characters each, no tags), imported;
 * - a Label Studio export of real articles (--annotated N, 8,000 characters and 40 tags each, half of them
 *   under labels the map names, with CRLF line endings so that every tag is placed again by its words),
 *   imported through the annotated route with its NDJSON progress;
 * - uploads: three at once of one 240 MB file (refused at the per-file limit: how much was read) and three
 *   at once of 48 files of 5 MB (the largest upload allowed, read whole by the body reader, not imported).
 * Options: --empty N (1000000) --real N (200) --annotated N (200) --skip-uploads.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { createScratchDatabase, openDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrations";
import { disconnectPrisma } from "@/lib/db/prisma";
import { DATASET_FORMAT, DATASET_FORMAT_VERSION } from "@/lib/export/shape";
import { createProjectWith, createUser } from "@/lib/testing/factories";
import { streamedUpload } from "@/lib/testing/streamed-upload";
import { OffsetIndex } from "@/lib/tags/offsets";
import { newsText, rng } from "./news-text";

const { values } = parseArgs({
  options: {
    empty: { type: "string", default: "1000000" },
    real: { type: "string", default: "200" },
    annotated: { type: "string", default: "200" },
    "skip-uploads": { type: "boolean", default: false },
  },
});
const MB = 1024 * 1024;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Runs `work` while sampling memory and calling the health route; prints what it saw. */
async function measure(name: string, health: Handler, work: () => Promise<string>) {
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  // Each check's latency counts from when it was due (10 ms after the previous answer), so that a check
  // that could not even start while the event loop was held counts all of that wait.
  const latencies: number[] = [];
  let running = true;
  const checks = (async () => {
    let due = performance.now();
    while (running) {
      await health(new Request("http://margin.bench/api/health"), { params: Promise.resolve({}) });
      const answered = performance.now();
      latencies.push(answered - due);
      due = answered + 10;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const started = performance.now();
  const outcome = await work().finally(() => (running = false));
  const wall = (performance.now() - started) / 1000;
  await checks;
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(0);
  console.log(`${name}`);
  console.log(`  ${outcome}`);
  console.log(
    `  wall ${wall.toFixed(1)} s; peak RSS +${((peak - baseline) / MB).toFixed(0)} MB (from ${(baseline / MB).toFixed(0)} MB); ` +
      `health checks: ${latencies.length}, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`,
  );
}

async function answer(response: Response): Promise<string> {
  const text = await response.text();
  let summary = "";
  try {
    const body = JSON.parse(text) as { counts?: unknown; results?: unknown[]; more?: number; error?: { message: string } };
    summary = body.error
      ? `error: ${body.error.message}`
      : `counts ${JSON.stringify(body.counts)}, ${body.results?.length} results listed, more ${body.more}`;
  } catch {}
  return `${response.status}, answer ${(text.length / 1024).toFixed(1)} KB: ${summary}`;
}

function datasetBody(articles: string): string {
  return `{"format":"${DATASET_FORMAT}","formatVersion":"${DATASET_FORMAT_VERSION}","offsetUnit":"codepoint","articles":[${articles}]}`;
}

async function main() {
  const server = await openDatabase({ profile: "test", database: "postgres", migrate: false });
  const scratch = await createScratchDatabase(server.url, "margin_bench");
  try {
    await applyMigrations(scratch.url);
    process.env.DATABASE_URL = scratch.url;
    const owner = await createUser({ name: "Owner" });
    const { token } = await createApiToken(owner.id, "bench");
    const health = (await import("@/app/api/health/route")).GET as unknown as Handler;
    const dataset = (await import("@/app/api/projects/[slug]/imports/dataset/route")).POST as unknown as Handler;
    const uploads = (await import("@/app/api/projects/[slug]/imports/contract")).contract.methods.POST.body;
    const post = async (body: string) => {
      const { slug } = await createProjectWith({ owner: [owner] });
      const request = new Request("http://margin.bench/api/route?name=bench.json", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body,
      });
      return dataset(request, { params: Promise.resolve({ slug }) });
    };

    console.log(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    );
    const empty = Number(values.empty);
    const emptyBody = datasetBody(Array.from({ length: empty }, () => "{}").join(","));
    await measure(
      `dataset of ${empty.toLocaleString("en")} empty articles (${(emptyBody.length / MB).toFixed(1)} MB), default limit`,
      health,
      async () => answer(await post(emptyBody)),
    );
    process.env.MARGIN_DATASET_IMPORT_MAX_ARTICLES = String(empty);
    await measure(`… the same with the limit raised to ${empty.toLocaleString("en")}: every article checked`, health, async () =>
      answer(await post(emptyBody)),
    );
    delete process.env.MARGIN_DATASET_IMPORT_MAX_ARTICLES;

    const real = Number(values.real);
    const random = rng(7);
    const articles = Array.from({ length: real }, (_, index) =>
      JSON.stringify({
        id: `a${index}`,
        title: `Story ${index}`,
        byline: null,
        source: null,
        url: null,
        publishedAt: null,
        language: "en",
        status: "new",
        text: newsText(random, 8000),
        tags: [],
        relations: [],
      }),
    );
    const realBody = datasetBody(articles.join(","));
    await measure(`dataset of ${real} real articles (${(realBody.length / MB).toFixed(1)} MB), imported`, health, async () =>
      answer(await post(realBody)),
    );

    const annotatedRoute = (await import("@/app/api/projects/[slug]/imports/annotated/route")).POST as unknown as Handler;
    const annotated = Number(values.annotated);
    const tasks = Array.from({ length: annotated }, (_, index) => {
      // CRLF line endings: the stored text differs from the file's, so every tag is placed by its words.
      const text = newsText(random, 8000).replace(/\n/g, "\r\n");
      const offsets = new OffsetIndex(text);
      const words = [...text.matchAll(/\p{L}{4,}(?: \p{L}{4,})?/gu)];
      const step = Math.max(1, Math.floor(words.length / 40));
      const result = words
        .filter((_, position) => position % step === 0)
        .slice(0, 40)
        .map((word, position) => ({
          id: `r${position}`,
          type: "labels",
          from_name: "label",
          to_name: "text",
          value: {
            start: offsets.toCodePoint(word.index),
            end: offsets.toCodePoint(word.index + word[0].length),
            text: word[0],
            labels: [position % 2 ? "PER" : "actor"],
          },
        }));
      return {
        id: index,
        data: { text, title: `Story ${index}` },
        annotations: [{ id: index, completed_by: { email: "a@example.com" }, result }],
      };
    });
    const labelStudio = JSON.stringify(tasks);
    await measure(
      `Label Studio export of ${annotated} articles × 40 tags (${(labelStudio.length / MB).toFixed(1)} MB, CRLF), imported with --map PER=actor`,
      health,
      async () => {
        const { slug } = await createProjectWith({ owner: [owner] });
        const form = new FormData();
        form.append("file", new File([labelStudio], "project.json", { type: "application/json" }));
        const response = await annotatedRoute(
          new Request("http://margin.bench/api/route?format=labelstudio&map=PER%3Dactor", {
            method: "POST",
            headers: { authorization: `Bearer ${token}` },
            body: form,
          }),
          { params: Promise.resolve({ slug }) },
        );
        const lines = (await response.text()).trim().split("\n");
        const last = JSON.parse(lines.at(-1)!) as { report?: { counts: unknown; tags: number; skippedCount: number } };
        return `${response.status}, ${lines.length - 1} progress lines; ${JSON.stringify(last.report?.counts)}, ${last.report?.tags} tags, ${last.report?.skippedCount} skipped`;
      },
    );

    if (!values["skip-uploads"]) {
      const read = (request: Request) =>
        uploads.read(request).then(
          (form) => `read ${form.files.length} files`,
          (error: Error) => `refused: ${error.message}`,
        );
      // Each upload sent as a streamed request to the body reader, all at once.
      const readAll = (sent: ReturnType<typeof streamedUpload>[]) =>
        Promise.all(
          sent.map((upload) =>
            read(
              new Request("http://margin.bench/", {
                method: "POST",
                headers: { "content-type": upload.contentType },
                body: upload.body,
                duplex: "half",
              } as RequestInit),
            ),
          ),
        );
      await measure("three uploads at once of one 240 MB file each (the body reader)", health, async () => {
        const sent = [0, 1, 2].map(() => streamedUpload({ name: "big.txt", bytes: 240 * MB }));
        const outcomes = await readAll(sent);
        return `${outcomes[0]}; read of each: ${sent.map((upload) => `${(upload.pulled() / MB).toFixed(1)} MB`).join(", ")}`;
      });
      await measure("three uploads at once of 48 files of 5 MB each (240 MB, the most allowed; the body reader)", health, async () => {
        const sent = [0, 1, 2].map(() => streamedUpload({ name: "part.txt", bytes: 5 * MB, files: 48 }));
        const outcomes = await readAll(sent);
        return outcomes.join("; ");
      });
    }
  } finally {
    await disconnectPrisma();
    await scratch.drop();
    await server.stop();
  }
}

void main();
