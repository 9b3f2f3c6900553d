import { describe, expect, it } from "vitest";
import { GoldMarkupError, parseGoldArticle } from "./gold-markup";

const HEADER = "title: A test\nactor lind person Mara Lindqvist\nactor okafor person Daniel Okafor\n---\n";

const parse = (body: string, header = HEADER) => parseGoldArticle("test", header + body);

describe("parseGoldArticle", () => {
  it("strips the markup and gives each tag exact offsets in UTF-16 and code points", () => {
    const article = parse("🙃 [[actor:lind|Łukasz’s friend Mara]] paid [[figure value=52000000 unit=EUR approx|about €52 million]].");
    expect(article.text).toBe("🙃 Łukasz’s friend Mara paid about €52 million.");
    expect(article.title).toBe("A test");
    const [actor, figure] = article.tags;
    expect(actor).toMatchObject({ id: "actor-1", label: "actor", start: 3, end: 23, startCodePoint: 2, endCodePoint: 22 });
    expect(actor!.attributes).toEqual({ actor: "lind", canonicalName: "Mara Lindqvist", kind: "person" });
    expect(figure!.attributes).toEqual({ value: 52000000, unit: "EUR", approximate: true });
    for (const tag of article.tags) {
      expect(article.text.slice(tag.start, tag.end)).toBe(tag.text);
      expect([...article.text].slice(tag.startCodePoint, tag.endCodePoint).join("")).toBe(tag.text);
    }
  });

  it("nests tags, orders them by start, and links a quote to the speaker's nearest mention in its paragraph", () => {
    const article = parse(
      "[[actor:lind|Lindqvist]] spoke first.\n\n[[quote speaker=lind|“[[actor:okafor|Okafor]] is wrong,”]] said [[actor:lind|Lindqvist]]. [[actor:lind|Lindqvist]] left.",
    );
    expect(article.tags.map((tag) => `${tag.id} ${tag.text}`)).toEqual([
      "actor-1 Lindqvist",
      "quote-2 “Okafor is wrong,”",
      "actor-3 Okafor",
      "actor-4 Lindqvist",
      "actor-5 Lindqvist",
    ]);
    expect(article.tags[1]!.attributes).toEqual({ speakerId: "actor-4", speakerActor: "lind", direct: true });
  });

  it("links to the nearest earlier paragraph's mention when the quote's own paragraphs have none, or to the side asked for", () => {
    const body =
      "[[actor:lind|Lindqvist]] said:\n\n[[quote speaker=lind|“One.\n\n“Two.”]]\n\n[[claim source=lind>|Prices will fall]], [[actor:okafor|Okafor]] and [[actor:lind|Lindqvist]] believe.";
    const article = parse(body);
    const quote = article.tags.find((tag) => tag.label === "quote")!;
    const claim = article.tags.find((tag) => tag.label === "claim")!;
    expect(quote.text).toBe("“One.\n\n“Two.”");
    expect(quote.attributes.speakerId).toBe("actor-1");
    expect(article.tags.find((tag) => tag.id === claim.attributes.sourceId)!.start).toBeGreaterThan(claim.end);
    const before = parse(body.replace("source=lind>", "source=lind<"));
    expect(before.tags.find((tag) => tag.label === "claim")!.attributes.sourceId).toBe("actor-1");
  });

  it("reads indirect quotes, claims without a source and figures without a value or unit", () => {
    const article = parse(
      "[[actor:lind|Lindqvist]] said [[quote speaker=lind indirect|it rose to [[figure value=null unit=null approx|between 40 and 60]]]]. [[claim|The data show a rise]].",
    );
    expect(article.tags.map((tag) => tag.attributes)).toEqual([
      { actor: "lind", canonicalName: "Mara Lindqvist", kind: "person" },
      { speakerId: "actor-1", speakerActor: "lind", direct: false },
      { value: null, unit: null, approximate: true },
      {},
    ]);
  });

  it.each([
    ["no divider", "title: x\nno body", /no `---` line/],
    ["no title", "actor a person A\n---\nText.", /no title/],
    ["an unknown actor kind", "title: x\nactor a robot A\n---\nText.", /unknown kind "robot"/],
    ["an unknown label", `${HEADER}A [[person|B]].`, /unknown label "person"/],
    ["an unclosed tag", `${HEADER}A [[actor:lind|B.`, /never closed/],
    ["a stray closing", `${HEADER}A B]] C.`, /without a tag to close/],
    ["a stray bar", `${HEADER}A | B.`, /stray markup/],
    ["an empty tag", `${HEADER}A [[actor:lind|]] B.`, /empty actor tag/],
    ["an undeclared actor", `${HEADER}A [[actor:nobody|B]].`, /unknown key "nobody"/],
    ["a quote without a speaker", `${HEADER}[[quote|“Hi.”]]`, /needs a speaker/],
    ["a speaker never mentioned", `${HEADER}[[quote speaker=okafor|“Hi.”]]`, /has no actor tag/],
    ["a figure without a value", `${HEADER}[[figure unit=km|4 km]]`, /needs value=/],
    ["a figure value that is no number", `${HEADER}[[figure value=four unit=km|4 km]]`, /is not a number/],
    ["an attribute the label does not take", `${HEADER}[[actor:lind kind=person|A]]`, /unexpected attribute "kind"/],
    ["a text that is not canonical", `${HEADER}One.\n\n\nTwo. `, /not canonical/],
  ])("refuses %s, saying where", (_case, source, message) => {
    expect(() => parseGoldArticle("bad", source)).toThrow(GoldMarkupError);
    expect(() => parseGoldArticle("bad", source)).toThrow(message);
  });
});
