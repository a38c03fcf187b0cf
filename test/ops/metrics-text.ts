// Reads Prometheus text exposition in tests: the sum of a metric's samples whose labels include
// the given ones (0 when none), so tests can compare counters before and after some traffic.

/** Sum of the samples of `name` carrying every label in `labels`. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const given = m[3] ?? "";
    if (Object.entries(labels).every(([k, v]) => given.includes(`${k}="${v}"`))) sum += Number(m[4]);
  }
  return sum;
}
