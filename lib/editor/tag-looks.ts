/**
 * Each tag's look as classes on its own elements: the marks' views (annotation-mark.ts) and its label name
 * (tag-labels.ts) register here as ProseMirror builds and destroys them, and when a tag changes, only its
 * elements change. A stylesheet that listed every tag by label cost a newsroom article a new stylesheet,
 * parsed and matched against the whole text, for each tag added (bench/editor.ts); now a new tag costs the
 * classes of its own few elements.
 *
 * The editor knows no labels: the page gives `lookOf` (a tag id → its classes) and says which tags changed.
 */
import type * as Y from "yjs";

/** The classes a tag's elements carry for its look, beyond their own (none: the tag shows unstyled). */
export type TagLook = readonly string[];

const NO_LOOK: TagLook = [];

export class TagLooks {
  readonly #lookOf: (id: string) => TagLook;
  readonly #elements = new Map<string, Set<HTMLElement>>();
  /** The look each registered tag's elements carry now, kept to take it off again and to skip changes that change nothing. */
  readonly #shown = new Map<string, TagLook>();

  constructor(lookOf: (id: string) => TagLook) {
    this.#lookOf = lookOf;
  }

  /** `element` shows tag `id` from now on, with its look, until unregistered. */
  register(id: string, element: HTMLElement): void {
    let elements = this.#elements.get(id);
    if (!elements) this.#elements.set(id, (elements = new Set()));
    elements.add(element);
    let look = this.#shown.get(id);
    if (!look) this.#shown.set(id, (look = this.#lookOf(id)));
    if (look.length) element.classList.add(...look);
  }

  /**
   * `element` no longer shows tag `id` (ProseMirror destroyed its view). A tag without elements is forgotten,
   * so that the registry holds only what is on the page, and its look is asked afresh when it shows again.
   */
  unregister(id: string, element: HTMLElement): void {
    const elements = this.#elements.get(id);
    if (!elements?.delete(element) || elements.size) return;
    this.#elements.delete(id);
    this.#shown.delete(id);
  }

  /** Looks these tags up again: only their elements change, and only when their look did. */
  refresh(ids: Iterable<string>): void {
    for (const id of ids) {
      const elements = this.#elements.get(id);
      if (!elements) continue;
      const before = this.#shown.get(id) ?? NO_LOOK;
      const after = this.#lookOf(id);
      this.#shown.set(id, after);
      const removed = before.filter((name) => !after.includes(name));
      const added = after.filter((name) => !before.includes(name));
      if (!removed.length && !added.length) continue;
      for (const element of elements) {
        element.classList.remove(...removed);
        element.classList.add(...added);
      }
    }
  }

  /** Looks every tag on the page up again: for what changes them all at once (the filters), which is rare. */
  refreshAll(): void {
    this.refresh([...this.#elements.keys()]);
  }

  /** The elements showing tag `id` now: its marks' and its label's. */
  elementsOf(id: string): ReadonlySet<HTMLElement> {
    return this.#elements.get(id) ?? NO_ELEMENTS;
  }

  /**
   * Refreshes the tags whose entries in `map` (tag id → record, the tags document's) change, only those: a
   * record held as one value changes its key, one held as a nested map (documents stored before) its path.
   * The tags already shown are looked up once first, in case they changed before. Returns the function that
   * stops following.
   */
  follow<T>(map: Y.Map<T>): () => void {
    const changed = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => this.refresh(changedKeys(map, events));
    this.refreshAll();
    map.observeDeep(changed);
    return () => map.unobserveDeep(changed);
  }
}

const NO_ELEMENTS: ReadonlySet<HTMLElement> = new Set();

/** The keys of `map` that a batch of its observeDeep events changed (added, updated, deleted or changed within). */
export function changedKeys<T>(map: Y.Map<T>, events: Y.YEvent<Y.AbstractType<unknown>>[]): Set<string> {
  const keys = new Set<string>();
  for (const event of events) {
    if (event.target === map) for (const key of event.changes.keys.keys()) keys.add(key);
    else if (typeof event.path[0] === "string") keys.add(event.path[0]);
  }
  return keys;
}
