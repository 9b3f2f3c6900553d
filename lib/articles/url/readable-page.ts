/**
 * A whole web page to its article: Mozilla's Readability (Firefox's Reader View) finds the story among
 * the page's navigation, teasers and comments, on linkedom's DOM (light, no browser engine). Its content
 * HTML then goes through the ordinary HTML import (html.ts sanitizes it and detects furniture), so an
 * article imported by URL reads as the same page uploaded would. Metadata: what Readability found
 * (JSON-LD, Open Graph, the byline it removed from the text), else the page head's meta tags; the
 * canonical URL from <link rel=canonical>, else og:url, else the address the page was fetched from.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { extractHtmlMetadata, type HtmlMetadata } from "../html";

export type ReadablePage = {
  /** The article's HTML as Readability cut it out, links absolute. */
  contentHtml: string;
  metadata: HtmlMetadata & { url: string };
};

export type ReadableResult = { ok: true; page: ReadablePage } | { ok: false; message: string };

// The import's own limits on metadata (import-schema.ts): a runaway byline or title is cut, not refused.
const LIMITS = { title: 500, byline: 300, source: 200 };

function clip(value: string | null | undefined, max: number): string | undefined {
  const line = value?.replace(/\s+/g, " ").trim();
  return line ? line.slice(0, max) : undefined;
}

function httpUrl(value: string | null | undefined, base: string): string | undefined {
  const url = value ? URL.parse(value.trim(), base) : null;
  return url && (url.protocol === "http:" || url.protocol === "https:") ? url.toString() : undefined;
}

function date(value: string | null | undefined): Date | undefined {
  const parsed = value ? new Date(value) : undefined;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
}

const LANGUAGE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/** The address the page names as its own, resolved against where it was fetched (rel may list several words). */
function canonicalUrl(document: Document, pageUrl: string, base: string): string {
  const link = [...document.querySelectorAll("link[rel][href]")].find((element) =>
    (element.getAttribute("rel") ?? "").toLowerCase().split(/\s+/).includes("canonical"),
  );
  const ogUrl = document.querySelector('meta[property="og:url"][content]')?.getAttribute("content");
  const url = URL.parse(httpUrl(link?.getAttribute("href"), base) ?? httpUrl(ogUrl, base) ?? pageUrl)!;
  // A fragment points into the page (#top, #comments), never to another one.
  url.hash = "";
  return url.toString();
}

/**
 * The page as a DOM with the <html> and <body> Readability works in. linkedom does not build the ones a
 * browser implies (a page of bare paragraphs, text outside <body>): the page is then put in a body of its own.
 */
function documentOf(html: string): Document {
  const { document } = parseHTML(html) as unknown as { document: Document };
  if (document.documentElement?.localName === "html" && document.body?.textContent?.trim()) return document;
  const shell = (parseHTML("<!DOCTYPE html><html><head></head><body></body></html>") as unknown as { document: Document }).document;
  shell.body.innerHTML = html.replace(/<!doctype[^>]*>|<\/?(html|body)\b[^>]*>/gi, "");
  return shell;
}

/**
 * "Ferry returns | Island Post": Readability keeps the site's name on a short headline (it cannot tell a
 * two-word headline from a site name); when the page's own <h1> is the part before the separator, that is it.
 */
function withoutSiteName(title: string | undefined, heading: string | undefined): string | undefined {
  if (!title || !heading || !title.startsWith(heading)) return title;
  return /^\s*[|\-–—:·»]/.test(title.slice(heading.length)) ? heading : title;
}

export function readablePage(html: string, pageUrl: string): ReadableResult {
  const document = documentOf(html);
  // linkedom has no base URI: give it the page's (or its <base href>), so that Readability makes the
  // article's relative links absolute, as they read on the page.
  const base = httpUrl(document.querySelector("base[href]")?.getAttribute("href"), pageUrl) ?? pageUrl;
  Object.defineProperty(document, "baseURI", { value: base });
  Object.defineProperty(document, "documentURI", { value: pageUrl });
  const url = canonicalUrl(document, pageUrl, base);
  const heading = clip(document.querySelector("h1")?.textContent, LIMITS.title);
  const article = new Readability(document).parse();
  if (!article?.content || !article.textContent?.trim()) return { ok: false, message: "no article text found on the page" };
  const head = extractHtmlMetadata(html);
  const language = article.lang?.trim();
  return {
    ok: true,
    page: {
      contentHtml: article.content,
      metadata: {
        title: withoutSiteName(clip(article.title, LIMITS.title), heading) ?? clip(head.title, LIMITS.title),
        byline: clip(article.byline, LIMITS.byline) ?? clip(head.byline, LIMITS.byline),
        source: clip(article.siteName, LIMITS.source) ?? clip(head.source, LIMITS.source),
        publishedAt: date(article.publishedTime) ?? head.publishedAt,
        language: language && LANGUAGE.test(language) ? language : head.language,
        url,
      },
    },
  };
}
