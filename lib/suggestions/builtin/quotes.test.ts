import { describe, expect, it } from "vitest";
import { findActors } from "./actors";
import { expectExactSpans } from "./expect-spans";
import { FLOOD_COUNCIL } from "./fixtures/harbour-strike";
import { findQuotes } from "./quotes";
import { spanKey } from "./words";

/** Each quote as [its text, direct, the words of its speaker]. */
function quotes(text: string, context = {}) {
  const found = findQuotes(text, context);
  expectExactSpans(text, found);
  const actors = new Map(findActors(text).map((actor) => [actor.key, actor.text]));
  return found.map((quote) => {
    const key = quote.attributes.speakerKey;
    return [quote.text, quote.attributes.direct, key === undefined ? null : (actors.get(key) ?? key)];
  });
}

describe("quotes", () => {
  it.each([
    ["“We won,” said Nadia Okafor.", "“We won,”", "Nadia Okafor"],
    ["“We won,” Nadia Okafor said on Monday.", "“We won,”", "Nadia Okafor"],
    ["Nadia Okafor said: “We won the vote.”", "“We won the vote.”", "Nadia Okafor"],
    ['"We won the vote," Paul Brennan told AFP.', '"We won the vote,"', "Paul Brennan"],
    ["“The vote is over,” according to Paul Brennan.", "“The vote is over,”", "Paul Brennan"],
    ["“We won the vote,” officials said.", "“We won the vote,”", "officials"],
    ["“We won the vote,” Sen. Mary Jones (D-Ore.) said.", "“We won the vote,”", "Sen. Mary Jones"],
  ])("%s", (text, span, speaker) => {
    expect(quotes(text)).toEqual([[span, true, speaker]]);
  });

  it("gives a pronoun's quote to the nearest person named before", () => {
    const text = "Paul Brennan left early. Nadia Okafor stayed. “It’s not over 🚢,” she said.";
    expect(quotes(text)).toEqual([["“It’s not over 🚢,”", true, "Nadia Okafor"]]);
  });

  it("reads a quotation over paragraphs as one span, the marks included", () => {
    expect(quotes(FLOOD_COUNCIL).filter(([, direct]) => direct)).toEqual([
      ["“This wall protects 3,400 homes. It will not be built overnight.”", true, "Mayor Elena Varga"],
      ["“The river has flooded twice in five years.\n\n“We cannot ask families to wait another decade,”", true, "Mayor Elena Varga"],
    ]);
  });

  it("gives a second quotation in the paragraph the same speaker", () => {
    const text = "“We are ready,” said Nadia Okafor. “The members voted — 92% in favour.”";
    expect(quotes(text)).toEqual([
      ["“We are ready,”", true, "Nadia Okafor"],
      ["“The members voted — 92% in favour.”", true, "Nadia Okafor"],
    ]);
  });

  it("takes no scare quotes and no quoted titles", () => {
    expect(quotes("The so-called “reforms” cut pensions. Critics call it a “quick fix”.")).toEqual([]);
    expect(quotes("She reviewed “The Long Road Home” for the paper.")).toEqual([]);
  });

  it("takes a short quotation when someone says it", () => {
    expect(quotes("“No,” said Paul Brennan.")).toEqual([["“No,”", true, "Paul Brennan"]]);
  });

  it("reads an apostrophe as no quotation mark", () => {
    expect(quotes("The players’ union and the ’90s rules don’t apply, Okafor’s aide said.")).toEqual([]);
  });

  it("finds indirect quotes up to the sentence's end, not direct", () => {
    const text = "Paul Brennan said that the port would reopen on Friday. Nadia Okafor told reporters the offer was too low.";
    expect(quotes(text)).toEqual([
      ["the port would reopen on Friday", false, "Paul Brennan"],
      ["the offer was too low", false, "Nadia Okafor"],
    ]);
  });

  it("starts an indirect quote at whatever word follows a verb of saying, not only at “that” or a determiner", () => {
    const text =
      "Prosecutors said Ansel Marr had moved the money twice. Police said nine people were hurt. " +
      "The ferry company said in a statement that sailings would resume — weather allowing 🌊.";
    expect(quotes(text).map(([span, direct]) => [span, direct])).toEqual([
      ["Ansel Marr had moved the money twice", false],
      ["nine people were hurt", false],
      ["sailings would resume — weather allowing 🌊", false],
    ]);
  });

  it("finds the speaker behind an apposition, a relative clause or a second verb", () => {
    const text =
      "Joan Pryce, a lecturer at the University of Wendmoor, said the tide had turned. " +
      "The ferry ran late, according to Paul Brennan, who said the crew had been told to wait. " +
      "Residents who live near the quay said the smell had worsened.";
    expect(quotes(text)).toEqual([
      ["the tide had turned", false, "Joan Pryce"],
      ["the crew had been told to wait", false, "Paul Brennan"],
      ["the smell had worsened", false, "Residents"],
    ]);
  });

  it("reads “…, she said.” and “…, the Authority said.” as indirect quotes of the sentence before", () => {
    const text = "Joan Pryce walked the quay. The smell had worsened overnight, she said. The pier was shut, the Harbour Authority said.";
    expect(quotes(text)).toEqual([
      ["The smell had worsened overnight", false, "Joan Pryce"],
      ["The pier was shut", false, "Harbour Authority"],
    ]);
  });

  it("ends an indirect quote before the writer's own addition", () => {
    const text = "Joan Pryce said the ferry would run on Sunday, though the forecast was poor.";
    expect(quotes(text)).toEqual([["the ferry would run on Sunday", false, "Joan Pryce"]]);
  });

  it("takes what “told” and “added” do to an object for no quote", () => {
    expect(quotes("Joan Pryce told a press briefing in Wendmoor at noon. Paul Brennan added the second goal late.")).toEqual([]);
  });

  it("gives a quotation that fills its paragraph to the actor named last before it, outside quotations", () => {
    const text = "Joan Pryce spent the night on the roof 🏠.\n\n“The water came in an hour — and it did not stop.”";
    expect(quotes(text)).toEqual([["“The water came in an hour — and it did not stop.”", true, "Joan Pryce"]]);
  });

  it("takes a phrase after a verb of saying for no clause", () => {
    expect(quotes("Paul Brennan said on Monday. Nadia Okafor said so.")).toEqual([]);
  });

  it("links the speaker to an existing actor tag covering those words", () => {
    const text = "“We won,” said Nadia Okafor.";
    const start = text.indexOf("Nadia");
    const found = findQuotes(text, { actorTags: [{ id: "tag-1", start, end: start + "Nadia Okafor".length }] });
    expect(found[0]!.attributes.speakerKey).toBe("tag-1");
    expect(findQuotes(text)[0]!.attributes.speakerKey).toBe(spanKey("actor", start, start + 12));
  });
});
