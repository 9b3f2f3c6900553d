/**
 * The actor benchmark's newsroom (bench/actors.ts): articles whose sentences name actors, quote them and
 * cite them, loaded straight into the projection with plain SQL (the registry reads only the projection,
 * and the import pipeline would time the loader). Each article is a run of beats: "Name said “… 3,000 …”"
 * (an actor tag, a quote spoken by it, a figure inside the quote), follow-up quotes of an actor named
 * earlier, claims sourced to one, and figures. Which record an actor tag names follows a Zipf law, so that
 * the first record is by far the most quoted. Offsets are code points into the text, as Margin stores them.
 */
import { createHash } from "node:crypto";
import pg from "pg";
import { countWords } from "@/lib/articles/canonical-text";
import { textToDoc } from "@/lib/articles/content";
import { newsText, rng } from "./news-text";

export type SeedShape = { articles: number; tags: number; actorTags: number; records: number };

/** How the actor tags name their record: by id (a registry in use), or by canonical name only (before the registry). */
export type Linking = "records" | "canonical-names";

const GIVEN =
  "Ana Ben Cara Dev Eli Fay Gus Hana Ivo Jon Kai Lea Mia Noa Omar Pia Quin Rui Sara Tom Uma Vic Wen Yara Zoe Seán Zoë Ólafur Chloé Mateo".split(
    " ",
  );
const FAMILY =
  "Ruiz Ode Lin Rao Sato Okafor Novak Berg Costa Haddad Kim Moreau Ndiaye Olsen Park Quist Rossi Silva Tanaka Ueda Varga Weber Yilmaz Zhou O’Neill Müller Nguyễn Dubois Kowalski Ferreira Ahmed Jensen Lopes Marsh Ito Kaur Bauer Hughes Ivanova Petrov".split(
    " ",
  );
const ORGS = "Harbor Authority|Ferry Workers’ Union|City Council|Acme Corp|Health Board|Rail Agency|Port of Lune|Teachers’ Union".split(
  "|",
);
const VERBS = "said|told reporters|warned|insisted|added|conceded|argued".split("|");
const WORDS = "the ferry will run on time and the budget covers every crossing the harbor needs this winter for residents".split(" ");

/** Record k's name and kind: people mostly, an organization one time in eight. */
export function recordName(k: number): { name: string; kind: string } {
  if (k % 8 === 7) return { name: `${ORGS[(k >> 3) % ORGS.length]} ${Math.floor(k / 64) || ""}`.trim(), kind: "organization" };
  return {
    name: `${GIVEN[k % GIVEN.length]} ${FAMILY[Math.floor(k / GIVEN.length) % FAMILY.length]}${k >= 1200 ? ` ${Math.floor(k / 1200) + 1}` : ""}`,
    kind: "person",
  };
}

/** Zipf (s = 1) over `n` ranks: rank 0 about 1/H(n) of the draws (13% for 1,500 records). */
function zipf(n: number, random: () => number): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (let k = 1; k <= n; k++) cumulative.push((sum += 1 / k));
  return () => {
    const target = random() * sum;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

type Tag = { id: string; label: "actor" | "quote" | "claim" | "figure"; start: number; end: number; attributes: Record<string, unknown> };

/** One article's text and tags: `perArticle` tags of which `actors` actor tags. */
function article(id: string, random: () => number, perArticle: number, actors: number, pickRecord: () => number, linking: Linking) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const words = (count: number) => Array.from({ length: count }, () => pick(WORDS)).join(" ");
  let text = "";
  let at = 0; // code points so far
  const tags: Tag[] = [];
  const actorTags: string[] = [];
  const put = (piece: string) => {
    const start = at;
    text += piece;
    at += [...piece].length;
    return { start, end: at };
  };
  const figure = () => {
    const value = Math.floor(random() * 9000 + 100);
    const span = put(value.toLocaleString("en"));
    tags.push({ id: `${id}-${tags.length}`, label: "figure", ...span, attributes: { value, unit: "ferries", approximate: false } });
  };
  const actor = () => {
    const k = pickRecord();
    const { name, kind } = recordName(k);
    // Before the registry, people typed the same name in different ways: the migration makes those aliases.
    const roll = random();
    const spelled = linking === "canonical-names" ? (roll < 0.05 ? name.toUpperCase() : roll < 0.1 ? ` ${name} ` : name) : name;
    const span = put(name);
    const tagId = `${id}-${tags.length}`;
    tags.push({
      id: tagId,
      label: "actor",
      ...span,
      attributes: linking === "records" ? { actorId: `rec${k}`, kind } : { canonicalName: spelled, kind },
    });
    actorTags.push(tagId);
    return tagId;
  };
  const earlier = (share: number) => (random() < share && actorTags.length ? pick(actorTags) : undefined);
  // The tags left after the actor beats (an actor, its quote, a figure in it): follow-up quotes (one tag),
  // claims (with a figure in each: two) and figures; 100 an article make 15 actors, 25 quotes, 15 claims, 45 figures.
  const rest = perArticle - actors * 3;
  const quotes = Math.round(rest * 0.18);
  const claims = Math.round(rest * 0.27);
  const beats: string[] = [
    ...Array<string>(actors).fill("actor"),
    ...Array<string>(quotes).fill("quote"),
    ...Array<string>(claims).fill("claim"),
    ...Array<string>(Math.max(0, rest - quotes - 2 * claims)).fill("figure"),
  ];
  for (let i = beats.length - 1; i > 1; i--) {
    const j = 1 + Math.floor(random() * i);
    [beats[i], beats[j]] = [beats[j]!, beats[i]!];
  }
  let inParagraph = 0;
  for (const beat of beats) {
    if (beat === "actor") {
      const speaker = actor();
      put(` ${pick(VERBS)} `);
      const quote = put("“");
      put(`${words(5)} `);
      figure();
      put(` ${words(4)}.”`);
      const span = { start: quote.start, end: at };
      tags.push({ id: `${id}-${tags.length}`, label: "quote", ...span, attributes: { speakerId: speaker, direct: true } });
    } else if (beat === "quote") {
      // Nine in ten say who speaks (the checks list the rest).
      const speakerId = earlier(0.9);
      const span = put(`“${words(8)},” `);
      tags.push({
        id: `${id}-${tags.length}`,
        label: "quote",
        start: span.start,
        end: span.end - 1,
        attributes: { ...(speakerId ? { speakerId } : {}), direct: true },
      });
      put("the minister added.");
    } else if (beat === "claim") {
      const sourceId = earlier(0.85);
      const start = at;
      put(`${words(4)} `);
      figure();
      put(` ${words(3)}`);
      tags.push({ id: `${id}-${tags.length}`, label: "claim", start, end: at, attributes: sourceId ? { sourceId } : {} });
      put(", officials said.");
    } else {
      put(`Crossings rose to `);
      figure();
      put(".");
    }
    put(++inParagraph % 6 === 0 ? `\n\n${newsText(random, 1)}\n\n` : " ");
  }
  return { text: text.trim(), tags };
}

