import type { Download, Page } from "@playwright/test";

/** The project's Export page: the download form, snapshots and the dataset import. */
export class ExportPage {
  constructor(
    private readonly page: Page,
    private readonly slug: string,
  ) {}

  async goto() {
    await this.page.goto(`/projects/${this.slug}/export`);
  }

  form() {
    return this.page.getByRole("form", { name: "Export the dataset" });
  }

  /** Picks a format and options, presses Download and returns the file the browser saved. */
  async download(options: { format?: string; utf16?: boolean; labels?: string[] } = {}): Promise<Download> {
    const form = this.form();
    if (options.format) await form.getByRole("radio", { name: new RegExp(`^${options.format}\\b`) }).check();
    if (options.utf16) await form.getByRole("radio", { name: /UTF-16/ }).check();
    for (const label of options.labels ?? []) await form.getByRole("checkbox", { name: label, exact: true }).check();
    const saved = this.page.waitForEvent("download");
    await form.getByRole("button", { name: "Download" }).click();
    return saved;
  }

  async saveSnapshot(name: string) {
    await this.form().getByLabel("Snapshot name").fill(name);
    await this.form().getByRole("button", { name: "Save snapshot" }).click();
  }

  snapshots() {
    return this.page.getByRole("list", { name: "Snapshots" }).getByRole("listitem");
  }

  async compare(from: string, to: string) {
    const section = this.page.getByRole("region", { name: "Compare snapshots" });
    await section.getByLabel("From").selectOption({ label: from });
    await section.getByLabel("To").selectOption({ label: to });
    await section.getByRole("button", { name: "Compare" }).click();
    return section;
  }

  async importDataset(name: string, content: Buffer) {
    await this.page.getByLabel("Dataset to import").setInputFiles({ name, mimeType: "application/json", buffer: content });
  }
}
