/**
 * The browser side of bench/editor.ts: a signed-in Chromium page on the article editor, with hooks that
 * time what the page does (keystroke to paint, a colleague's change applied and painted), and the
 * measurements made through them.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";

export type BenchPage = { browser: Browser; page: Page };

/** The page's own timings, installed before any of its scripts. */
const PAGE_HOOKS = () => {
  const state = window as unknown as { margin: { typing: number[]; remote: number[]; remotePaint: number[] } };
  state.margin = { typing: [], remote: [], remotePaint: [] };
  const afterPaint = (done: () => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = done;
      channel.port2.postMessage(null);
    });
  window.addEventListener(
    "keydown",
    (event) => {
      const start = event.timeStamp;
      afterPaint(() => state.margin.typing.push(performance.now() - start));
    },
    true,
  );
  // The live Yjs document, through the editor Tiptap leaves on its element.
  const watch = () => {
    type Transaction = { local: boolean; changed: Map<unknown, unknown> };
    const element = document.querySelector("[data-testid=article-text]") as
      (Element & { editor?: { state: { plugins: { spec: { key?: { key: string } }; getState(state: unknown): unknown }[] } } }) | null;
    const editorState = element?.editor?.state;
    const plugin = editorState?.plugins.find((candidate) => candidate.spec.key?.key.startsWith("y-sync"));
    const binding =
      plugin &&
      (plugin.getState(editorState) as { binding?: { doc: { on(event: string, listener: (transaction: Transaction) => void): void } } })
        .binding;
    if (!binding) return void setTimeout(watch, 50);
    let started = 0;
    binding.doc.on("beforeTransaction", (transaction) => {
      if (!transaction.local) started = performance.now();
    });
    binding.doc.on("afterTransaction", (transaction) => {
      // The server sends each client's own updates back to it (Hocuspocus broadcasts to every connection):
      // applying one changes nothing, and waiting for a frame after it would only keep frames coming.
      if (transaction.local || !started || !transaction.changed.size) return;
      const from = started;
      state.margin.remote.push(performance.now() - from);
      afterPaint(() => state.margin.remotePaint.push(performance.now() - from));
    });
  };
  watch();
};

/** The system's Chromium where there is one (CHROMIUM_PATH names another), else Playwright's own. */
export function launchChromium(args: string[] = []): Promise<Browser> {
  const executablePath =
    process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => fs.existsSync(candidate));
  return chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", ...args],
  });
}

/**
 * Chromium, signed in. `framesOnDemand` lets it draw a frame as soon as one is needed instead of at the
 * next tick of a 60 Hz clock, so that keystroke to paint is the time the page and the browser work, not
 * that plus up to 16.7 ms of waiting for the tick (which no page can avoid on a 60 Hz display).
 */
