/**
 * The content document as ProseMirror's document, read again only where it changed. Reading a 100,000-
 * character article with 5,000 tags took 60 ms, and every tag operation and store read it whole: the
 * server's work per tag grew with the article. Here each top-level block's node is kept until a change
 * inside that block (a Yjs deep observer says which), so a tag costs the reading of its paragraph; the
 * projection (lib/tags/projection.ts) keeps its work per node in the same way. The result is the same
 * document readContent builds (lib/tags/content-reader.test.ts compares them after random edits).
 */
import { Fragment, type Node as PMNode } from "@tiptap/pm/model";
import * as Y from "yjs";
import { articleSchema } from "@/lib/editor/extensions";
import { readBlock, readContent } from "./content-schema";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are keyed by their event type
type AnyType = Y.AbstractType<any>;

class BlockCache {
  private readonly nodes = new Map<AnyType, PMNode>();
  /** The document last read, while nothing has changed since. */
  private root: PMNode | null = null;

  constructor(private readonly fragment: Y.XmlFragment) {
    fragment.observeDeep((events) => {
      this.root = null;
      for (const event of events) {
        // The top-level block the change happened in; a change of the fragment itself only adds or
        // removes blocks, which the reading below sees.
        let type: AnyType = event.target;
        while (type._item && type._item.parent !== fragment) type = type._item.parent as AnyType;
        if (type !== fragment) this.nodes.delete(type);
      }
    });
  }

  read(): PMNode {
    if (this.root) return this.root;
    const children = this.fragment.toArray();
    const blocks = children.map((child) => {
      let node = this.nodes.get(child);
      if (!node) {
        node = readBlock(child);
        this.nodes.set(child, node);
      }
      return node;
    });
    // Deleted blocks leave the cache once they outnumber the live ones.
    if (this.nodes.size > 2 * children.length + 16) {
      const live = new Set<AnyType>(children);
      for (const type of this.nodes.keys()) if (!live.has(type)) this.nodes.delete(type);
    }
    this.root = articleSchema.topNodeType.create(null, Fragment.fromArray(blocks));
    return this.root;
  }
}

const caches = new WeakMap<Y.XmlFragment, BlockCache>();

/** The fragment as ProseMirror's document (ContentError for what the schema refuses), reading only changed blocks. */
export function readContentIncrementally(fragment: Y.XmlFragment): PMNode {
  // Inside a transaction the observer has not been told of its changes yet.
  if (fragment.doc?._transaction) return readContent(fragment);
  let cache = caches.get(fragment);
  if (!cache) caches.set(fragment, (cache = new BlockCache(fragment)));
  return cache.read();
}
