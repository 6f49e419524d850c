import { normaliseText } from "../../platform/text/japanese-input.ts";
import { nameSearchKey } from "../applications/name-search-key.ts";
import { normaliseEmail, parseIdentifier, toE164 } from "../candidates/contact-details.ts";

/** What a search box's text is taken to be. */
export type PipelineSearch =
  | { kind: "name"; key: string; reference: string }
  | { kind: "email"; value: string }
  | { kind: "phone"; value: string }
  /** An e-mail address or phone number typed by a member who may not search by them: matches nothing. */
  | { kind: "contactNotAllowed" }
  | { kind: "none" };

const PHONE_LIKE = /^[+＋]?[\d０-９\s()（）\-‐－ー]{8,}$/u;

/**
 * Reads the search box: an e-mail address (it has an @), a phone number in any format (digits, spaces,
 * hyphens, full-width or not, +81 or 0), or else a name in any script, which may also be an application
 * reference. Contact details are searched only for members who may see them.
 */
export function readPipelineSearch(raw: string | undefined, mayUseContact: boolean): PipelineSearch {
  const text = normaliseText(raw ?? "").slice(0, 200);
  if (text === "") return { kind: "none" };
  if (text.includes("@")) {
    if (!mayUseContact) return { kind: "contactNotAllowed" };
    const identified = parseIdentifier(text);
    return { kind: "email", value: identified?.kind === "email" ? identified.value : normaliseEmail(text) };
  }
  if (PHONE_LIKE.test(text)) {
    const phone = toE164(text, "JP");
    if (phone) return mayUseContact ? { kind: "phone", value: phone } : { kind: "contactNotAllowed" };
  }
  // The stored names put `|` between their forms; it is never part of a name.
  const key = nameSearchKey(text).replaceAll("|", "");
  return key === "" ? { kind: "none" } : { kind: "name", key, reference: text.toUpperCase().replace(/\s/g, "") };
}
