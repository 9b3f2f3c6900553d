import { Node as PMNode } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import { textToDoc } from "@/lib/articles/content";
import { articleSchema } from "./extensions";
import { snapRange, snapToCharacters, snapToWords } from "./word-snap";

describe("snapping a selection to words", () => {
  const text = "The city’s mayor said 1,219 homes 🏠 flooded — twice.";
  const range = (from: string, to: string) => [text.indexOf(from), text.indexOf(to) + to.length] as const;
  const snapped = (from: number, to: number) => {
    const result = snapRange(text, from, to);
    return text.slice(result.from, result.to);
  };

  it("widens a selection that starts or ends inside a word", () => {
    expect(snapped(text.indexOf("ity"), text.indexOf("yor") + 1)).toBe("city’s mayor");
    expect(snapped(text.indexOf("219"), text.indexOf("219") + 2)).toBe("1,219");
  });

  it("does not take a possessive's ’s into a name selected without it, but keeps a word's own apostrophe", () => {
    const names = "Ingrid’s plan and Tom's boat don't sink.";
    const snap = (from: number, to: number) => {
      const result = snapRange(names, from, to);
      return names.slice(result.from, result.to);
    };
    expect(snap(0, "Ingrid".length)).toBe("Ingrid");
    expect(snap(2, 4)).toBe("Ingrid");
    expect(snap(0, "Ingrid’s".length)).toBe("Ingrid’s");
    expect(snap(names.indexOf("Tom"), names.indexOf("Tom") + 3)).toBe("Tom");
    expect(snap(names.indexOf("don"), names.indexOf("don") + 3)).toBe("don't");
  });

  it("drops spaces caught at the edges and keeps punctuation outside words out", () => {
    const [start, end] = range(" said", "homes ");
    expect(snapped(start, end)).toBe("said 1,219 homes");
    expect(snapped(text.indexOf("twice"), text.length)).toBe("twice.");
  });

  it("leaves a selection of whole words, or of punctuation only, as it is", () => {
    const [start, end] = range("mayor", "said");
    expect(snapped(start, end)).toBe("mayor said");
    expect(snapped(text.indexOf("—"), text.indexOf("—") + 1)).toBe("—");
  });

  it("works across paragraphs in a document", () => {
    const doc = PMNode.fromJSON(articleSchema, textToDoc("First paragraph ends here.\n\nSecond one starts."));
    // Positions: paragraph 1 text starts at 1; paragraph 2 text at 1 + 26 + 2.
    const from = 1 + "First paragraph ".length + 2; // inside "ends"
    const to = 1 + 26 + 2 + 3; // inside "Second"
    const result = snapToWords(doc, from, to);
    expect(doc.textBetween(result.from, result.to, "\n\n")).toBe("ends here.\n\nSecond");
  });

  it("never ends inside a grapheme cluster: a joined emoji and a letter with its combining accent stay whole", () => {
    const doc = PMNode.fromJSON(articleSchema, textToDoc("Coder 👩‍💻 met Adébáyọ̀ today."));
    const text = doc.textBetween(1, doc.content.size - 1);
    const at = (needle: string, extra = 0) => 1 + text.indexOf(needle) + extra;
    // A drag ending after the woman, before the joiner and the laptop.
    const emoji = snapToWords(doc, at("👩"), at("👩", 2));
    expect(doc.textBetween(emoji.from, emoji.to)).toBe("👩‍💻");
    // Alt held: exact characters, but not half of one.
    const exact = snapToCharacters(doc, at("met"), at("ọ̀", 1));
    expect(doc.textBetween(exact.from, exact.to)).toBe("met Adébáyọ̀");
    const plain = snapToCharacters(doc, at("met"), at("met", 2));
    expect(doc.textBetween(plain.from, plain.to)).toBe("me");
  });
});
