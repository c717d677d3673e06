/**
 * CPU milliseconds `fn` took in this process, for a test that guards against a pathological slow
 * path (quadratic parsing, say). Unlike elapsed time it does not grow while other processes have
 * the cores, so a loaded machine cannot fail such a test; a budget still wants a wide margin, as
 * a busy machine's caches make every instruction a little slower.
 */
export function cpuTimeOf(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
