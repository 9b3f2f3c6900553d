/**
 * The scripted annotator of bench/suggestions-effect.ts, in a real browser on the article editor: it tags
 * words as a person does (a DOM range over the words, then the label's key) and walks the suggestions with
 * the keys (`]` to the first, `Enter` accept, `x` dismiss, each moving on). Every action waits until the
 * software has recorded it (the panel's count, the API's answer) and no longer than its timeout: a tag that
 * never records is counted as failed and the walk goes on. No think time: what is measured is the actions
 * and the software's time, not a person's reading.
 */
import type { Page } from "@playwright/test";
import type { GoldTag } from "@/lib/suggestions/gold-markup";
import type { Label } from "@/lib/vocabulary";

export const LABEL_KEYS: Record<Label, string> = { actor: "1", claim: "2", figure: "3", quote: "4" };

/** What one way of tagging an article took: actions, and the tags that did not record (with why). */
export type Effort = { ms: number; keys: number; selections: number; clicks: number; failed: string[] };

export const emptyEffort = (): Effort => ({ ms: 0, keys: 0, selections: 0, clicks: 0, failed: [] });

/**
 * The walk's account: the gold tags accepted suggestions gave, the run's time (click to suggestions shown),
 * the decisions made, and the suggestions that left the text without one (their words tagged meanwhile).
 */
export type Walk = { given: Set<GoldTag>; runMs: number; decisions: number; vanished: string[] };

/** A suggestion as the API lists it (UTF-16 offsets asked for). */
export type ListedSuggestion = { id: string; label: Label; start: number; end: number; text: string };

type EditorElement = HTMLElement & {
  editor: {
    state: {
      doc: PMNode & { descendants(visit: (node: PMNode, pos: number) => boolean | void): void };
      selection: { from: number; to: number };
    };
    view: { domAtPos(pos: number): { node: Node; offset: number } };
    commands: { focus(): void; setTextSelection(range: number | { from: number; to: number }): void; scrollIntoView(): void };
  };
};
type PMNode = {
  isTextblock: boolean;
  isText: boolean;
  text?: string;
  nodeSize: number;
  forEach(visit: (child: PMNode) => void): void;
  textBetween(from: number, to: number, blockSeparator: string, leafText: string): string;
  content: { size: number };
};

/**
 * The words at canonical-text offsets (UTF-16) selected as a drag would: a DOM range from the position's text
 * node, scrolled into view. The canonical text is the textblocks joined by a blank line, a hard break one
 * newline (lib/editor/suggestions.ts reads words the same way). Answers the ProseMirror range it aimed at.
 */
const SELECT_WORDS = ({ start, end }: { start: number; end: number }) => {
  const element = document.querySelector("[data-testid=article-text]") as EditorElement;
  const { editor } = element;
  let offset = 0;
  let first = true;
  let from = -1;
  let to = -1;
  editor.state.doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (!first) offset += 2;
    first = false;
    let at = pos + 1;
    node.forEach((child) => {
      const length = child.isText ? child.text!.length : 1;
      if (from < 0 && start >= offset && start < offset + length) from = at + (child.isText ? start - offset : 0);
      if (to < 0 && end > offset && end <= offset + length) to = at + (child.isText ? end - offset : 1);
      offset += length;
      at += child.nodeSize;
    });
    return false;
  });
  if (from < 0 || to < 0) return `offsets ${start}-${end} are not in the editor's text`;
  const startAt = editor.view.domAtPos(from);
  const endAt = editor.view.domAtPos(to);
  const range = document.createRange();
  range.setStart(startAt.node, startAt.offset);
  range.setEnd(endAt.node, endAt.offset);
  element.focus();
  const selection = window.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  (startAt.node.parentElement ?? element).scrollIntoView({ block: "center" });
  return { from, to };
};

/** Whether ProseMirror has read the DOM selection (it does on selectionchange). */
const SELECTED = ({ from, to }: { from: number; to: number }) => {
  const { selection } = (document.querySelector("[data-testid=article-text]") as EditorElement).editor.state;
  return selection.from === from && selection.to === to;
};

