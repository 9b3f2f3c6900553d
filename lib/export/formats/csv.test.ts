import { describe, expect, it } from "vitest";
import type { OffsetUnit } from "@/lib/tags/offsets";
import { CSV_COLUMNS, csvField, neutralizeFormula } from "./csv";
import { exportHeader, fixtureArticles, MAYOR_RECORD_NAME, newsArticle, runExport, sliceIn } from "./fixtures";

/** A strict RFC 4180 reader: CRLF between records, quoted fields may hold anything, quotes doubled. */
function parseCsv(input: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let at = 0;
  while (at < input.length) {
    if (input[at] === '"' && field === "") {
      at++;
      for (;;) {
        if (at >= input.length) throw new Error("unterminated quoted field");
        if (input[at] === '"' && input[at + 1] === '"') {
          field += '"';
          at += 2;
        } else if (input[at] === '"') break;
        else field += input[at++];
      }
      at++;
      if (at < input.length && input[at] !== "," && input[at] !== "\r") throw new Error(`text after a closing quote at ${at}`);
    } else if (input[at] === ",") {
      record.push(field);
      field = "";
      at++;
    } else if (input[at] === "\r") {
      if (input[at + 1] !== "\n") throw new Error(`a bare CR at ${at}`);
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      at += 2;
    } else {
      if (input[at] === '"' || input[at] === "\n") throw new Error(`an unquoted ${JSON.stringify(input[at])} at ${at}`);
      field += input[at++];
    }
  }
  if (field !== "" || record.length) throw new Error("the last record does not end with CRLF");
  return records;
}

function rowsOf(unit: OffsetUnit) {
  const [head, ...rows] = parseCsv(runExport("csv", exportHeader(unit), fixtureArticles()));
  expect(head).toEqual([...CSV_COLUMNS]);
  for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
  return rows.map(
    (row) => Object.fromEntries(CSV_COLUMNS.map((column, index) => [column, row[index]!])) as Record<(typeof CSV_COLUMNS)[number], string>,
  );
}

describe("csv writer", () => {
  it("quotes only the fields that need it", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "yes"')).toBe('"say ""yes"""');
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(false)).toBe("false");
    expect(csvField(4.5)).toBe("4.5");
  });

  it("writes one row per tag, none for an article without tags", () => {
    const rows = rowsOf("codepoint");
    expect(rows.map((row) => row.tag_id)).toEqual(fixtureArticles().flatMap((item) => item.tags.map((tag) => tag.id)));
    expect(rows.some((row) => row.article_id === "art-empty")).toBe(false);
  });

  it.each<OffsetUnit>(["codepoint", "utf16"])("round-trips quotes, commas and line breaks, and slices each tag in %s", (unit) => {
    const articles = new Map(fixtureArticles().map((item) => [item.id, item]));
    for (const row of rowsOf(unit)) {
      const item = articles.get(row.article_id)!;
      const tag = item.tags.find((candidate) => candidate.id === row.tag_id)!;
      expect(row.article_title).toBe(item.title);
      // Exact, but for the apostrophe that keeps a spreadsheet from running a cell as a formula.
      expect([row.text, row.prefix, row.suffix, row.note]).toEqual(
        [tag.text, tag.prefix, tag.suffix, tag.note ?? ""].map(neutralizeFormula),
      );
      expect(sliceIn(item.text, Number(row.start), Number(row.end), unit)).toBe(tag.text);
    }
  });

  it("flattens authors, the last decision and the attributes into fixed columns", () => {
    const rows = new Map(rowsOf("codepoint").map((row) => [row.tag_id, row]));
    expect(rows.get("a1")).toMatchObject({
      label: "actor",
      authors: "ana@example.com; ben@example.com",
      actor_canonical_name: "Zoë Álvarez",
      actor_kind: "person",
      actor_id: "rec-alvarez",
      actor_name: "Zoë Álvarez",
      quote_speaker_id: "",
      figure_value: "",
    });
    // An actor linked to no record has empty record columns; a record's name a spreadsheet would run is text.
    expect(rows.get("a2")).toMatchObject({ actor_id: "", actor_name: "" });
    expect(rows.get("a-mayor")).toMatchObject({ actor_id: "rec-mayor", actor_name: `'${MAYOR_RECORD_NAME}` });
    expect(rows.get("q1")).toMatchObject({
      status: "accepted",
      reviewed_by: "rita@example.com",
      decision_comment: 'Checked, "verbatim"',
      quote_speaker_id: "a1",
      quote_direct: "true",
    });
    expect(rows.get("f2")).toMatchObject({
      status: "rejected",
      decision_comment: "Unit unclear,\r\nask the desk",
      figure_value: "4.5",
      figure_unit: "",
      figure_approximate: "true",
      note: 'Converted, "roughly"\nsee: budget table, p. 4',
    });
    expect(rows.get("f1")).toMatchObject({
      text: "1,219 voters 🗳️",
      figure_value: "1219",
      figure_unit: "voters",
      figure_approximate: "false",
    });
    expect(rows.get("c1")).toMatchObject({
      claim_source_id: "a1",
      reviewed_by: "",
      decision_comment: "",
      created_at: "2026-03-01T09:00:00.000Z",
      updated_at: "2026-03-02T10:30:00.000Z",
    });
    // The second paragraph's tag carries the paragraph break in its prefix.
    expect(rows.get("a3")!.prefix).toContain("👍🏽.\n\n");
  });

  it("writes the same bytes twice", () => {
    expect(runExport("csv", exportHeader("utf16"), [newsArticle()])).toBe(runExport("csv", exportHeader("utf16"), [newsArticle()]));
  });
});

describe("cells a spreadsheet would run", () => {
  it.each([
    ['=HYPERLINK("https://evil.example","click")', '\'=HYPERLINK("https://evil.example","click")'],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["@SUM(1+9)*cmd|' /C calc'!A0", "'@SUM(1+9)*cmd|' /C calc'!A0"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
  ])("neutralises %j with a leading apostrophe (OWASP)", (value, expected) => {
    expect(neutralizeFormula(value)).toBe(expected);
    expect(csvField(value)).toBe(/[",\r\n]/.test(expected) ? `"${expected.replaceAll('"', '""')}"` : expected);
  });

  it("leaves ordinary text and plain numbers as they are", () => {
    for (const value of ["“We counted”", "-5", "+3.5", "1,219", "— the clerk", "e-mail", "a=b"])
      expect(neutralizeFormula(value)).toBe(value);
    expect(csvField(-5)).toBe("-5");
  });
});