export async function openBrowser(
  base: string,
  user: { email: string; password: string },
  options: { framesOnDemand?: boolean } = {},
): Promise<BenchPage> {
  const browser = await launchChromium(options.framesOnDemand ? ["--disable-gpu-vsync", "--disable-frame-rate-limit"] : []);
  const page = await (await browser.newContext({ baseURL: base, viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/projects");
  // tsx names functions with a helper the page lacks.
  await page.addInitScript({ content: "window.__name = (target) => target;" });
  await page.addInitScript(PAGE_HOOKS);
  page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  return { browser, page };
}

/**
 * One opening of the article, in ms from navigation, each milestone taken after the frame that showed it:
 * - readable: the text on screen with every tag highlighted, whether in the server-rendered preview
 *   (`[data-testid=article-preview] .margin-tag`) or the live editor, whichever comes first (`readableBy`; an
 *   article without tags is readable in the stored text the page shows while it connects);
 * - editable (`ms`): the editor editable, every tag highlighted in it and counted in the panel;
 * - the browser's own first paint and first contentful paint (Paint Timing), and largest contentful paint;
 * - `marks`: the page's marks of where the time went (components/editor).
 * Times the page never reached are NaN.
 */
export type Opening = {
  ms: number;
  readable: number;
  readableBy: string;
  firstPaint: number;
  firstContentfulPaint: number;
  largestContentfulPaint: number;
  marks: Record<string, number>;
  /** Editable and counted, but not every tag coloured after UNCOLOURED_MS: what the page showed. */
  problem?: string;
};

type Milestones = { readable?: number; readableBy?: string; editable?: number };

/** How long an editable article whose tags are all counted may take to colour them before the page is described instead. */
const UNCOLOURED_MS = 10_000;

/**
 * Polled in each frame (before it is drawn) until both milestones are painted: a milestone seen in a frame is
 * on screen once that frame is, which the message posted from the frame's callbacks marks.
 */
const OPENING_PROBE = ([total, UNCOLOURED_MS]: [number, number]) => {
  const state = window as unknown as { benchOpening?: Milestones & { seen?: { readable?: number; editable?: number; counted?: number } } };
  const opening = (state.benchOpening ??= { seen: {} });
  const seen = opening.seen!;
  const painted = (key: "readable" | "editable") => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => (opening[key] = performance.now());
    channel.port2.postMessage(null);
  };
  const transparent = (element: Element | undefined) =>
    !element || ["rgba(0, 0, 0, 0)", "transparent"].includes(getComputedStyle(element).backgroundColor);
  // The text visible with `total` tags, each with an element, and tags spread over the text coloured (17,
  // the first and last among them: reading every tag's style each frame would cost the page the frame).
  const tagged = (root: Element | null) => {
    if (!root?.textContent || !root.checkVisibility()) return false;
    if (!total) return true;
    const elements = root.querySelectorAll(".margin-tag");
    if (elements.length < total) return false;
    const ids = new Set<string>();
    for (const element of elements) {
      const id = element.getAttribute("data-annotation-id") ?? element.getAttribute("data-tag-id") ?? element.getAttribute("data-id");
      if (id) ids.add(id);
    }
    if (ids.size && ids.size < total) return false;
    return Array.from({ length: 17 }, (_, index) => elements[Math.round((index * (elements.length - 1)) / 16)]).every(
      (element) => !transparent(element),
    );
  };
  const editor = document.querySelector("[data-testid=article-text]");
  if (seen.readable === undefined) {
    const preview = document.querySelector("[data-testid=article-preview]");
    // The stored text the page shows until the editor is built counts where it needs no tags.
    const by = tagged(preview) ? "preview" : tagged(editor) ? (editor!.classList.contains("ProseMirror") ? "editor" : "stored text") : null;
    if (by) {
      seen.readable = performance.now();
      opening.readableBy = by;
      painted("readable");
    }
  }
  if (seen.editable === undefined && editor?.getAttribute("contenteditable") === "true") {
    const counted = ["actor", "claim", "figure", "quote"].reduce(
      (sum, label) => sum + Number(document.querySelector(`[data-testid=count-${label}]`)?.textContent ?? 0),
      0,
    );
    if (counted === total) seen.counted ??= performance.now();
    if (counted === total && tagged(editor)) {
      seen.editable = performance.now();
      painted("editable");
    }
  }
  if (opening.readable !== undefined && opening.editable !== undefined) return opening;
  // Editable and counted, but some tag never coloured (a stylesheet the browser would not take): given up.
  return seen.counted !== undefined && performance.now() - seen.counted > UNCOLOURED_MS ? opening : false;
};

/** Paint Timing's entries, and the last largest contentful paint (a page without one answers NaN). */
const PAINTS = () =>
  new Promise<{ firstPaint: number; firstContentfulPaint: number; largestContentfulPaint: number }>((resolve) => {
    const paint = (name: string) => performance.getEntriesByName(name, "paint")[0]?.startTime ?? NaN;
    const answer = (largest: number) =>
      resolve({ firstPaint: paint("first-paint"), firstContentfulPaint: paint("first-contentful-paint"), largestContentfulPaint: largest });
    new PerformanceObserver((list) => answer(list.getEntries().at(-1)?.startTime ?? NaN)).observe({
      type: "largest-contentful-paint",
      buffered: true,
    });
    setTimeout(() => answer(NaN), 200);
  });

/** What the page shows, for an opening that never got ready. */
const DESCRIBE = () => {
  const editor = document.querySelector("[data-testid=article-text]");
  const ids = new Set([...document.querySelectorAll("[data-annotation-id]")].map((element) => element.getAttribute("data-annotation-id")));
  const counts = ["actor", "claim", "figure", "quote"].map((label) => document.querySelector(`[data-testid=count-${label}]`)?.textContent);
  // Tags without colour, of a sample spread over the text.
  const tagElements = [...(editor?.querySelectorAll(".margin-tag") ?? [])];
  const sample = Array.from({ length: 200 }, (_, index) => tagElements[Math.floor((index * tagElements.length) / 200)]).filter(Boolean);
  const uncoloured = sample.filter((element) => ["rgba(0, 0, 0, 0)", "transparent"].includes(getComputedStyle(element!).backgroundColor));
  return JSON.stringify({
    milestones: (window as unknown as { benchOpening?: object }).benchOpening,
    uncoloured: `${uncoloured.length} of ${sample.length} (first: ${uncoloured[0]?.outerHTML.slice(0, 120)})`,
    stylesheets: [...document.styleSheets].map((sheet) => sheet.cssRules.length).join(","),
    editable: editor?.getAttribute("contenteditable"),
    tagElements: document.querySelectorAll(".margin-tag").length,
    tagIds: ids.size,
    counts,
    busy: document.querySelector("[aria-busy=true]")?.textContent?.slice(-200),
  });
};

/** Opens the article `loads` times, each until it is readable and editable with its `tags` tags (see Opening). */
export async function measureInteractive(page: Page, url: string, tags: number, loads = 1): Promise<Opening[]> {
  const openings: Opening[] = [];
  for (let load = 0; load < loads; load++) {
    await page.goto(url, { waitUntil: "commit" });
    const ready = await page
      .waitForFunction(OPENING_PROBE, [tags, UNCOLOURED_MS] as [number, number], { polling: "raf", timeout: 120_000 })
      .catch(async (error: unknown) => {
        throw new Error(`${String(error).split("\n")[0]}; the page then: ${await page.evaluate(DESCRIBE).catch(String)}`);
      });
    const milestones = (await ready.jsonValue()) as Milestones;
    const marks = await page.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType("mark")
          .filter((mark) => mark.name.startsWith("margin:"))
          .map((mark) => [mark.name.slice(7), mark.startTime]),
      ),
    );
    const problem = milestones.editable === undefined ? await page.evaluate(DESCRIBE) : undefined;
    openings.push({
      ms: milestones.editable ?? NaN,
      readable: milestones.readable ?? NaN,
      readableBy: milestones.readableBy ?? "never",
      problem,
      ...(await page.evaluate(PAINTS)),
      marks,
    });
  }
  return openings;
}