/** The text's (the side panel's) number of `label` tags; the number of suggestions offered. */
const tagCount = (label: Label) => `aside[aria-label="Tags"] [data-testid="count-${label}"]`;
const SUGGESTION_COUNT = '[data-testid="suggestion-count"]';

async function numberIn(page: Page, selector: string): Promise<number> {
  return Number((await page.locator(selector).first().textContent()) ?? NaN);
}

/** Waits until the element's number is `expected`, checked in every frame; false after the timeout. */
async function numberBecomes(page: Page, selector: string, expected: number, timeout: number): Promise<boolean> {
  try {
    await page.waitForFunction(
      ({ selector, expected }) => Number(document.querySelector(selector)?.textContent) === expected,
      { selector, expected },
      { polling: "raf", timeout },
    );
    return true;
  } catch {
    return false;
  }
}

/** The editor open and editable, its tags' and suggestions' counts shown (the timing starts after this). */
export async function openEditor(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-testid=article-text][contenteditable="true"]').waitFor({ timeout: 60_000 });
  await page.locator(SUGGESTION_COUNT).waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => Boolean((document.querySelector("[data-testid=article-text]") as EditorElement | null)?.editor));
}

/** The editor's text read as the canonical text (blocks joined by a blank line): the offsets' ground. */
export function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { doc } = (document.querySelector("[data-testid=article-text]") as EditorElement).editor.state;
    return doc.textBetween(0, doc.content.size, "\n\n", "\n");
  });
}

/** Tags one gold tag by hand: its words selected, its label's key; waits until the panel counts it. */
export async function tagByHand(page: Page, tag: GoldTag, effort: Effort, timeout: number): Promise<void> {
  const what = `${tag.label} ${JSON.stringify(tag.text.length > 40 ? `${tag.text.slice(0, 40)}…` : tag.text)}`;
  const before = await numberIn(page, tagCount(tag.label));
  // A selection the editor did not take (read in a later frame, or reset by a late focus) is made again.
  let taken = false;
  for (let attempt = 0; attempt < 2 && !taken; attempt++) {
    const aimed = await page.evaluate(SELECT_WORDS, { start: tag.start, end: tag.end });
    effort.selections++;
    if (typeof aimed === "string") return void effort.failed.push(`${what}: ${aimed}`);
    taken = await page
      .waitForFunction(SELECTED, aimed, { polling: "raf", timeout: attempt ? timeout : 2_000 })
      .then(() => true)
      .catch(() => false);
  }
  if (!taken) return void effort.failed.push(`${what}: the editor never took the selection`);
  await page.keyboard.press(LABEL_KEYS[tag.label]);
  effort.keys++;
  if (!(await numberBecomes(page, tagCount(tag.label), before + 1, timeout)))
    effort.failed.push(`${what}: not recorded within ${timeout} ms`);
}

/**
 * The cursor at the text's start, the editor focused, as a click there leaves them. The DOM's focus, not
 * Tiptap's focus command, which focuses in a later frame: a key pressed before it went to the button.
 */
async function clickAtStart(page: Page): Promise<void> {
  await page.evaluate(() => {
    const element = document.querySelector("[data-testid=article-text]") as EditorElement;
    element.focus();
    element.editor.commands.setTextSelection(1);
  });
  await page.waitForFunction(() => {
    const element = document.querySelector("[data-testid=article-text]") as EditorElement;
    return document.activeElement === element && element.editor.state.selection.from === 1;
  });
}

const currentSuggestion = (page: Page) =>
  page.evaluate(() => document.querySelector(".margin-editor .margin-suggestion--current")?.getAttribute("data-suggestion") ?? null);

/**
 * "Suggest" pressed and its run awaited; then, from the text's start, every suggestion in reading order:
 * accepted when a gold tag has its label and exact words (the tag counted in the panel), dismissed otherwise
 * (the dismissal answered). Answers the gold tags the accepted suggestions gave.
 */
