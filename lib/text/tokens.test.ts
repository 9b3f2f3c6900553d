import { describe, expect, it } from "vitest";
import { sentences, tokenize, TOKEN_PATTERN } from "./tokens";

const words = (text: string) => tokenize(text).map((token) => text.slice(token.start, token.end));

describe("tokenize", () => {
  it("keeps figures, units and contractions whole, and splits punctuation and dashes off", () => {
    expect(words("“We counted 1,219 ballots,” said Ana Ruiz — the county’s clerk; 140 km/h winds, U.S. aid.")).toEqual([
      "“",
      "We",
      "counted",
      "1,219",
      "ballots",
      ",",
      "”",
      "said",
      "Ana",
      "Ruiz",
      "—",
      "the",
      "county’s",
      "clerk",
      ";",
      "140",
      "km/h",
      "winds",
      ",",
      "U.S",
      ".",
      "aid",
      ".",
    ]);
  });

  it("keeps an emoji with its modifiers and joiners as one token, never splitting a character", () => {
    expect(words("Vote 🗳️ now 👍🏽, family 👨‍👩‍👧 and 🇺🇦 flag; é (e + accent) and 1️⃣.")).toEqual([
      "Vote",
      "🗳️",
      "now",
      "👍🏽",
      ",",
      "family",
      "👨‍👩‍👧",
      "and",
      "🇺🇦",
      "flag",
      ";",
      "é",
      "(",
      "e",
      "+",
      "accent",
      ")",
      "and",
      "1️⃣",
      ".",
    ]);
  });

  it("finds exactly what the reference pattern finds, on random text of every kind of character", () => {
    const alphabet = [
      "a",
      "Z",
      "9",
      " ",
      "\n",
      "\u00a0",
      "'",
      "’",
      "-",
      ".",
      ",",
      ":",
      "/",
      "“",
      "”",
      "—",
      "é",
      "\u0301",
      "ß",
      "漢",
      "字",
      "🗳",
      "\ufe0f",
      "👍",
      "🏽",
      "\u200d",
      "🇺",
      "🇦",
      "©",
      "\ud800",
      "%",
      "#",
      "1",
      "\u20e3",
      "أ",
      "ب",
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 2000; round++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 40) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
      const reference = [...text.matchAll(TOKEN_PATTERN)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
      expect(tokenize(text), JSON.stringify(text)).toEqual(reference);
    }
  });
});

describe("sentences", () => {
  it("ends sentences at stops before capitals, keeps closing quotes, skips abbreviations, and breaks at paragraphs", () => {
    const text = "“It rained,” said Dr. Osei. Then 200 left! Why?\n\nA new paragraph without a stop\nand a line";
    const grouped = sentences(text).map((sentence) => sentence.map((token) => text.slice(token.start, token.end)).join(" "));
    expect(grouped).toEqual([
      "“ It rained , ” said Dr . Osei .",
      "Then 200 left !",
      "Why ?",
      "A new paragraph without a stop",
      "and a line",
    ]);
  });
});
