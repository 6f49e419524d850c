/**
 * Progressive enhancement for every page. The pages work without it: this moves focus after a page
 * change, turns on the show-PIN toggle, fills the address from the postal code, shows a sensitive
 * answer's consent box only when the answer says something, and runs the assessment's auto-advance.
 */
import { wireAssessment } from "./assessment.ts";
import { wirePostalCodeFill } from "./postal-code.ts";
import { wireSensitiveConsent } from "./sensitive-consent.ts";

function focusOnArrival(): void {
  const summary = document.querySelector<HTMLElement>("[data-error-summary]");
  if (summary) {
    summary.focus();
    return;
  }
  // A fresh visit from another site keeps the browser's own start; a step inside the portal moves focus
  // to the new page's heading so screen readers announce where they are.
  if (document.referrer && new URL(document.referrer).origin === location.origin) {
    document.querySelector<HTMLElement>("[data-page-heading]")?.focus();
  }
}

function wireShowPin(): void {
  for (const box of document.querySelectorAll<HTMLInputElement>("[data-show-pin]")) {
    const input = document.getElementById(box.dataset.showPin ?? "") as HTMLInputElement | null;
    if (!input) continue;
    box.closest<HTMLElement>("[data-show-pin-toggle]")?.removeAttribute("hidden");
    box.addEventListener("change", () => {
      input.type = box.checked ? "text" : "password";
    });
  }
}

focusOnArrival();
wireShowPin();
wirePostalCodeFill();
wireSensitiveConsent();
wireAssessment();
