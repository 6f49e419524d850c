/**
 * Job changes made by this process, heard once they are committed: the candidate pages keep each job's page
 * rendered, and drop it the moment the office edits, publishes or closes the job, so the next visitor sees
 * the change. (Another instance's changes reach those pages when their copy expires, within JOB_CACHE_MS.)
 */
type JobChangeListener = (jobId: string) => void;

const listeners = new Set<JobChangeListener>();

/** Hears every committed change of a job in this process; answers the function that stops listening. */
export function watchJobChanges(listener: JobChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the listeners that a job's content or status changed (call it after the transaction commits). */
export function announceJobChange(jobId: string): void {
  for (const listener of listeners) listener(jobId);
}
