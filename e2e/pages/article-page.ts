import { expect, type Page } from "@playwright/test";

export class ArticlePage {
  constructor(private readonly page: Page) {}

  editor() {
    return this.page.locator(".margin-editor");
  }

  /** Waits for the live editor (the stored text shows first, then the editor once synced). */
  async ready() {
    await expect(this.editor()).toBeVisible({ timeout: 15_000 });
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

  panel() {
    return this.page.getByRole("complementary", { name: "Tags" });
  }
}
