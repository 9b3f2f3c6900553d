import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import type { OffsetUnit } from "@/lib/tags/offsets";
import schema from "@/lib/export/schema.json";
import type { ExportArticle } from "@/lib/export/shape";
import { relationsOf } from "@/lib/export/build";
import { attributionKeys, snakeCase } from "./attribution";
import { exportHeader, fixtureArticles, PEOPLE, runExport, sliceIn, tagOver } from "./fixtures";

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
addFormats(ajv);
ajv.addSchema(schema);
const validate = { quote: ajv.getSchema(`${schema.$id}#/$defs/quoteRow`)!, claim: ajv.getSchema(`${schema.$id}#/$defs/claimRow`)! };

// Emoji (one with a skin tone, one with a variation selector) before every quote, so that code points and
// UTF-16 units disagree; curly quotes and an em dash in the words.
const TEXT = "👍🏽 “Yes — we will,” said the mayor 🗳️. “+1 to that,” said Ana Ruiz. “Never,” someone shouted.";

function quotesArticle(): ExportArticle {
  const t = TEXT;
  const tags = [
    tagOver(t, "the mayor", { id: "a-mayor", label: "actor", attributes: { actorId: "rec-mayor", actorName: "Mayor Li" } }),
    tagOver(t, "Ana Ruiz", { id: "a-ana", label: "actor", authors: [PEOPLE.ben], attributes: { canonicalName: "Ana Ruiz" } }),
    tagOver(t, "“Yes — we will,”", { id: "q-yes", label: "quote", attributes: { speakerId: "a-mayor", direct: true } }),
    tagOver(t, "“+1 to that,”", { id: "q-plus", label: "quote", status: "accepted", attributes: { speakerId: "a-ana", direct: false } }),
    tagOver(t, "“Never,”", { id: "q-never", label: "quote" }),
  ].sort((a, b) => a.start - b.start || a.end - b.end);
  return {
    id: "art-quotes",
    title: "Yes, said the mayor",
    byline: null,
    source: "The Ledger",
    url: "https://news.example/yes",
    publishedAt: "2026-03-04T05:06:07.000Z",
    language: "en",
    status: "in_review",
    text: t,
    tags,
    relations: relationsOf(tags),
  };
}

