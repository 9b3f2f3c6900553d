import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { assignColors, colleaguesOnly } from "./presence";

describe("presence colours", () => {
  it("gives everyone present a different colour, the same on every client", () => {
    const ids = ["cmw0owner", "cmw0editor", "cmw0reviewer", "cmw1x", "cmw2y"];
    const colors = assignColors(ids);
    expect(new Set(colors.values()).size).toBe(ids.length);
    expect(assignColors([...ids].reverse())).toEqual(colors);
  });

  it("keeps a person's colour while alone, and that of the first by id when others join", () => {
    const alone = assignColors(["a-user"]).get("a-user");
    expect(assignColors(["a-user", "z-user"]).get("a-user")).toBe(alone);
  });

  it("repeats colours only beyond eight people", () => {
    const ids = Array.from({ length: 9 }, (_, index) => `user-${index}`);
    expect(new Set(assignColors(ids).values()).size).toBe(8);
  });
});

describe("the cursor plugin's view of the awareness", () => {
  it("hears colleagues' changes, not this editor's own caret moving, and lets go of its listeners", () => {
    const mine = new Awareness(new Y.Doc());
    const theirs = new Awareness(new Y.Doc());
    const view = colleaguesOnly(mine);
    const heard: unknown[] = [];
    const listener = (_changes: unknown, origin: unknown) => heard.push(origin);
    view.on("change", listener);
    // Reads and writes go to the awareness itself.
    view.setLocalStateField("cursor", { anchor: 1, head: 1 });
    expect(mine.getLocalState()).toMatchObject({ cursor: { anchor: 1, head: 1 } });
    expect(view.clientID).toBe(mine.clientID);
    expect(heard).toEqual([]);
    theirs.setLocalStateField("cursor", { anchor: 5, head: 9 });
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), "provider");
    expect(heard).toEqual(["provider"]);
    expect(view.getStates().get(theirs.clientID)).toMatchObject({ cursor: { anchor: 5, head: 9 } });
    view.off("change", listener);
    theirs.setLocalStateField("cursor", { anchor: 6, head: 6 });
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), "provider");
    expect(heard).toEqual(["provider"]);
    mine.destroy();
    theirs.destroy();
  });
});
