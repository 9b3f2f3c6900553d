/**
 * The `brat` format: a zip holding one brat collection, the folder `<project slug>/` with brat's
 * `annotation.conf` and `visual.conf`, and per article `<article id>.txt` (the text exactly, UTF-8) and
 * `<article id>.ann` (its standoff annotation: brat-standoff.ts). Unzipped into brat's data directory, the
 * folder is a collection brat opens as it is.
 *
 * The zip streams like every other format: fflate's `Zip` writes each file's entry as soon as it is
 * deflated (a local header, the data, a data descriptor), so an article's bytes leave with the article,
 * and the central directory, a few dozen bytes per file, is written by `end`. Entries carry a fixed date,
 * so that the same data gives the same bytes. A zip without ZIP64 holds at most 65,535 entries and 4 GiB:
 * BRAT_MAX_ARTICLES keeps an export well inside the first, and the export refuses more before it starts.
 */
import { strToU8, Zip, ZipDeflate } from "fflate";
import type { ExportArticle, ExportHeader } from "@/lib/export/shape";
import { ANNOTATION_CONF, annDocument, VISUAL_CONF } from "./brat-standoff";
import type { FormatWriter } from "./types";

/** Two entries per article, two for the configuration: under the 65,535 entries of a plain zip. */
export const BRAT_MAX_ARTICLES = 32_000;

/** Zip entries' date: fixed, so that two exports of the same data are the same bytes. DOS dates start in 1980. */
const ENTRY_DATE = new Date(2000, 0, 1);

export function createBratWriter(header: ExportHeader): FormatWriter {
  const folder = `${header.project.slug}/`;
  let pending: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    pending.push(data);
  });
  const add = (name: string, text: string) => {
    const file = new ZipDeflate(`${folder}${name}`, { level: 6 });
    file.mtime = ENTRY_DATE;
    zip.add(file);
    // ZipDeflate is synchronous: the entry's bytes are in `pending` when push returns.
    file.push(strToU8(text), true);
  };
  const take = (): Uint8Array => {
    const parts = pending;
    pending = [];
    if (parts.length === 1) return parts[0]!;
    const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.byteLength;
    }
    return bytes;
  };
  return {
    format: "brat",
    contentType: "application/zip",
    extension: "zip",
    offsetUnit: "codepoint",
    begin: () => {
      add("annotation.conf", ANNOTATION_CONF);
      add("visual.conf", VISUAL_CONF);
      return take();
    },
    article: (article: ExportArticle, index: number) => {
      if (index >= BRAT_MAX_ARTICLES) throw new Error(`A brat export holds at most ${BRAT_MAX_ARTICLES} articles`);
      add(`${article.id}.txt`, article.text);
      add(`${article.id}.ann`, annDocument(article));
      return take();
    },
    end: () => {
      zip.end();
      return take();
    },
  };
}
