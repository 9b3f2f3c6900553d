/**
 * `npm run bench:soak`: the randomized convergence test (lib/tags/convergence.test.ts) at soak size, with
 * every editor checked against its document after every step. Options: --seeds N (500) --steps N (300)
 * --first N (1000, the first seed: a failing seed replays with --first it --seeds 1).
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "500" },
    steps: { type: "string", default: "300" },
    first: { type: "string", default: "1000" },
  },
});
const started = performance.now();
const result = spawnSync("npx", ["vitest", "run", "lib/tags/convergence.test.ts"], {
  stdio: "inherit",
  env: {
    ...process.env,
    MARGIN_CONVERGENCE_SEEDS: values.seeds,
    MARGIN_CONVERGENCE_STEPS: values.steps,
    MARGIN_CONVERGENCE_FIRST_SEED: values.first,
    MARGIN_CONVERGENCE_PARANOID: "1",
  },
});
console.log(
  `soak: ${values.seeds} seeds × ${values.steps} steps from seed ${values.first} in ${((performance.now() - started) / 1000).toFixed(0)} s: ${result.status === 0 ? "all converged" : "FAILED"}`,
);
process.exit(result.status ?? 1);
