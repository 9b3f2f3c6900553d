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
  const executablePath =
    process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => fs.existsSync(candidate));
  const args = ["--no-sandbox", "--disable-gpu", ...(options.framesOnDemand ? ["--disable-gpu-vsync", "--disable-frame-rate-limit"] : [])];
  const browser = await chromium.launch({ executablePath, args });
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

export type Opening = { ms: number; marks: Record<string, number> };

/**
 * Opens the article `loads` times: from navigation to an editable text with every tag highlighted and
 * listed, and the page's own marks of where that time went (components/editor).
 */
export async function measureInteractive(page: Page, url: string, tags: number, loads = 1): Promise<Opening[]> {
  const openings: Opening[] = [];
  for (let load = 0; load < loads; load++) {
    await page.goto(url, { waitUntil: "commit" });
    const ready = await page.waitForFunction(
      (total) => {
        const editor = document.querySelector("[data-testid=article-text]");
        if (editor?.getAttribute("contenteditable") !== "true") return false;
        const counted = ["actor", "claim", "figure", "quote"].reduce(
          (sum, label) => sum + Number(document.querySelector(`[data-testid=count-${label}]`)?.textContent ?? 0),
          0,
        );
        // Tags carry their looks as classes from the moment they are drawn (components/editor/use-tag-looks.ts).
        const styled = document.querySelector(".margin-editor .margin-tag[class*='margin-tag--']") !== null;
        return counted === total && styled ? performance.now() : false;
      },
      tags,
      { polling: "raf", timeout: 60_000 },
    );
    const marks = await page.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType("mark")
          .filter((mark) => mark.name.startsWith("margin:"))
          .map((mark) => [mark.name.slice(7), mark.startTime]),
      ),
    );
    openings.push({ ms: Number(await ready.jsonValue()), marks });
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
