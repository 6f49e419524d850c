/** `npm run build:client`: bundles the browser scripts (the server also does this when it starts, if their sources changed). */
import { buildClientAssets } from "../src/platform/http/client-assets.ts";

await buildClientAssets();
