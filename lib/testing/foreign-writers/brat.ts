/**
 * brat standoff, as brat saves it (https://brat.nlplab.org/standoff.html, "brat standoff format"): per
 * document a `.txt` with the text (UTF-8) and a `.ann` beside it with the same base name. In the `.ann`,
 * one annotation per line, the id first and tab-separated fields:
 *   T1<TAB>Type START END<TAB>text          text-bound; discontinuous pieces as `START END;START END`,
 *                                           and then the text column joins the pieces' texts with a space
 *   R1<TAB>Type Arg1:T1 Arg2:T2             relation
 *   A1<TAB>Name T1 [Value]                  attribute (no value: a binary one)
 *   #1<TAB>AnnotatorNotes T1<TAB>note       note
 * Offsets count characters of the text as Python reads it (code points), end exclusive. A project is
 * often shared as a zip of the pairs with its `annotation.conf`.
 */
import { zipSync } from "fflate";
import { type NeutralDataset, type NeutralDocument, type WrittenFile, sliceCodePoints } from "./model";

function annotationLines(document: NeutralDocument): string[] {
  const lines: string[] = [];
  const ids = new Map<string, string>();
  let attributes = 0;
  let notes = 0;
  document.entities.forEach((entity, index) => {
    const id = `T${index + 1}`;
    ids.set(entity.id, id);
    const pieces = entity.fragments ?? [[entity.start, entity.end]];
    const offsets = pieces.map(([start, end]) => `${start} ${end}`).join(";");
    // brat keeps a text column on one line: a newline inside a span is shown as a space.
    const covered = pieces.map(([start, end]) => sliceCodePoints(document.text, start, end).replace(/\n/g, " ")).join(" ");
    lines.push(`${id}\t${entity.label} ${offsets}\t${covered}`);
    for (const [name, value] of Object.entries(entity.attributes ?? {})) {
      attributes++;
      lines.push(value === true ? `A${attributes}\t${name} ${id}` : `A${attributes}\t${name} ${id} ${value}`);
    }
    if (entity.note) lines.push(`#${++notes}\tAnnotatorNotes ${id}\t${entity.note.replace(/\s+/g, " ")}`);
  });
  document.relations.forEach((relation, index) => {
    lines.push(`R${index + 1}\t${relation.type} Arg1:${ids.get(relation.from)} Arg2:${ids.get(relation.to)}`);
  });
  return lines;
}

/** The `.txt`/`.ann` pairs, named after each document's id. */
export function writeBrat(dataset: NeutralDataset): WrittenFile[] {
  return dataset.documents.flatMap((document) => [
    { name: `${document.id}.txt`, bytes: Buffer.from(document.text, "utf8") },
    {
      name: `${document.id}.ann`,
      bytes: Buffer.from(
        annotationLines(document)
          .map((line) => `${line}\n`)
          .join(""),
        "utf8",
      ),
    },
  ]);
}

/** The same pairs in one zip, in a folder, with an `annotation.conf` as a brat project has. */
export function writeBratZip(dataset: NeutralDataset, folder = "collection"): WrittenFile {
  const labels = [...new Set(dataset.documents.flatMap((document) => document.entities.map((entity) => entity.label)))];
  const relations = [...new Set(dataset.documents.flatMap((document) => document.relations.map((relation) => relation.type)))];
  const conf = `[entities]\n${labels.join("\n")}\n[relations]\n${relations.map((type) => `${type}\tArg1:<ENTITY>, Arg2:<ENTITY>`).join("\n")}\n[events]\n[attributes]\n`;
  const entries: Record<string, Uint8Array> = { [`${folder}/annotation.conf`]: Buffer.from(conf, "utf8") };
  for (const file of writeBrat(dataset)) entries[`${folder}/${file.name}`] = file.bytes;
  return { name: `${folder}.zip`, bytes: Buffer.from(zipSync(entries)) };
}
