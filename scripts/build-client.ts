/** `npm run build:client`: bundles the browser scripts (the server also does this when it starts). */
import { buildClientAssets } from "../src/platform/http/client-assets.ts";

await buildClientAssets();
