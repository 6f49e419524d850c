/**
 * The assessment page's enhancements. Without them every page still works: a 次へ button submits the
 * answer and the server answers with the next page.
 * - Auto-advance: a pointer choice saves the answer at once and moves on when the server confirms it.
 *   Keyboard use never auto-advances (arrow keys change a radio on every press), and 次へ stays.
 * - Integrity and media events (focus lost, page hidden, paste, audio played, transcript opened) are
 *   reported for reviewers.
 */

function csrfOf(form: HTMLFormElement | null): string {
  return (form?.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? document.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value) || "";
}

function eventsUrl(): string | null {
  const m = location.pathname.match(/^\/applications\/[0-9a-f-]{36}\/assessment/);
  return m ? `${m[0]}/events` : null;
}

function report(kind: string, item: string | null): void {
  const url = eventsUrl();
  if (!url) return;
  fetch(url, {
    method: "POST",
    keepalive: true,
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ _csrf: csrfOf(null), kind, item }),
  }).catch(() => undefined);
}

function wireAutoAdvance(form: HTMLFormElement): void {
  const next = form.querySelector<HTMLButtonElement>("[data-next]");
  let keyboard = false;
  let pointer = false;
  form.addEventListener("keydown", () => {
    keyboard = true;
    pointer = false;
    next?.removeAttribute("hidden");
  });
  form.addEventListener("pointerdown", () => {
    pointer = true;
  });
  if (form.dataset.autoAdvance === "on" && next) next.hidden = true;
  form.addEventListener("change", async (event) => {
    const target = event.target as HTMLInputElement;
    if (target.name !== "answer" || form.dataset.autoAdvance !== "on" || keyboard || !pointer) return;
    const body = new URLSearchParams();
    for (const [k, v] of new FormData(form)) body.append(k, String(v));
    try {
      const res = await fetch(form.action, { method: "POST", body, headers: { accept: "application/json" } });
      const json = (await res.json()) as { ok: boolean; next?: string };
      if (res.ok && json.ok && json.next) {
        location.assign(json.next);
        return;
      }
    } catch {
      // Fall through: the ordinary submit below saves the answer or shows what went wrong.
    }
    form.submit();
  });
}

function wireMedia(): void {
  for (const box of document.querySelectorAll<HTMLElement>("[data-audio]")) {
    const item = box.dataset.item || null;
    const audio = box.querySelector("audio");
    const max = Number(box.dataset.maxPlays ?? 0);
    let plays = 0;
    audio?.addEventListener("play", () => {
      plays += 1;
      report("play", item);
    });
    audio?.addEventListener("ended", () => {
      if (max && plays >= max && audio) {
        audio.controls = false;
        audio.setAttribute("aria-hidden", "true");
      }
    });
    box.querySelector("details")?.addEventListener("toggle", (e) => {
      if ((e.target as HTMLDetailsElement).open) report("transcript", item);
    });
  }
}

export function wireAssessment(): void {
  if (!eventsUrl()) return;
  const form = document.querySelector<HTMLFormElement>("[data-item-form]");
  if (form) wireAutoAdvance(form);
  wireMedia();
  const item = () => document.querySelector<HTMLElement>("[data-audio]")?.dataset.item || null;
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") report("hidden", item());
  });
  window.addEventListener("blur", () => report("focus-lost", item()));
  document.addEventListener("paste", () => report("paste", item()));
}
