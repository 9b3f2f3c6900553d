import type { Page } from "@playwright/test";

/** "Import annotations from another tool" on the project's Export page. */
export class AnnotatedImportSection {
  constructor(private readonly page: Page) {}

  region() {
    return this.page.getByRole("region", { name: "Import annotations from another tool" });
  }

  async choose(files: { name: string; content: string | Buffer }[]) {
    await this.region()
      .getByLabel("Annotated files to import")
      .setInputFiles(files.map(({ name, content }) => ({ name, mimeType: "application/octet-stream", buffer: Buffer.from(content) })));
  }

  labelMap() {
    return this.region().getByRole("form", { name: "Label map" });
  }

  async map(label: string, target: string) {
    await this.labelMap().getByLabel(`Map ${label}`).selectOption(target);
  }
}
