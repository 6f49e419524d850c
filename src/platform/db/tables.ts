/** Every table of the portal, for Drizzle's typed queries and drizzle-kit's migrations. */
export * from "../../features/accounts/schema.ts";
export * from "../../features/applications/schema.ts";
export * from "../../features/assessment/schema.ts";
export * from "../../features/documents/schema.ts";
export * from "../../features/jobs/schema.ts";
export * from "./schema.ts";
