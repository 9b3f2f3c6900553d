import { describe, expect, it } from "vitest";
import { isAuthorBio } from "./author-bio";

describe("isAuthorBio", () => {
  it("recognises a journalist's job with a beat, a way to reach them, or the byline's name", () => {
    expect(isAuthorBio("Jane Doe is a senior reporter at the Estuary Ledger covering housing and transport.")).toBe(true);
    expect(isAuthorBio("Jane Doe covers transport for the Ledger. Reach her at jane.doe@ledger.example.")).toBe(true);
    expect(isAuthorBio("Tomás van der Berg is the Ledger’s data journalist. Follow him on Bluesky.")).toBe(true);
    expect(isAuthorBio("Mara Lindqvist is a staff writer at the Estuary Ledger.", ["Mara", "Lindqvist"])).toBe(true);
    expect(isAuthorBio("Li Wei writes about science for the Ledger. @liwei_writes")).toBe(true);
  });

  it("leaves sentences about people and their jobs in the article", () => {
    for (const text of [
      "Jane Doe is a senior analyst at the Brookings Institution, covering trade.",
      "Imani Osei is a former reporter who now runs the shelter on Quay Street.",
      "Imani Osei is a former reporter covering the port for the Ledger.",
      "Mara Lindqvist is a staff writer at the Estuary Ledger.",
      "Jane Doe covers the cost of the repairs for the first year.",
      "The reporter is a senior member of the union. Reach her at the office.",
      "Sadly, Jane Doe is a reporter no longer.",
    ]) {
      expect(isAuthorBio(text), text).toBe(false);
    }
  });
});
