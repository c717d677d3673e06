// A second reporter for scripts/run-tests.mjs: how long each test file took, as JSON
// { "<absolute path>": ms }. A file run in a process of its own is timed start to end; a file run
// in a group (several light files in one process) by the sum of its top-level tests.
// run-tests.mjs starts the slowest first next time and prints the slowest at the end.
export default async function* testTimes(source) {
  const own = {};
  const grouped = {};
  for await (const event of source) {
    const d = event.data;
    if (event.type !== 'test:complete' || d?.nesting !== 0 || !d.file) continue;
    const ms = d.details?.duration_ms ?? 0;
    if (d.name === d.file) own[d.file] = Math.round(ms);
    else grouped[d.file] = (grouped[d.file] ?? 0) + ms;
  }
  for (const [file, ms] of Object.entries(grouped)) own[file] ??= Math.round(ms);
  yield JSON.stringify(own);
}
