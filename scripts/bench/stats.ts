import { performance } from 'node:perf_hooks';

/** Latency of a series of requests, in ms rounded to hundredths. */
export interface Latency {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

const hundredths = (x: number) => Math.round(x * 100) / 100;

/** Nearest-rank percentiles: p95 is a sample that 95% of the samples do not exceed. */
export function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return {
    requests: samples.length,
    p50: hundredths(at(0.5)),
    p95: hundredths(at(0.95)),
    p99: hundredths(at(0.99)),
    mean: hundredths(samples.reduce((s, x) => s + x, 0) / Math.max(1, samples.length)),
    max: hundredths(sorted.at(-1) ?? 0),
  };
}

/** Runs `run` n times, one at a time, and returns how long each took in ms. */
export async function timeEach(n: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Rounds to tenths, as the reports print rates and seconds. */
export const tenths = (x: number) => Math.round(x * 10) / 10;