/** Types `keys` characters in the middle of the open article, 20 a second; keystroke to the next painted frame. */
export async function measureTyping(page: Page, keys: number): Promise<number[]> {
  await page.evaluate(() => {
    const element = document.querySelector("[data-testid=article-text]") as Element & {
      editor: { state: { doc: { content: { size: number } } }; commands: { setTextSelection(pos: number): void; focus(): void } };
    };
    element.editor.commands.setTextSelection(Math.floor(element.editor.state.doc.content.size / 2));
    element.editor.commands.focus();
    (window as unknown as { margin: { typing: number[] } }).margin.typing = [];
  });
  const sentence = "the council said 1,219 residents “waited” — again ".repeat(Math.ceil(keys / 50)).slice(0, keys);
  await page.keyboard.type(sentence, { delay: 50 });
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { margin: { typing: number[] } }).margin.typing);
}

/** A colleague's changes applied to the open editor, and to paint, since `reset` was last called. */
export const remoteTimings = {
  reset: (page: Page) =>
    page.evaluate(() => Object.assign((window as unknown as { margin: object }).margin, { remote: [], remotePaint: [] })),
  read: (page: Page) => page.evaluate(() => (window as unknown as { margin: { remote: number[]; remotePaint: number[] } }).margin),
};

/**
 * A CPU profile of the page while `work` runs, written to `<file>.cpuprofile`, and Chromium's timeline trace
 * to `<file>.trace.json` (style, layout, paint: the browser's own work, which the profile shows only as
 * "(program)"). Open either in Chromium's DevTools.
 */
export async function profilePage(page: Page, file: string, work: () => Promise<unknown>): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const browser = page.context().browser()!;
  const session = await page.context().newCDPSession(page);
  await session.send("Profiler.enable");
  await session.send("Profiler.start");
  await browser.startTracing(page, {
    path: `${file}.trace.json`,
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing"],
  });
  await work();
  await browser.stopTracing();
  fs.writeFileSync(`${file}.cpuprofile`, JSON.stringify((await session.send("Profiler.stop")).profile));
  await session.detach();
}