/**
 * Loads the project's articles and tags, and with `records` linking the registry's records (record k is
 * `rec<k>`; 50 of them merged into the first 50, as a registry tidied by a reviewer). `annotators` share
 * the tags: the first makes two in three, the second (the blind annotator of bench/actors.ts) the rest.
 */
export async function seedActors(
  url: string,
  projectId: string,
  annotators: [string, string],
  shape: SeedShape,
  linking: Linking,
): Promise<{ tags: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const random = rng(18);
  const pickRecord = zipf(shape.records, random);
  const perArticle = Math.round(shape.tags / shape.articles);
  const actors = Math.round(shape.actorTags / shape.articles);
  let total = 0;
  try {
    if (linking === "records") {
      const records = Array.from({ length: shape.records }, (_, k) => ({ id: `rec${k}`, ...recordName(k) }));
      const merged = (k: number) => (k >= 1000 && k < 1050 ? `rec${k - 1000}` : null);
      await client.query(
        `INSERT INTO actor_records (id, project_id, name, kind, merged_into_id, root_id, updated_at)
         SELECT id, $1, name, kind, merged, coalesce(merged, id), now() FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, name, kind, merged)`,
        [projectId, records.map((r) => r.id), records.map((r) => r.name), records.map((r) => r.kind), records.map((_, k) => merged(k))],
      );
      await client.query(
        `INSERT INTO actor_record_events (record_id, kind, details) SELECT id, 'created', jsonb_build_object('how', 'manual', 'name', name) FROM actor_records WHERE project_id = $1`,
        [projectId],
      );
    }
    for (let offset = 0; offset < shape.articles; offset += 100) {
      const rows = Array.from({ length: Math.min(100, shape.articles - offset) }, (_, index) => {
        const id = `act${String(offset + index).padStart(5, "0")}`;
        return { id, ...article(id, random, perArticle, actors, pickRecord, linking) };
      });
      await client.query(
        `INSERT INTO articles (id, project_id, title, text, content, text_hash, word_count, status, published_at, created_at, updated_at)
         SELECT id, $1, title, text, content::jsonb, hash, words, 'in_progress', published, now(), now()
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::timestamptz[]) AS t(id, title, text, content, hash, words, published)`,
        [
          projectId,
          rows.map((row) => row.id),
          rows.map((row) => `Story ${row.id}: ${row.text.slice(0, 50)}`),
          rows.map((row) => row.text),
          rows.map((row) => JSON.stringify(textToDoc(row.text))),
          rows.map((row) => createHash("sha256").update(row.text).digest("hex")),
          rows.map((row) => countWords(row.text)),
          // One article in ten undated (listed last on the actor page).
          rows.map((_, index) => ((offset + index) % 10 === 9 ? null : new Date(Date.UTC(2025, 0, 1) + (offset + index) * 3_600_000))),
        ],
      );
      const columns: unknown[][] = [[], [], [], [], [], [], [], [], [], []];
      for (const row of rows) {
        const points = [...row.text];
        for (const [n, tag] of row.tags.entries()) {
          const author = annotators[n % 3 === 2 ? 1 : 0];
          const status = n % 10 < 3 ? "accepted" : n % 10 === 3 ? "rejected" : "pending";
          const values = [
            tag.id,
            row.id,
            tag.label,
            tag.start,
            tag.end,
            points.slice(tag.start, tag.end).join(""),
            author,
            `{${author}}`,
            status,
          ];
          [...values, JSON.stringify(tag.attributes)].forEach((value, column) => columns[column]!.push(value));
        }
        total += row.tags.length;
      }
      await client.query(
        `INSERT INTO annotations (id, article_id, label, start, "end", text, author_id, annotator_ids, status, attributes, updated_at)
         SELECT id, article_id, label::"AnnotationLabel", start, "end", text, author_id, annotators::text[], status::"AnnotationStatus", attributes::jsonb, now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
           AS t(id, article_id, label, start, "end", text, author_id, annotators, status, attributes)`,
        columns,
      );
    }
    // What autovacuum does after a bulk insert (PostgreSQL 13+ vacuums on inserts): statistics, and the
    // visibility map without which the registry's covering indexes cannot be read alone.
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
  return { tags: total };
}
