import { describe, expect, it } from "vitest";
import { itemsFromFile } from "./import-files";

const bytes = (value: string | number[]) => (typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(value));

describe("itemsFromFile", () => {
  it("picks the source kind from the extension", () => {
    expect(itemsFromFile("a.TXT", bytes("x"))).toEqual([{ label: "a.TXT", kind: "text", source: "x", fileName: "a.TXT" }]);
    expect(itemsFromFile("dir/b.md", bytes("x"))[0]).toMatchObject({ label: "dir/b.md", kind: "markdown" });
    expect(itemsFromFile("c.htm", bytes("<p>x</p>"))[0]).toMatchObject({ kind: "html" });
    expect(itemsFromFile("d.docx", bytes("PK\u0003\u0004rest"))[0]).toMatchObject({ kind: "docx" });
  });

  it("gives each bad file a clear reason", () => {
    const error = (name: string, content: Buffer, max?: number) => (itemsFromFile(name, content, max)[0] as { error: string }).error;
    expect(error("empty.txt", bytes(""))).toBe("file is empty");
    expect(error("blank.txt", bytes(" \n\t\r\n "))).toBe("file contains only whitespace");
    expect(error("photo.txt", bytes([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toBe("binary file, not text");
    expect(error("latin1.txt", bytes([0x63, 0x61, 0x66, 0xe9]))).toBe("not valid UTF-8 text (save it as UTF-8 and try again)");
    expect(error("big.txt", Buffer.alloc(2048, 0x61), 1024)).toBe("file is 2 KB, over the 1 KB limit");
    expect(error("notes.pdf", bytes("%PDF"))).toMatch(/^unsupported file type "\.pdf"; supported: \.txt/);
    expect(error("Makefile", bytes("x"))).toMatch(/^unsupported file type "\(none\)"/);
    expect(error("fake.docx", bytes("hello"))).toBe("not a .docx file (not a ZIP archive)");
  });

  it("expands JSONL line by line, reporting a malformed line by its number while keeping the others", () => {
    const content = [
      '{"title":"One","text":"First body"}',
      "",
      "{not json",
      '{"html":"<p>Third</p>","source":"Wire"}',
      '{"title":"No body"}',
      '{"text":"x","url":"ftp://nope"}',
    ].join("\n");
    const items = itemsFromFile("batch.jsonl", bytes(content));
    expect(items).toEqual([
      { label: "batch.jsonl line 1", kind: "text", source: "First body", input: { title: "One" } },
      { label: "batch.jsonl line 3", error: expect.stringMatching(/^invalid JSON: /) },
      { label: "batch.jsonl line 4", kind: "html", source: "<p>Third</p>", input: { source: "Wire" } },
      { label: "batch.jsonl line 5", error: "text: give either text or html (exactly one)" },
      { label: "batch.jsonl line 6", error: "url: url must be an http(s) address" },
    ]);
  });

  it("reads a JSON array (or one object) of articles", () => {
    expect(itemsFromFile("a.json", bytes('[{"text":"A"},{"text":"B","publishedAt":"2026-03-12"}]'))).toEqual([
      { label: "a.json #1", kind: "text", source: "A", input: {} },
      { label: "a.json #2", kind: "text", source: "B", input: { publishedAt: new Date("2026-03-12T00:00:00Z") } },
    ]);
    expect(itemsFromFile("one.json", bytes('{"text":"A","language":"pt-BR"}'))).toEqual([
      { label: "one.json", kind: "text", source: "A", input: { language: "pt-BR" } },
    ]);
    expect(itemsFromFile("bad.json", bytes("[1,"))[0]).toMatchObject({ error: expect.stringMatching(/^invalid JSON/) });
  });

  it("fails an entry holding an escaped NUL or lone surrogate, as a NUL byte fails a text file", () => {
    expect(itemsFromFile("a.json", bytes('[{"text":"A"},{"text":"B","url":"https://a.example/\\u0000"}]'))).toEqual([
      { label: "a.json #1", kind: "text", source: "A", input: {} },
      { label: "a.json #2", error: "url holds a NUL character or an unpaired surrogate, which cannot be stored" },
    ]);
    expect(itemsFromFile("b.jsonl", bytes('{"text":"half \\ud83c emoji"}'))).toEqual([
      { label: "b.jsonl line 1", error: "text holds a NUL character or an unpaired surrogate, which cannot be stored" },
    ]);
    expect(itemsFromFile("c.json", bytes('{"text":"a whole \\ud83c\\udf0a emoji — “quoted”"}'))).toEqual([
      { label: "c.json", kind: "text", source: "a whole 🌊 emoji — “quoted”", input: {} },
    ]);
  });
});