const articles = () => [...fixtureArticles(), quotesArticle()];
const linesOf = (format: "quotes-jsonl" | "claims-jsonl", unit: OffsetUnit) =>
  runExport(format, exportHeader(unit), articles())
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("quotes and claims datasets", () => {
  it.each<OffsetUnit>(["codepoint", "utf16"])("write one line per quote, its offsets slicing the text in %s", (unit) => {
    const rows = linesOf("quotes-jsonl", unit);
    const texts = new Map(articles().map((article) => [article.id, article.text]));
    expect(rows.map((row) => row.quoteId)).toEqual(["q1", "q-yes", "q-plus", "q-never"]);
    for (const row of rows) {
      expect(validate.quote(row), JSON.stringify(validate.quote.errors)).toBe(true);
      expect(Object.keys(row)).toEqual(attributionKeys("quote"));
      expect(sliceIn(texts.get(row.articleId as string)!, row.start as number, row.end as number, unit)).toBe(row.text);
    }
    // Past "👍🏽 " the units disagree: two astral code points, four UTF-16 units.
    expect(rows[1]!.start).toBe(unit === "codepoint" ? 3 : 5);
  });

  it("names each quote's speaker tag and the record it counts for, or nulls", () => {
    const rows = Object.fromEntries(linesOf("quotes-jsonl", "codepoint").map((row) => [row.quoteId, row]));
    expect(rows["q-yes"]).toEqual({
      quoteId: "q-yes",
      text: "“Yes — we will,”",
      start: 3,
      end: 19,
      direct: true,
      status: "pending",
      articleId: "art-quotes",
      articleTitle: "Yes, said the mayor",
      articleUrl: "https://news.example/yes",
      articlePublishedAt: "2026-03-04T05:06:07.000Z",
      articleSource: "The Ledger",
      speakerTagId: "a-mayor",
      speakerText: "the mayor",
      speakerActorId: "rec-mayor",
      speakerActorName: "Mayor Li",
    });
    // A speaker tag linked to no record, and a quote with no speaker (and no `direct`).
    expect(rows["q-plus"]).toMatchObject({ direct: false, status: "accepted", speakerTagId: "a-ana", speakerText: "Ana Ruiz" });
    expect(rows["q-plus"]).toMatchObject({ speakerActorId: null, speakerActorName: null });
    expect(rows["q-never"]).toMatchObject({ direct: null, speakerTagId: null, speakerText: null, speakerActorId: null });
    // The fixture's quote by a minister whose record is rec-alvarez.
    expect(rows.q1).toMatchObject({ articleId: "art-news", speakerActorId: "rec-alvarez", speakerActorName: "Zoë Álvarez" });
  });

  it("leaves the speaker out when the export left the speaker tag out, as the relations do", () => {
    const article = quotesArticle();
    const tags = article.tags.filter((tag) => tag.label === "quote");
    const filtered = { ...article, tags, relations: relationsOf(tags) };
    const out = runExport("quotes-jsonl", exportHeader("codepoint"), [filtered]);
    const rows = out
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.map((row) => [row.quoteId, row.speakerTagId, row.speakerActorId])).toEqual([
      ["q-yes", null, null],
      ["q-plus", null, null],
      ["q-never", null, null],
    ]);
  });

  it.each<OffsetUnit>(["codepoint", "utf16"])("write one line per claim with its source (%s)", (unit) => {
    const rows = linesOf("claims-jsonl", unit);
    expect(rows.map((row) => [row.claimId, row.sourceTagId, row.sourceActorId, row.sourceActorName])).toEqual([
      ["c1", "a1", "rec-alvarez", "Zoë Álvarez"],
      ["c3", null, null, null],
      ["c2", null, null, null],
      ["c-polls", "a-mayor", "rec-mayor", "@Mayor’s office 🗳️"],
    ]);
    const texts = new Map(articles().map((article) => [article.id, article.text]));
    for (const row of rows) {
      expect(validate.claim(row), JSON.stringify(validate.claim.errors)).toBe(true);
      expect(row).not.toHaveProperty("direct");
      expect(sliceIn(texts.get(row.articleId as string)!, row.start as number, row.end as number, unit)).toBe(row.text);
    }
  });

  it("write the same rows as CSV under snake_case columns, cells a spreadsheet would run kept as text", () => {
    const quotes = runExport("quotes-csv", exportHeader("utf16"), articles()).split("\r\n");
    expect(quotes[0]).toBe(attributionKeys("quote").map(snakeCase).join(","));
    expect(quotes[0]).toMatch(/^quote_id,text,start,end,direct,status,article_id,.*,speaker_actor_id,speaker_actor_name$/);
    expect(quotes.slice(2, 4)).toEqual([
      'q-yes,"“Yes — we will,”",5,21,true,pending,art-quotes,"Yes, said the mayor",https://news.example/yes,2026-03-04T05:06:07.000Z,The Ledger,a-mayor,the mayor,rec-mayor,Mayor Li',
      'q-plus,"“+1 to that,”",42,55,false,accepted,art-quotes,"Yes, said the mayor",https://news.example/yes,2026-03-04T05:06:07.000Z,The Ledger,a-ana,Ana Ruiz,,',
    ]);
    const claims = runExport("claims-csv", exportHeader("codepoint"), articles()).split("\r\n");
    expect(claims[0]).toMatch(/^claim_id,text,start,end,status,.*,source_tag_id,source_text,source_actor_id,source_actor_name$/);
    // The record's name starts with "@": an apostrophe keeps a spreadsheet from running it.
    expect(claims.find((line) => line.startsWith("c-polls,"))).toMatch(/,a-mayor,the mayor 🗳️,rec-mayor,'@Mayor’s office 🗳️$/);
  });
});
