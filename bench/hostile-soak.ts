/**
 * `npm run bench:hostile`: the hostile-clients test (lib/collab/hostile-clients.test.ts) at soak size, on a
 * real collaboration server and PostgreSQL. Options: --rounds N (600) --seed N (1; a failing seed replays
 * with the same --seed and --rounds).
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "600" },
    seed: { type: "string", default: "1" },
  },
});
const started = performance.now();
const result = spawnSync("npx", ["vitest", "run", "lib/collab/hostile-clients.test.ts"], {
  stdio: "inherit",
  env: { ...process.env, MARGIN_HOSTILE_ROUNDS: values.rounds, MARGIN_HOSTILE_SEED: values.seed },
});
console.log(
  `hostile soak: ${values.rounds} rounds from seed ${values.seed} in ${((performance.now() - started) / 1000).toFixed(0)} s: ${result.status === 0 ? "article intact" : "FAILED"}`,
);
process.exit(result.status ?? 1);
