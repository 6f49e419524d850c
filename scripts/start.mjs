/**
 * `npm start`: compiles the server into one ESM file (our TypeScript only; packages stay in node_modules),
 * with the document inspection's worker beside it, and runs it in this same process. Plain Node starts it
 * in a fraction of the time an on-the-fly TypeScript loader needs, which is most of a later start; when the
 * sources have not changed since the last bundle, it is not made again.
 */
import { BUNDLE_ENTRIES, bundleServerUnlessBuilt } from "./bundle-server.mjs";

await bundleServerUnlessBuilt(BUNDLE_ENTRIES, "dist");
await import("../dist/server.js");
