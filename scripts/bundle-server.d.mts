// Types for bundle-server.mjs, which stays plain JavaScript so `npm start` can run it without a loader.

/** The bundle's entry points, by the name of the file each becomes. */
export declare const BUNDLE_ENTRIES: { server: string; "inspection-worker": string };

/** Bundles `entryPoints` (name → source) into `outdir`, one ESM file each. */
export declare function bundleServer(entryPoints: Record<string, string>, outdir: string): Promise<void>;

/** Bundles unless `outdir` already holds the bundle of these very sources; answers whether it bundled. */
export declare function bundleServerUnlessBuilt(entryPoints: Record<string, string>, outdir: string): Promise<boolean>;
