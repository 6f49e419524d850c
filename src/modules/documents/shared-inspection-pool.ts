import { createInspectionPool, type InspectionPool, type InspectionPoolOptions } from "./inspection/index.ts";

// One pool for the whole process, so the bound on concurrent inspections holds across every request.
let pool: InspectionPool | undefined;
let settings: InspectionPoolOptions = {};

/** Sizes the shared pool (from the server's settings); it takes effect when the pool is next started. */
export function configureSharedInspectionPool(options: InspectionPoolOptions): void {
  settings = options;
}

/** The pool uploads are inspected in, started on first use. */
export function sharedInspectionPool(): InspectionPool {
  pool ??= createInspectionPool(settings);
  return pool;
}

/** Stops the shared pool's workers, as the server shuts down. */
export async function closeSharedInspectionPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
