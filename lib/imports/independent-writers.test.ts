/**
 * Every foreign format as an independent writer produces it (lib/testing/foreign-writers, built from each
 * format's documentation, not from Margin's exporters), imported through the API into the real database:
 * each tag lands on exactly its words in the stored text, the sample's actor and quote come through, and
 * formats that carry relations bring the quote's speaker.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as annotatedRoute from "@/app/api/projects/[slug]/imports/annotated/route";
import { prisma } from "@/lib/db/prisma";
import { person, type Person } from "@/lib/export/test-support";
import { createProjectWith } from "@/lib/testing/factories";
import {
  writeBrat,
  writeBratZip,
  writeConll,
  writeDoccano,
  writeLabelStudio,
  writeProdigy,
  writeW3c,
  type WrittenFile,
} from "@/lib/testing/foreign-writers";
import { sampleDataset } from "@/lib/testing/foreign-writers/sample";

let editor: Person;
beforeAll(async () => {
  editor = await person("Editor");
});

const MAP = "PER=actor,ORG=actor,LOC=actor,QUOTE=quote,FIGURE=figure";
const QUOTE = "“We will rebuild — every 👩‍👩‍👧 home.”";

const cases: { name: string; files: () => WrittenFile[]; links: boolean; quote: boolean }[] = [
  { name: "labelstudio", files: () => [writeLabelStudio(sampleDataset())], links: true, quote: true },
  { name: "doccano", files: () => [writeDoccano(sampleDataset(), "sequence")], links: false, quote: true },
  { name: "doccano", files: () => [writeDoccano(sampleDataset(), "relation")], links: true, quote: true },
  { name: "spacy", files: () => [writeProdigy(sampleDataset())], links: true, quote: true },
  { name: "w3c", files: () => writeW3c(sampleDataset(), "collection"), links: true, quote: true },
  { name: "w3c", files: () => writeW3c(sampleDataset(), "recogito"), links: true, quote: true },
  { name: "brat", files: () => writeBrat(sampleDataset()), links: true, quote: true },
  { name: "brat", files: () => [writeBratZip(sampleDataset())], links: true, quote: true },
  // CoNLL carries tokens, not the text: the rebuilt text spaces them, so a quote's words may come apart.
  { name: "conll", files: () => [writeConll(sampleDataset())], links: false, quote: false },
];

describe("importing what independent writers produce", () => {
  it.each(
    cases.map(
      (entry, index) =>
        [
          `${entry.name} (${entry
            .files()
            .map((file) => file.name)
            .join(", ")})`,
          index,
        ] as const,
    ),
  )(
    "%s",
    async (_, index) => {
      const entry = cases[index]!;
      const { slug, projectId } = await createProjectWith({ editor: [editor] });
      const form = new FormData();
      for (const file of entry.files()) form.append("file", new File([new Uint8Array(file.bytes)], file.name));
      const request = new Request(`http://margin.test/api/route?${new URLSearchParams({ format: "auto", map: MAP, skipUnmapped: "1" })}`, {
        method: "POST",
        headers: { authorization: `Bearer ${editor.token}` },
        body: form,
      });
      const response = await annotatedRoute.POST(request, { params: Promise.resolve({ slug }) });
      expect(response.status, await response.clone().text()).toBe(200);
      const last = (await response.text()).trim().split("\n").at(-1)!;
      const { report } = JSON.parse(last) as { report: { format: string; counts: Record<string, number> } };
      expect(report.format).toBe(entry.name);
      expect(report.counts).toEqual({ imported: 2, duplicate: 0, failed: 0 });
      const articles = await prisma.article.findMany({ where: { projectId }, include: { annotations: true } });
      const tags = articles.flatMap((article) => article.annotations.map((tag) => ({ ...tag, article: [...article.text] })));
      for (const tag of tags) expect(tag.article.slice(tag.start!, tag.end!).join("")).toBe(tag.text);
      const speaker = tags.find((tag) => tag.label === "actor" && tag.text === "Ana Ruiz");
      expect(speaker).toBeDefined();
      expect(tags.some((tag) => tag.label === "actor" && tag.text === "City Hall")).toBe(true);
      if (entry.quote) {
        const quote = tags.find((tag) => tag.label === "quote" && tag.text === QUOTE);
        expect(quote).toBeDefined();
        if (entry.links) expect((quote!.attributes as Record<string, unknown>).speakerId).toBe(speaker!.id);
      }
    },
    60_000,
  );
});
