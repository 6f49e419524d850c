import pino from "pino";

/**
 * Standard output for the log, written without blocking: the lines that come while a write is in flight go
 * out together in the next one, so a busy portal does not stop for a write per line; what is still waiting
 * is written out when the process exits.
 */
export function logDestination(): pino.DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}
