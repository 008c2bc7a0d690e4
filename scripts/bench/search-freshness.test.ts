import { describe, expect, it } from 'vitest';
import { freshnessReport, markerWord, unmarked, type FreshnessResult } from './search-freshness';
import { latency } from './stats';

const run = (failures: number): FreshnessResult => ({
  edits: 200,
  planned: 200,
  failures,
  failureReasons: failures ? ['"frshabcdefgh" (listing 1) not found within 30000 ms'] : [],
  searchable: latency([40, 60, 80, 250]),
  editMs: latency([30, 35]),
  searchMs: latency([20, 25]),
  searchesPerEdit: latency([1, 2, 3]),
  indexMs: latency([5, 6]),
  pollMs: 2,
  timeoutMs: 30_000,
  machineLoad: { before: 3.2, after: 4.1 },
});

describe('change → searchable (bench:search)', () => {
  it('gives each edit a new word, and puts back the name it marked', () => {
    const words = new Set(Array.from({ length: 50 }, markerWord));
    expect(words.size).toBe(50);
    for (const word of words) {
      expect(word).toMatch(/^frsh[a-z]{8}$/);
      expect(unmarked(`Eastside Food Pantry ${word}`)).toBe('Eastside Food Pantry');
    }
    expect(unmarked('Eastside Food Pantry')).toBe('Eastside Food Pantry');
    expect(unmarked('Fresh Start Housing')).toBe('Fresh Start Housing');
  });

  it('reports the failures with the figures, not only the edits that were found', () => {
    const report = freshnessReport(run(3));
    const failed = report.replace(/\s+/g, ' ');
    expect(failed).toContain('3 of 200 not searchable within 30 s');
    expect(failed).toContain('not found within 30000 ms');
    expect(failed).toContain('p95 **250.0 ms**');
    expect(freshnessReport(run(0)).replace(/\s+/g, ' ')).toContain('0 of 200 not searchable');
    expect(freshnessReport(undefined)).toContain('not measured');
    for (const line of report.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    const stopped = freshnessReport({ ...run(5), edits: 5 }).replace(/\s+/g, ' ');
    expect(stopped).toContain('5 edits (of 200 asked for: stopped after 5 failures in a row)');
    expect(stopped).toContain('5 of 5 not searchable');
  });
});
