/**
 * Hostile multipart uploads for the HTTP fuzz (lib/routes/body-fuzz.test.ts): files in the field `file` with
 * hostile names and contents (text, HTML with scripts, JSON and JSONL articles from the import's schema,
 * bytes that are almost a .docx), and in turn no file, a JSON body, or multipart that does not parse.
 */
import { generate, HOSTILE, holdsUnstorable, INVALID_JSON, mixed, TEXT, toJson, UNSTORABLE, type Kit, type Rng } from "./hostile-bodies";

const FILE_NAMES = ["story.txt", "story.md", "story.html", "items.json", "items.jsonl", "report.docx", "noextension", "payload.exe"];

export type Upload = { kind: string; body: FormData | string; contentType?: string };

/** Files in the field `file` (hostile names and contents); every tenth round no file, JSON, broken multipart… */
export function multipartBody(rng: Rng, kit: Kit, round: number): Upload {
  const choice = round % 10;
  if (choice === 0) return { kind: "json", body: JSON.stringify({ file: "x" }), contentType: "application/json" };
  if (choice === 1) return { kind: "garbage", body: "--x\r\nnot a part", contentType: "multipart/form-data; boundary=x" };
  const form = new FormData();
  const hostile = () => (choice === 2 ? rng.pick(UNSTORABLE) : rng.pick(HOSTILE));
  for (let count = choice === 3 ? 0 : 1 + rng.int(3); count > 0; count--) {
    const plain = rng.pick(FILE_NAMES);
    const name = rng.chance(0.4) ? `${hostile()}${plain.slice(plain.indexOf("."))}` : plain;
    form.append("file", new File([fileContent(rng, name, kit)], name));
  }
  if (rng.chance(0.5)) form.append("keepArtifacts", rng.pick(["true", "false", hostile()]));
  if (rng.chance(0.3)) form.append(rng.chance(0.5) ? "extra" : hostile(), hostile());
  return { kind: choice === 2 ? "unstorable" : choice === 3 ? "nofiles" : "files", body: form };
}

function fileContent(rng: Rng, name: string, kit: Kit): string | Uint8Array<ArrayBuffer> {
  const words = () => Array.from({ length: 3 }, () => rng.pick(rng.chance(0.2) ? UNSTORABLE : HOSTILE)).join("\n\n") + `\n\n${TEXT}`;
  const item = () => generate(rng, kit.schema, kit.schema, mixed(rng, kit.pool));
  if (name.endsWith(".html"))
    return `<html><head><title>${words()}</title></head><body><p>${words()}</p><script>alert(1)</script></body></html>`;
  if (name.endsWith(".jsonl")) return Array.from({ length: 2 }, () => toJson(item())).join("\n");
  if (name.endsWith(".json")) return rng.chance(0.8) ? toJson([item(), item()]) : rng.pick(INVALID_JSON);
  if (name.endsWith(".docx") || name.endsWith(".exe")) {
    const bytes = Uint8Array.from({ length: 512 }, () => rng.int(256));
    // Half of them start as a zip (a .docx is one) and then are not.
    if (rng.chance(0.5)) bytes.set([0x50, 0x4b, 0x03, 0x04]);
    return bytes;
  }
  return words();
}

/** Whether the upload reader must refuse it, judged on what arrives: lone surrogates in a form become U+FFFD on the way. */
export async function uploadMustRefuse(upload: Upload): Promise<boolean> {
  if (typeof upload.body === "string") return true;
  const sent = await new Request("http://margin.test/", { method: "POST", body: upload.body }).formData();
  const files = sent.getAll("file").filter((value) => typeof value !== "string");
  if (files.length === 0) return true;
  return (
    files.some((file) => holdsUnstorable(file.name)) ||
    [...sent].some(([key, value]) => typeof value === "string" && holdsUnstorable([key, value]))
  );
}
