import type { Page } from "@playwright/test";

export class ProjectPage {
  constructor(
    private readonly page: Page,
    private readonly slug: string,
  ) {}

  async goto(query = "") {
    await this.page.goto(`/projects/${this.slug}${query}`);
  }

  async uploadFiles(files: { name: string; content: string }[]) {
    await this.page.getByRole("button", { name: "Upload files" }).click();
    await this.page
      .getByLabel("Files to import")
      .setInputFiles(
        files.map((file) => ({ name: file.name, mimeType: "application/octet-stream", buffer: Buffer.from(file.content, "utf8") })),
      );
  }

  /** Simulates pasting from a web page: the clipboard carries HTML and its plain-text rendering. */
  async pasteArticle(html: string, text: string) {
    await this.page.getByRole("button", { name: "Paste an article" }).click();
    const field = this.page.getByLabel("Article", { exact: true });
    await field.evaluate(
      (element, data) => {
        const clipboard = new DataTransfer();
        clipboard.setData("text/html", data.html);
        clipboard.setData("text/plain", data.text);
        element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: clipboard, bubbles: true, cancelable: true }));
      },
      { html, text },
    );
    // A synthetic paste does not insert text; type what the browser would have inserted.
    await field.fill(text);
  }

  async search(words: string) {
    await this.page.getByRole("searchbox", { name: "Search" }).fill(words);
    await this.page.getByRole("button", { name: "Search", exact: true }).click();
  }

  articles() {
    return this.page.getByRole("list", { name: "Articles" }).getByRole("listitem");
  }
}
