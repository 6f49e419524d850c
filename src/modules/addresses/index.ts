export { lookupPostalCode, type PostalAddress } from "./lookup-postal-code.ts";
export { normalisePostalCode, type PostalCodeProblem, type PostalCodeReading } from "./normalise-postal-code.ts";
export { PREFECTURES, type Prefecture } from "./prefectures.ts";
