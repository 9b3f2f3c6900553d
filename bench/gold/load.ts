/**
 * The gold set: every `articles/*.txt` here, parsed from its markup (lib/suggestions/gold-markup.ts) into the
 * article's canonical text and its tags with exact offsets. File names order the articles and name them.
 */
import fs from "node:fs";
import path from "node:path";
import { type GoldArticle, parseGoldArticle } from "@/lib/suggestions/gold-markup";

export const GOLD_ARTICLES_DIR = path.join(import.meta.dirname, "articles");
export const GUIDELINES_PATH = path.join(import.meta.dirname, "guidelines.md");

export function loadGoldSet(dir = GOLD_ARTICLES_DIR): GoldArticle[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".txt"))
    .sort()
    .map((file) => parseGoldArticle(path.basename(file, ".txt"), fs.readFileSync(path.join(dir, file), "utf8")));
}
