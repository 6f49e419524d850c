/**
 * A sensitive free-text answer needs its own consent only when it says something: while the field is empty
 * or reports nothing (「無」), its consent box stays out of the way. Without this script the box is always
 * shown, with a hint saying when to tick it; the server applies the same rule either way.
 */
function reportsNothing(text: string, nothing: string[]): boolean {
  const plain = text
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/[。.\s]/g, "");
  return (
    plain === "" ||
    nothing.some(
      (n) =>
        n
          .normalize("NFKC")
          .toLowerCase()
          .replace(/[。.\s]/g, "") === plain,
    )
  );
}

export function wireSensitiveConsent(): void {
  for (const box of document.querySelectorAll<HTMLElement>("[data-consent-for]")) {
    const field = document.getElementById(box.dataset.consentFor ?? "") as HTMLTextAreaElement | HTMLInputElement | null;
    if (!field) continue;
    const nothing = (box.dataset.consentNotFor ?? "").split("|").filter(Boolean);
    const update = () => {
      // A box showing an error, or already ticked, stays visible: the candidate must be able to see it.
      const keep = box.classList.contains("field--error") || Boolean(box.querySelector<HTMLInputElement>("input:checked"));
      box.hidden = !keep && reportsNothing(field.value, nothing);
    };
    field.addEventListener("input", update);
    update();
  }
}
