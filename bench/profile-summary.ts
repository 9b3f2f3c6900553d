/**
 * `node --import tsx bench/profile-summary.ts <file.cpuprofile> [count]`: where a V8 CPU profile's time went
 * (bench/editor.ts --server-profile, or a Chromium profile from --profile): self time by function and by
 * file, and the project's functions by time on the stack, so that a benchmark run says which code to look
 * at without opening DevTools.
 */
import fs from "node:fs";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const [file, count = "25"] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary.ts <file.cpuprofile> [count]");
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const self = new Map<number, number>();
profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
const total = [...self.values()].reduce((sum, ms) => sum + ms, 0);

const short = (url: string) => url.replace(/^.*?\/(node_modules|lib|server|components|app|bench)\//, "$1/") || "(native)";
const where = (node: ProfileNode) =>
  `${node.callFrame.functionName || "(anonymous)"} ${short(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
const ranked = (sums: Map<string, number>) => [...sums].sort((a, b) => b[1] - a[1]);

function selfTime(key: (node: ProfileNode) => string): [string, number][] {
  const sums = new Map<string, number>();
  for (const [id, ms] of self) sums.set(key(byId.get(id)!), (sums.get(key(byId.get(id)!)) ?? 0) + ms);
  return ranked(sums).slice(0, Number(count));
}

/** Time with each function on the stack, once per sample however deep it recurses. */
function stackTime(key: (node: ProfileNode) => string, keep: (name: string) => boolean): [string, number][] {
  const sums = new Map<string, number>();
  for (const [id, ms] of self) {
    const names = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) names.add(key(byId.get(at)!));
    for (const name of names) if (keep(name)) sums.set(name, (sums.get(name) ?? 0) + ms);
  }
  return ranked(sums).slice(0, Number(count));
}

function print(title: string, rows: [string, number][]) {
  console.log(`${title} (of ${(total / 1000).toFixed(1)} s sampled):`);
  for (const [name, ms] of rows) console.log(`  ${ms.toFixed(0).padStart(7)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
}

print("self time by function", selfTime(where));
print(
  "self time by file",
  selfTime((node) => short(node.callFrame.url)),
);
print(
  "time on the stack, the project's functions",
  stackTime(where, (name) => / (lib|server|components|app)\//.test(name)),
);
