import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { draftFromSource, finalizeDraft } from "../draft";
import { readablePage } from "./readable-page";

const page = fs.readFileSync(path.join(import.meta.dirname, "fixtures", "news-page.html"), "utf8");
const PAGE_URL = "https://ledger.example.com/2026/03/harbour-wall?ref=home&utm_source=feed";

const PARAGRAPHS = [
  "The new flood wall in Port Ellis held on Thursday night as the storm surge peaked at 4.2 metres — the highest reading since the wall was finished in 2024.",
  "“We watched the water climb all evening and it never came over,” said Dana Reyes, who runs the café on Quay Street. “Last winter we were bailing by midnight.”",
  "Engineers from the harbour authority said the wall’s 1,219 panels would be inspected over the weekend 🌊, and that more than 200 homes behind it stayed dry.",
  "The council’s emergency committee will meet on Monday to decide whether the temporary barriers on the north beach — put up in January — can come down.",
];

describe("readablePage", () => {
  it("keeps the article and its metadata, without the page's navigation, ads, related links and footer", async () => {
    const result = readablePage(page, PAGE_URL);
    if (!result.ok) throw new Error(result.message);
    expect(result.page.metadata).toEqual({
      title: "Harbour wall holds as storm surge peaks",
      byline: "Mara Quint",
      source: "The Coastal Ledger",
      publishedAt: new Date("2026-03-12T06:30:00Z"),
      language: "en-GB",
      // rel=Canonical (any case), relative, resolved against the page; its fragment dropped.
      url: "https://ledger.example.com/2026/03/harbour-wall?ref=home",
    });
    // Relative links made absolute against the page's address, as they read on the page.
    expect(result.page.contentHtml).toContain('href="https://ledger.example.com/2026/authority/harbour"');
    // The content then goes through the ordinary HTML import: exact text, curly quotes, dashes and emoji intact.
    const prepared = finalizeDraft(await draftFromSource("html", result.page.contentHtml), { metadata: result.page.metadata });
    if (!prepared.ok) throw new Error(prepared.message);
    expect(prepared.value.text).toBe(PARAGRAPHS.join("\n\n"));
    const quote = "“Last winter we were bailing by midnight.”";
    const start = prepared.value.text.indexOf(quote);
    expect(prepared.value.text.slice(start, start + quote.length)).toBe(quote);
    expect(prepared.value.content.content?.[2]).toMatchObject({
      content: expect.arrayContaining([
        expect.objectContaining({
          text: "harbour authority",
          marks: [{ type: "link", attrs: expect.objectContaining({ href: "https://ledger.example.com/2026/authority/harbour" }) }],
        }),
      ]),
    });
  });

  it("falls back to og:url, then to the fetched address, for the canonical URL", () => {
    const withoutCanonical = page.replace(/<link rel="Canonical"[^>]*>/, "");
    expect(readablePage(withoutCanonical, PAGE_URL)).toMatchObject({
      ok: true,
      page: { metadata: { url: "https://ledger.example.com/og-address-not-canonical" } },
    });
    const bare = withoutCanonical.replace(/<meta property="og:url"[^>]*>/, "");
    expect(readablePage(bare, PAGE_URL)).toMatchObject({ ok: true, page: { metadata: { url: PAGE_URL } } });
    // A canonical link to something that is not a web page is no canonical address.
    const odd = page.replace('href="/2026/03/harbour-wall?ref=home#top"', 'href="javascript:alert(1)"');
    expect(readablePage(odd, PAGE_URL)).toMatchObject({
      ok: true,
      page: { metadata: { url: "https://ledger.example.com/og-address-not-canonical" } },
    });
  });

  it("reads a page without head or html element, and says so when there is no text", () => {
    const fragment = readablePage("<p>The ferry sailed at dawn — on time, for once. 🚢</p>", "https://news.example.org/ferry");
    expect(fragment).toMatchObject({ ok: true, page: { metadata: { url: "https://news.example.org/ferry" } } });
    if (fragment.ok) expect(fragment.page.contentHtml).toContain("The ferry sailed at dawn — on time, for once. 🚢");
    expect(readablePage("<html><body><img src='x.png'><script>track()</script></body></html>", "https://news.example.org/")).toEqual({
      ok: false,
      message: "no article text found on the page",
    });
  });
});
