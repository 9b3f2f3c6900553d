/**
 * The layering ARCHITECTURE.md describes, checked on every run: domain folders under lib/ never import each
 * other in a circle (a cycle means two ideas without a clear owner, and a change to either drags the other
 * along), the collaboration plumbing knows nothing of tags or review, the editor's extensions know nothing
 * of the tags domain, and lib/ never reaches up into pages, components or the server process.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveImport, specifiersOf } from "./testing/imports";

const root = process.cwd();

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** "lib/tags" for lib/tags/live/x.ts; "lib" for lib/errors.ts; the top folder elsewhere. */
function folderOf(file: string): string {
  const parts = path.relative(root, file).split(path.sep);
  return parts[0] === "lib" && parts.length > 2 ? `lib/${parts[1]}` : parts[0]!;
}

/**
 * Every import of one file into another folder, as "from-file -> to-file". Test support (lib/testing and
 * the test helpers beside a domain's tests) sits above everything it sets up and is left out.
 */
const isTestSupport = (file: string) => folderOf(file) === "lib/testing" || file.endsWith("test-support.ts");
const edges = sourceFiles(path.join(root, "lib"))
  .filter((file) => !isTestSupport(file))
  .flatMap((file) =>
    specifiersOf(file)
      .map((specifier) => resolveImport(root, file, specifier))
      .filter((target): target is string => target !== null && folderOf(target) !== folderOf(file))
      .map((target) => ({
        from: folderOf(file),
        to: folderOf(target),
        via: `${path.relative(root, file)} -> ${path.relative(root, target)}`,
      })),
  );

/** Strongly connected groups of more than one folder (Tarjan). */
function cycles(): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) next.set(from, (next.get(from) ?? new Set()).add(to));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (stack.includes(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      for (let member = stack.pop(); ; member = stack.pop()) {
        group.push(member!);
        if (member === node) break;
      }
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return found;
}

const importsBetween = (from: string, to: string[]) =>
  edges.filter((edge) => edge.from === from && to.includes(edge.to)).map((edge) => edge.via);

describe("the layers of lib/", () => {
  it("has no import cycles between folders", () => {
    const described = cycles().map((group) => ({
      folders: group,
      imports: edges.filter((edge) => group.includes(edge.from) && group.includes(edge.to)).map((edge) => edge.via),
    }));
    expect(described).toEqual([]);
  });

  it("keeps the collaboration plumbing free of tags and review", () => {
    expect(importsBetween("lib/collab", ["lib/tags", "lib/review"])).toEqual([]);
  });

  it("keeps the editor's extensions free of the tags domain", () => {
    expect(importsBetween("lib/editor", ["lib/tags", "lib/review"])).toEqual([]);
  });

  it("never imports pages, components or the server process", () => {
    const upward = edges.filter((edge) => ["app", "components", "server"].includes(edge.to) && edge.from !== "lib/testing");
    expect(upward.map((edge) => edge.via)).toEqual([]);
  });
});
