// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { LABEL_STYLES, TAG_LOOK, tagLookClasses, tagLookCss } from "./label-styles";

/** The computed style of a tag element carrying `classes`, under tagLookCss() alone. */
function styleOf(classes: string[], base = "margin-tag") {
  document.head.innerHTML = `<style>${tagLookCss()}</style>`;
  document.body.innerHTML = `<p><span class="${[base, ...classes].join(" ")}" data-kind="claim">words</span></p>`;
  const style = getComputedStyle(document.querySelector("span")!);
  // Read now: the declaration is live, and the next call replaces the element.
  return {
    backgroundColor: style.backgroundColor,
    textDecorationLine: style.textDecorationLine,
    textDecorationStyle: style.textDecorationStyle,
    textDecorationThickness: style.textDecorationThickness,
    display: style.display,
  };
}

describe("a tag's look as classes", () => {
  it("names its label, its decision, and whether it is pending or hidden", () => {
    expect(tagLookClasses({ label: "actor", status: "pending" })).toEqual([TAG_LOOK.label("actor")]);
    expect(tagLookClasses({ label: "quote", status: "accepted", pending: true })).toEqual([
      "margin-tag--quote",
      TAG_LOOK.accepted,
      TAG_LOOK.pending,
    ]);
    expect(tagLookClasses({ label: "claim", status: "rejected", hidden: true })).toEqual([
      "margin-tag--claim",
      TAG_LOOK.rejected,
      TAG_LOOK.hidden,
    ]);
  });

  it("is styled by one stylesheet: label tint and underline, thicker when accepted, struck when rejected, nothing when hidden", () => {
    const claim = LABEL_STYLES.claim;
    const plain = styleOf(tagLookClasses({ label: "claim", status: "pending" }));
    expect(plain.textDecorationStyle).toBe(claim.style);
    expect(plain.textDecorationThickness).toBe("2px");
    expect(plain.backgroundColor).toBe(claim.tint.replace(/\s/g, "").replace(/,/g, ", "));
    expect(styleOf(tagLookClasses({ label: "claim", status: "accepted" })).textDecorationThickness).toBe("4px");
    expect(styleOf(tagLookClasses({ label: "claim", status: "rejected" })).textDecorationLine).toBe("line-through");
    // Being recorded: its label's tint at once, under a dashed line.
    const pending = styleOf(tagLookClasses({ label: "claim", status: "pending", pending: true }));
    expect(pending.backgroundColor).toBe(plain.backgroundColor);
    expect(pending.textDecorationStyle).toBe("dashed");
    // Hidden by the filters, whatever else it is.
    for (const status of ["pending", "accepted", "rejected"] as const) {
      const hidden = styleOf(tagLookClasses({ label: "claim", status, pending: true, hidden: true }));
      expect(hidden.textDecorationLine).toBe("none");
      expect(["transparent", "rgba(0, 0, 0, 0)"]).toContain(hidden.backgroundColor);
    }
    // A mark without a look (a colleague's tag a blind annotator may not see) shows nothing.
    const bare = styleOf([]);
    expect(bare.textDecorationLine).not.toMatch(/underline|line-through/);
    expect(bare.backgroundColor).not.toBe(plain.backgroundColor);
    // The label's name at a hidden tag's start is hidden with it.
    expect(styleOf(tagLookClasses({ label: "claim", status: "pending", hidden: true }), "margin-tag-label").display).toBe("none");
    expect(styleOf(tagLookClasses({ label: "claim", status: "pending" }), "margin-tag-label").display).not.toBe("none");
  });
});
