/**
 * Adding one tag in the browser, as an annotator does: words selected, a label's key pressed. Timed from the
 * key's event to the editor's marks (components/editor/use-tagging.ts): the mark placed (`margin:tag-marked:<id>`),
 * the server's answer (`margin:tag-answered:<id>`), and to the frame that first shows the new tag highlighted.
 */
import type { Page } from "@playwright/test";
import { sleep } from "./stats";

/** One tag's times from its key press, in ms. */
export type TagTiming = { id?: string; marked?: number; painted?: number; answered?: number; refused?: boolean };

export type AddOne = { first?: TagTiming; painted: number[]; marked: number[]; answered: number[]; failed: string[] };

type EditorElement = Element & {
  editor: {
    state: { doc: { descendants(visit: (node: TextNode, pos: number) => void): void } };
    commands: { focus(): void; setTextSelection(range: { from: number; to: number }): void; scrollIntoView(): void };
  };
};
type TextNode = { isText: boolean; text?: string; marks: { type: { name: string } }[] };

/** `count` untagged words spread over the article, as editor positions. */
const FRESH_WORDS = (count: number) => {
  const element = document.querySelector("[data-testid=article-text]") as EditorElement;
  const words: { from: number; to: number }[] = [];
  element.editor.state.doc.descendants((node, pos) => {
    if (!node.isText || node.marks.some((mark) => mark.type.name === "annotation")) return;
    for (const match of node.text!.matchAll(/\p{L}{4,}/gu))
      words.push({ from: pos + match.index, to: pos + match.index + match[0].length });
  });
  return Array.from({ length: Math.min(count, words.length) }, (_, index) => words[Math.floor(((index + 0.5) * words.length) / count)]!);
};

/** The words selected in the focused editor, scrolled into view, as a person selects what they read. */
const SELECT = (range: { from: number; to: number }) => {
  const { commands } = (document.querySelector("[data-testid=article-text]") as EditorElement).editor;
  commands.focus();
  commands.setTextSelection(range);
  commands.scrollIntoView();
};

const NEXT_FRAMES = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/**
 * Waits for the next key press, then times it: the mark's element is watched for (a mutation observer, so
 * that no frames are requested until there is something to draw), then each frame until it is coloured,
 * and the first frame that shows it ends "painted". A tag the server refuses loses its mark: `refused`.
 */
const ARM = (timeoutMs: number) => {
  const MARKED = "margin:tag-marked:";
  const ANSWERED = "margin:tag-answered:";
  const state = window as unknown as { benchTag?: Promise<TagTiming> };
  state.benchTag = new Promise<TagTiming>((resolve) => {
    const root = document.querySelector("[data-testid=article-text]")!;
    const timing: TagTiming = {};
    let start = NaN;
    let framing = false;
    const finish = () => {
      mutations.disconnect();
      marks.disconnect();
      clearTimeout(timer);
      resolve(timing);
    };
    const timer = setTimeout(finish, timeoutMs);
    const settled = () => timing.painted !== undefined && timing.answered !== undefined;
    const coloured = (element: Element | null) =>
      element !== null && !["rgba(0, 0, 0, 0)", "transparent"].includes(getComputedStyle(element).backgroundColor);
    const watchFrames = () =>
      requestAnimationFrame(() => {
        const element = root.querySelector(`[data-annotation-id="${CSS.escape(timing.id!)}"]`);
        if (!element && timing.answered !== undefined) {
          timing.refused = true;
          return finish();
        }
        if (!coloured(element)) return watchFrames();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          timing.painted = performance.now() - start;
          if (settled()) finish();
        };
        channel.port2.postMessage(null);
      });
    const findMark = () => {
      if (timing.id || Number.isNaN(start)) return;
      const mark = performance.getEntriesByType("mark").find((entry) => entry.name.startsWith(MARKED) && entry.startTime >= start);
      if (!mark) return;
      timing.id = mark.name.slice(MARKED.length);
      timing.marked = mark.startTime - start;
      if (!framing) {
        framing = true;
        watchFrames();
      }
    };
    const mutations = new MutationObserver(findMark);
    const marks = new PerformanceObserver((list) => {
      findMark();
      for (const entry of list.getEntries())
        if (timing.id && entry.name === ANSWERED + timing.id) {
          timing.answered = entry.startTime - start;
          if (settled()) finish();
        }
    });
    window.addEventListener(
      "keydown",
      (event) => {
        start = event.timeStamp;
        mutations.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
        marks.observe({ type: "mark" });
      },
      { capture: true, once: true },
    );
  });
};

/**
 * Tags `count` fresh words of the open article one at a time, labels in turn, a moment apart; see ARM. The
 * first tag after opening is reported apart (`first`), as the first keystroke is: code and caches still cold,
 * in the page and on the server, it is not the steady state the distribution describes.
 */
export async function measureAddOne(page: Page, count: number): Promise<AddOne> {
  const result: AddOne = { painted: [], marked: [], answered: [], failed: [] };
  const words = await page.evaluate(FRESH_WORDS, count + 1);
  for (const [index, range] of words.entries()) {
    await page.evaluate(SELECT, range);
    await page.evaluate(NEXT_FRAMES);
    await sleep(100);
    await page.evaluate(ARM, 15_000);
    await page.keyboard.press(String((index % 4) + 1));
    const timing = await page.evaluate(() => (window as unknown as { benchTag: Promise<TagTiming> }).benchTag);
    // Refused after it was painted: the editor took the mark back.
    if (timing.id && !timing.refused) timing.refused = !(await page.locator(`[data-annotation-id="${timing.id}"]`).count());
    const failure = !timing.id
      ? "no mark"
      : timing.refused
        ? "refused"
        : timing.painted === undefined || timing.answered === undefined
          ? "timed out"
          : null;
    if (failure) result.failed.push(index ? failure : `${failure} (the first)`);
    if (!index) result.first = timing;
    else {
      if (timing.marked !== undefined) result.marked.push(timing.marked);
      if (timing.painted !== undefined) result.painted.push(timing.painted);
      if (timing.answered !== undefined && !timing.refused) result.answered.push(timing.answered);
    }
    // A person reads on before the next tag: the page's work after the answer (panel, lists) is not counted.
    await sleep(300);
  }
  return result;
}
