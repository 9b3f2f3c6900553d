/**
 * A fetched page's bytes as text, in the encoding the page declares: a byte-order mark first (it wins over
 * everything, as in browsers), then the Content-Type header's charset, then a <meta charset> or
 * <meta http-equiv="Content-Type"> near the top (browsers look at the first 1,024 bytes; pages with long
 * heads put it later, so a little more is read), else UTF-8. Labels follow the WHATWG Encoding standard, as
 * TextDecoder does: "latin1" and "iso-8859-1" decode as windows-1252, which is what those pages mean by
 * them (curly quotes at 0x93/0x94).
 */

const PRESCAN_BYTES = 4096;

function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? "")?.[1];
}

function metaCharset(bytes: Buffer): string | undefined {
  // Charset names are ASCII, so reading the head as latin1 finds them in any ASCII-compatible encoding.
  const head = bytes.subarray(0, PRESCAN_BYTES).toString("latin1");
  for (const [tag] of head.matchAll(/<meta\b[^>]*>/gi)) {
    const direct = /\bcharset\s*=\s*["']?([^"'\s/>;]+)/i.exec(tag)?.[1];
    if (direct) return direct;
  }
  return undefined;
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return undefined; // an unknown label: the next clue decides
  }
}

// Windows-1252's 0x80-0x9F (where ISO-8859-1 has control characters); the undefined five stay as they are.
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** Node 20's TextDecoder decodes "windows-1252" as ISO-8859-1 (curly quotes become C1 controls): done here. */
function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString("latin1").replace(/[\x80-\x9f]/g, (c1) => CP1252_HIGH[c1.charCodeAt(0) - 0x80]!);
}

export function decodePage(bytes: Buffer, contentType: string | undefined): string {
  const bom =
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
      ? "utf-8"
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? "utf-16be"
        : bytes[0] === 0xff && bytes[1] === 0xfe
          ? "utf-16le"
          : undefined;
  const decoder = decoderFor(bom) ?? decoderFor(charsetOf(contentType)) ?? decoderFor(metaCharset(bytes)) ?? new TextDecoder("utf-8");
  if (decoder.encoding === "windows-1252") return decodeWindows1252(bytes);
  // TextDecoder drops a BOM of its own encoding; invalid bytes become U+FFFD rather than failing the page.
  return decoder.decode(bytes);
}
