import { describe, expect, it } from "vitest";
import { decodePage } from "./decode-page";

const latin1Page = (meta: string) =>
  Buffer.concat([
    Buffer.from(`<html><head>${meta}</head><body><p>`),
    Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x97, 0x20, 0x6f, 0x6b]),
    Buffer.from("</p></body></html>"),
  ]);

describe("decodePage", () => {
  it("decodes by the header's charset, latin1 meaning windows-1252 (curly quotes, em dash)", () => {
    expect(decodePage(latin1Page(""), "text/html; charset=ISO-8859-1")).toContain("<p>“Café” — ok</p>");
    expect(decodePage(latin1Page(""), 'text/html;charset="windows-1252"')).toContain("<p>“Café” — ok</p>");
  });

  it("decodes by a meta charset or http-equiv when the header has none", () => {
    expect(decodePage(latin1Page('<meta charset="latin1">'), "text/html")).toContain("“Café” — ok");
    expect(decodePage(latin1Page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'), "text/html")).toContain(
      "“Café” — ok",
    );
  });

  it("reads UTF-8 by default, and lets a byte-order mark win over a wrong header", () => {
    const utf8 = Buffer.from("<p>“Café” — 🌊</p>");
    expect(decodePage(utf8, "text/html")).toBe("<p>“Café” — 🌊</p>");
    expect(decodePage(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), "text/html; charset=iso-8859-1")).toBe("<p>“Café” — 🌊</p>");
    expect(decodePage(utf8, "text/html; charset=no-such-charset")).toBe("<p>“Café” — 🌊</p>");
  });
});
