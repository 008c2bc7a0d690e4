import type { ImportResult } from '../subgraphs/resources/hsds/import';

/** The import report: counts per kind, every skipped record (file, id, field, reason), the first warnings. */
export function printSummary(result: ImportResult, peakMb?: number): void {
  const rows = Object.entries(result.counts).map(
    ([kind, t]) =>
      `  ${kind.padEnd(14)}${String(t.created).padStart(9)}${String(t.updated).padStart(9)}${String(t.unchanged).padStart(11)}${String(t.skipped).padStart(9)}`,
  );
  console.log(
    `\nDone in ${(result.elapsedMs / 1000).toFixed(1)} s${peakMb === undefined ? '' : `, peak memory ${peakMb} MB`}.\n`,
  );
  console.log(
    `  ${''.padEnd(14)}${'created'.padStart(9)}${'updated'.padStart(9)}${'unchanged'.padStart(11)}${'skipped'.padStart(9)}`,
  );
  console.log(rows.join('\n'));
  if (result.problems.length > 0) {
    console.log(`\n${result.problems.length} record(s) skipped (file, record id, field: reason):`);
    for (const p of result.problems.slice(0, 100))
      console.log(`  ${p.file}  ${p.recordId ?? '-'}  ${p.field}: ${p.reason}`);
    if (result.problems.length > 100)
      console.log(`  ... and ${result.problems.length - 100} more (use --json for all)`);
  }
  if (result.unmappedTerms.length > 0) {
    console.log(
      `\n${result.unmappedTerms.length} taxonomy term(s) with no crosswalk to our categories (listings, source, code, name):`,
    );
    for (const t of result.unmappedTerms.slice(0, 30))
      console.log(`  ${String(t.count).padStart(6)}  ${t.source}  ${t.code}  ${t.name}`);
    if (result.unmappedTerms.length > 30)
      console.log(`  ... and ${result.unmappedTerms.length - 30} more (use --json for all)`);
  }
  if (result.warningCount > 0) {
    console.log(
      `\n${result.warningCount} warning(s): loaded, with something left out or changed${result.warningCount > 20 ? ' (first 20)' : ''}:`,
    );
    for (const w of result.warnings.slice(0, 20))
      console.log(`  ${w.file}  ${w.recordId ?? '-'}  ${w.field}: ${w.reason}`);
  }
}
