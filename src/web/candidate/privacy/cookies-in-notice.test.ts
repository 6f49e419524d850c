import { describe, expect, it } from "vitest";
import type { Config } from "../../../config.ts";
import { privacyNotice } from "../../../modules/privacy/privacy-notice.ts";
import { browserKeyCookie, LOCALE_COOKIE } from "../../../platform/http/browser-context.ts";
import { sessionCookieName } from "../../../platform/http/surface-session.ts";
import { KEPT_FORM_COOKIE } from "../kept-form.ts";

/** Every cookie the candidate's pages set, as named over plain http and over https. */
function candidateCookies(secureCookies: boolean): string[] {
  const config = { secureCookies } as Config;
  return [sessionCookieName(config, "candidate"), browserKeyCookie(config), LOCALE_COOKIE, KEPT_FORM_COOKIE];
}

describe("the privacy notice's cookies section", () => {
  it.each(["ja", "en"] as const)("names every cookie the candidate's pages set, and the https prefix (%s)", (locale) => {
    const section = privacyNotice(locale).sections.find((s) => s.id === "cookies");
    const text = JSON.stringify(section?.blocks ?? []);
    for (const name of candidateCookies(false)) expect(text, name).toContain(name);
    for (const name of candidateCookies(true)) expect(text, name).toContain(name.replace(/^__Host-/, ""));
    expect(text).toContain("__Host-");
  });
});
