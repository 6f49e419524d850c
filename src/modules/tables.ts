/** Every table of the portal, for Drizzle's typed queries and drizzle-kit's migrations. */

export * from "../platform/db/schema.ts";
export * from "./applications/schema.ts";
export * from "./assessment/schema.ts";
export * from "./candidate-review/schema.ts";
export * from "./candidates/schema.ts";
export * from "./documents/schema.ts";
export * from "./email-templates/schema.ts";
export * from "./events/schema.ts";
export * from "./jobs/schema.ts";
export * from "./pipeline/schema.ts";
export * from "./privacy/schema.ts";
export * from "./staff/schema.ts";
