/**
 * `npm run bench [-- <id> …]`: runs the benchmarks one after another (never two at once: they would
 * measure each other), prints a readable report and then a JSON summary, and exits non-zero when a
 * target was missed or a benchmark failed. Add a benchmark by adding its module to the list.
 */

import type { Benchmark, BenchResult } from './support.js';

const BENCHMARKS: ReadonlyArray<() => Promise<Benchmark>> = [
  async () => (await import('./submissions.js')).submissionsBenchmark,
  async () => (await import('./priorities.js')).prioritiesBenchmark,
  async () => (await import('./call-for-input.js')).callForInputBenchmark,
  async () => (await import('./rapport.js')).rapportBenchmark,
  async () => (await import('./report-ack.js')).reportAckBenchmark,
];

interface Outcome {
  readonly id: string;
  readonly result: BenchResult | null;
  readonly error: string | null;
  readonly seconds: number;
}

async function main(selected: readonly string[]): Promise<number> {
  const outcomes: Outcome[] = [];
  for (const load of BENCHMARKS) {
    const benchmark = await load();
    if (selected.length > 0 && !selected.includes(benchmark.id)) continue;
    console.log(`\n▶ ${benchmark.title} (${benchmark.id})`);
    const started = Date.now();
    try {
      const result = await benchmark.run();
      const seconds = (Date.now() - started) / 1000;
      for (const line of result.report) console.log(`  ${line}`);
      for (const target of result.targets) {
        console.log(`  ${target.ok ? '✅' : '❌'} ${target.name}: ${target.detail}`);
      }
      outcomes.push({ id: benchmark.id, result, error: null, seconds });
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.log(`  ❌ avbröts: ${message}`);
      outcomes.push({
        id: benchmark.id,
        result: null,
        error: message,
        seconds: (Date.now() - started) / 1000,
      });
    }
  }
  if (outcomes.length === 0) {
    console.error(`Ingen benchmark heter ${selected.join(', ')}.`);
    return 1;
  }

  const summary = {
    ranAt: new Date().toISOString(),
    node: process.version,
    benchmarks: outcomes.map((o) => ({
      id: o.id,
      name: o.result?.name ?? null,
      seconds: Math.round(o.seconds * 10) / 10,
      metrics: o.result?.metrics ?? {},
      targets: o.result?.targets ?? [],
      error: o.error,
    })),
  };
  console.log('\nJSON:');
  console.log(JSON.stringify(summary, null, 2));

  const missed = outcomes.filter((o) => o.error !== null || o.result?.targets.some((t) => !t.ok));
  return missed.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