export async function walkSuggestions(
  page: Page,
  listSuggestions: () => Promise<ListedSuggestion[]>,
  gold: GoldTag[],
  effort: Effort,
  timeout: number,
): Promise<Walk> {
  const started = performance.now();
  const run = page.waitForResponse((response) => response.request().method() === "POST" && /\/suggestions(\?|$)/.test(response.url()), {
    timeout: 120_000,
  });
  await page.getByRole("region", { name: "Suggestions" }).getByRole("button", { name: "Suggest" }).click();
  effort.clicks++;
  await run;
  const offered = await listSuggestions();
  // The panel lists them first; the text's outlines (what the keys walk) are placed after.
  try {
    await page.waitForFunction(
      (expected) =>
        new Set(
          [...document.querySelectorAll(".margin-editor [data-suggestion]")].map((element) => element.getAttribute("data-suggestion")),
        ).size === expected,
      offered.length,
      { polling: "raf", timeout },
    );
  } catch {
    effort.failed.push(`the editor did not outline the ${offered.length} suggestions within ${timeout} ms`);
  }
  const walk: Walk = { given: new Set(), runMs: performance.now() - started, decisions: 0, vanished: [] };
  const { given } = walk;
  const byId = new Map(offered.map((suggestion) => [suggestion.id, suggestion]));
  const goldAt = new Map(gold.map((tag) => [`${tag.label} ${tag.start} ${tag.end}`, tag]));
  const shown = () =>
    page.evaluate(() =>
      [...document.querySelectorAll(".margin-editor [data-suggestion]")].map((element) => element.getAttribute("data-suggestion")!),
    );
  let before = new Set(await shown());

  // A click at the text's start, then `]` to the first suggestion; each decision moves on by itself.
  await clickAtStart(page);
  effort.clicks++;
  let current = await currentSuggestion(page);
  for (let guard = 0; guard <= offered.length * 2 + 2; guard++) {
    const left = await numberIn(page, SUGGESTION_COUNT);
    if (!left) break;
    if (current === null) {
      // At the start, or the next suggestion left the text with the last decision: `]` from the cursor; if
      // that finds none (some are left), a click at the text's start and `]` again.
      await page.keyboard.press("]");
      effort.keys++;
      current = await currentSuggestion(page);
      if (current === null && guard) {
        await clickAtStart(page);
        effort.clicks++;
        await page.keyboard.press("]");
        effort.keys++;
        current = await currentSuggestion(page);
      }
      if (current === null) {
        effort.failed.push(`${left} suggestions left that the keys could not reach`);
        break;
      }
    }
    const suggestion = byId.get(current);
    const match = suggestion && goldAt.get(`${suggestion.label} ${suggestion.start} ${suggestion.end}`);
    const what = suggestion ? `${suggestion.label} ${JSON.stringify(suggestion.text.slice(0, 40))}` : `suggestion ${current}`;
    const action = match && !given.has(match) ? "accept" : "dismiss";
    const answered = page
      .waitForResponse((response) => response.url().includes(`/api/suggestions/${current}/${action}`), { timeout })
      .then((response) => response.ok())
      .catch(() => false);
    const tagsBefore = match ? await numberIn(page, tagCount(match.label)) : 0;
    await page.keyboard.press(action === "accept" ? "Enter" : "x");
    effort.keys++;
    walk.decisions++;
    if (!(await answered)) effort.failed.push(`${what}: ${action} not answered within ${timeout} ms`);
    if (action === "accept" && match) {
      if (await numberBecomes(page, tagCount(match.label), tagsBefore + 1, timeout)) given.add(match);
      else effort.failed.push(`${what}: accepted but not counted within ${timeout} ms`);
    }
    current = await currentSuggestion(page);
    const after = new Set(await shown());
    for (const id of before)
      if (id !== suggestion?.id && !after.has(id))
        walk.vanished.push(byId.get(id) ? `${byId.get(id)!.label} ${JSON.stringify(byId.get(id)!.text.slice(0, 40))}` : id);
    before = after;
  }
  return walk;
}
