const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Is this a UUID the database will accept? Ids from URLs are checked before any query sees them. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
