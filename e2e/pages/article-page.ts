import { expect, type Page } from "@playwright/test";
import type { Label } from "@/lib/vocabulary";

export class ArticlePage {
  constructor(private readonly page: Page) {}

  editor() {
    return this.page.locator(".margin-editor");
  }

  /** Waits for the live editor (the stored text shows first, then the editor once synced). */
  async ready() {
    await expect(this.editor()).toBeVisible({ timeout: 15_000 });
  }

  /** Switches to correcting the text (keys type; the page opens in tagging mode, where 1–4 tag). */
  async correctText() {
    const toggle = this.page.getByRole("button", { name: "Correct text" });
    if ((await toggle.getAttribute("aria-pressed")) !== "true") await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
  }

  /** Selects the first occurrence of `text` in the article, as a reader's drag would. */
  async select(text: string, occurrence = 0) {
    await this.editor().evaluate(
      (root, { text, occurrence }) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent!.indexOf(text);
          if (at < 0) continue;
          if (seen++ < occurrence) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + text.length);
          const selection = window.getSelection()!;
          selection.removeAllRanges();
          selection.addRange(range);
          (root as HTMLElement).focus();
          return;
        }
        throw new Error(`"${text}" is not in the article`);
      },
      { text, occurrence },
    );
    // ProseMirror reads the DOM selection on selectionchange.
    await this.page.waitForTimeout(100);
  }

  tags() {
    return this.editor().locator("[data-annotation-id]");
  }

  /** The panel's list of orphaned tags. */
  orphans() {
    return this.panel().getByRole("region", { name: "Orphaned tags" });
  }

  /** Deletes `words` with the keyboard, which orphans the one tag on them; the orphans' list. */
  async orphan(words: string) {
    await this.correctText();
    await this.select(words);
    await this.page.keyboard.press("Backspace");
    await expect(this.orphans()).toContainText("Orphaned (1)");
    return this.orphans();
  }

  panel() {
    return this.page.getByRole("complementary", { name: "Tags" });
  }

  /** Selects `words` and presses a label's key, as an annotator tags (1 actor, 2 claim, 3 figure, 4 quote). */
  async tag(words: string, key: "1" | "2" | "3" | "4") {
    await this.select(words);
    await this.page.keyboard.press(key);
  }

  /** The text's marks of tags covering exactly `words` (a mark carries only its tag's id). */
  tagsOver(words: string) {
    return this.tags().filter({ hasText: new RegExp(`^${words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) });
  }

  /** The side panel's number of tags of a label (those the filters hide included). */
  count(label: Label) {
    return this.panel().getByTestId(`count-${label}`);
  }

  /** The side panel's entries whose words (and annotators, status) match `name`. */
  listed(name: string | RegExp) {
    return this.panel().getByRole("button", { name });
  }

  /** What went wrong with the last tag change, in the API's words (Next.js keeps a route announcer with the alert role too). */
  problem() {
    return this.page.locator(".margin-editor-frame").getByRole("alert");
  }

  details() {
    return this.page.getByRole("region", { name: "Tag details" });
  }

  async markWorkDone() {
    await this.page.getByLabel("Workflow").getByRole("button", { name: "Mark my work done" }).click();
  }
}
