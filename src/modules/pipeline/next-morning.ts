/** Japan keeps no daylight saving time: 09:00 in Tokyo is always 00:00 UTC. */
const TOKYO_OFFSET_MS = 9 * 3600_000;

/**
 * The next 09:00 in Tokyo after an instant: when a rejection decided in the evening reaches the candidate,
 * rather than at the moment it was decided. Before 09:00 that is the same morning.
 */
export function nextMorningInTokyo(now: Date): Date {
  const tokyo = new Date(now.getTime() + TOKYO_OFFSET_MS);
  const morning = Date.UTC(tokyo.getUTCFullYear(), tokyo.getUTCMonth(), tokyo.getUTCDate(), 9) - TOKYO_OFFSET_MS;
  return new Date(morning > now.getTime() ? morning : morning + 24 * 3600_000);
}
