import { describe, expect, it } from "vitest";
import { headingId, readGuidelines, renderGuidelines } from "./guidelines";

describe("the annotation guidelines page", () => {
  it("renders the repository's guidelines with a linkable section per label", async () => {
    const html = await readGuidelines();
    for (const label of ["actor", "figure", "quote", "claim"]) expect(html).toContain(`<h2 id="${label}">`);
    expect(html).toContain("<h1");
  });

  it("shows raw HTML in the Markdown as text, never as markup", () => {
    expect(renderGuidelines("## Quotes — “or” claims\n\n<script>alert(1)</script>")).toBe(
      '<h2 id="quotes-or-claims">Quotes — “or” claims</h2>\n<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n',
    );
    expect(headingId("Égalité: 2 figures")).toBe("egalite-2-figures");
  });
});
