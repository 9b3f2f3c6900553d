// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { docToText, type ArticleDoc } from "@/lib/articles/content";
import { placeTags, tagContent, type ContentTag } from "./tagged-content";
import { taggedContentHtml } from "./tagged-content-html";

const DOC: ArticleDoc = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Clerk <certifies> the “count” 🗳️" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "“We counted 1,219 ballots,” said " },
        { type: "text", text: "Ana Ruiz", marks: [{ type: "bold" }] },
        { type: "text", text: " — the clerk & <script>alert(1)</script>." },
        { type: "hardBreak" },
        { type: "text", text: "She smiled 😀 at " },
        { type: "text", text: "reporters", marks: [{ type: "link", attrs: { href: 'https://example.org/?a=1&b="2"' } }] },
        { type: "text", text: " and " },
        { type: "text", text: "critics", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
        { type: "text", text: "." },
      ],
    },
    {
      type: "orderedList",
      attrs: { start: 3 },
      content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Turnout rose to 62%." }] }] }],
    },
    { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "‘Every vote counts.’" }] }] },
  ],
};
const TEXT = docToText(DOC);

function tagOn(words: string, label: ContentTag["label"], status: ContentTag["status"] = "pending"): ContentTag {
  const at = TEXT.indexOf(words);
  const start = [...TEXT.slice(0, at)].length;
  return { label, status, start, end: start + [...words].length, text: words };
}

function render(tags: ContentTag[]): HTMLElement {
  const element = document.createElement("div");
  element.innerHTML = taggedContentHtml(tagContent(DOC, placeTags(DOC, tags)));
  return element;
}

describe("the preview's HTML", () => {
  it("shows the text as it is, markup in it escaped, and only safe links", () => {
    const element = render([]);
    expect(element.querySelector("script")).toBeNull();
    expect(element.querySelector("h2")!.textContent).toBe("Clerk <certifies> the “count” 🗳️");
    expect([...element.querySelectorAll("a")].map((link) => [link.textContent, link.getAttribute("href")])).toEqual([
      ["reporters", 'https://example.org/?a=1&b="2"'],
    ]);
    expect(element.querySelector("ol")!.getAttribute("start")).toBe("3");
    // Every character of the canonical text is there, in order (separators and breaks aside).
    expect(element.textContent).toBe(TEXT.replace(/\n/g, ""));
  });

  it("wraps each tag's words, overlaps and all, in elements with its look", () => {
    const tags = [
      tagOn("Ana Ruiz", "actor", "accepted"),
      tagOn("“We counted 1,219 ballots,”", "quote"),
      tagOn("1,219 ballots,” said Ana", "claim"),
      tagOn("😀 at reporters", "figure", "rejected"),
    ];
    const element = render(tags);
    const wordsOf = (selector: string) => [...element.querySelectorAll(selector)].map((span) => span.textContent).join("");
    expect(wordsOf(".margin-tag--actor")).toBe("Ana Ruiz");
    expect(element.querySelector(".margin-tag--actor")!.className).toBe("margin-tag margin-tag--actor margin-tag--accepted");
    expect(wordsOf(".margin-tag--quote")).toBe("“We counted 1,219 ballots,”");
    expect(wordsOf(".margin-tag--claim")).toBe("1,219 ballots,” said Ana");
    expect(wordsOf(".margin-tag--figure.margin-tag--rejected")).toBe("😀 at reporters");
    expect(element.textContent).toBe(TEXT.replace(/\n/g, ""));
  });
});
