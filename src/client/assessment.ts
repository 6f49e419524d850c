/**
 * The assessment page's enhancements. Without them every page still works: one form per page, 次へ submits
 * the answer (both picks of a situation at once) and the server answers with the next page.
 * - Every pick is saved the moment it is given (a situation's first pick too), one save at a time, each
 *   carrying the version the last one returned, so the page never trips its own stale-tab guard.
 * - Auto-advance: when a pointer choice makes the answer whole (both picks of a situation, a pair's
 *   point), the page moves on once the server confirms the save. Never with the keyboard (arrow keys
 *   change a radio on every press), and never on a page that opened already answered (after 「← 戻る」,
 *   where the candidate may want to change both picks): there 次へ shows, as it does whenever the answer
 *   is whole.
 * - A situation cannot have the same response as best and worst: choosing it in one group clears it in
 *   the other, and the page says so.
 * - Audio: the server is asked before each play from the beginning (or after the clip ended); a play
 *   beyond the item's limit is refused and the page says so. Pausing and resuming is not a play.
 * - Integrity events (focus lost, page hidden, paste) are reported for reviewers; opening a transcript is
 *   recorded as an accommodation.
 */

type Saved = { ok: boolean; version?: number; next?: string; stale?: boolean };

function csrfOf(form: HTMLFormElement | null): string {
  return (form?.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? document.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value) || "";
}

function assessmentBase(): string | null {
  return location.pathname.match(/^\/applications\/[0-9a-f-]{36}\/assessment/)?.[0] ?? null;
}

function postJson(path: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${assessmentBase()}/${path}`, {
    method: "POST",
    keepalive: true,
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ _csrf: csrfOf(null), ...body }),
  });
}

function report(kind: string, item: string | null): void {
  postJson("events", { kind, item }).catch(() => undefined);
}

function checked(form: HTMLFormElement, name: string): HTMLInputElement | null {
  return form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
}

function isWhole(form: HTMLFormElement): boolean {
  if (form.querySelector('input[name="best"]')) return Boolean(checked(form, "best") && checked(form, "worst"));
  return Boolean(checked(form, "answer"));
}

function wireItemForm(form: HTMLFormElement): void {
  const next = form.querySelector<HTMLButtonElement>("[data-next]");
  const version = form.querySelector<HTMLInputElement>('input[name="v"]');
  const auto = form.dataset.autoAdvance === "on";
  const openedAnswered = form.dataset.answered === "yes";
  let keyboard = false;
  let pointer = false;
  let leaving = false;
  let queue: Promise<unknown> = Promise.resolve();
  let pending = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const showNext = () => next?.removeAttribute("hidden");
  if (auto && !openedAnswered && next) next.hidden = true;

  async function save(): Promise<Saved | null> {
    const body = new URLSearchParams();
    for (const [k, v] of new FormData(form)) body.append(k, String(v));
    try {
      const res = await fetch(form.action, { method: "POST", body, headers: { accept: "application/json" } });
      const json = (await res.json()) as Saved;
      if (res.ok && json.ok && version && json.version !== undefined) version.value = String(json.version);
      if (res.status === 409) {
        // Another tab changed this answer: the ordinary submit shows the saved answer and says so.
        leaving = true;
        form.submit();
      }
      return json;
    } catch {
      return null;
    }
  }

  /** Saves after the saves before it; the page's version moves on with each. */
  function enqueue(): Promise<Saved | null> {
    pending += 1;
    const done = queue.then(save);
    queue = done.finally(() => {
      pending -= 1;
    });
    return done;
  }

  form.addEventListener("keydown", () => {
    keyboard = true;
    pointer = false;
    showNext();
  });
  form.addEventListener("pointerdown", () => {
    pointer = true;
  });

  const picks = form.querySelector<HTMLElement>("[data-picks]");
  const note = form.querySelector<HTMLElement>("[data-pick-note]");
  form.addEventListener("change", (event) => {
    const target = event.target as HTMLInputElement;
    if (!["best", "worst", "answer"].includes(target.name)) return;
    if (picks && note && (target.name === "best" || target.name === "worst")) {
      const other = target.name === "best" ? "worst" : "best";
      const twin = checked(form, other);
      note.textContent = "";
      if (twin && twin.value === target.value) {
        twin.checked = false;
        note.textContent = (picks.dataset.note ?? "").replace("{pick}", picks.dataset[other] ?? "");
      }
    }
    const whole = isWhole(form);
    if (whole && auto && pointer && !keyboard && !openedAnswered) {
      clearTimeout(timer);
      void enqueue().then((saved) => {
        if (leaving) return;
        if (saved?.ok && saved.next) {
          leaving = true;
          location.assign(saved.next);
        } else if (!saved?.ok) {
          // The save did not go through: the ordinary submit saves the answer or shows what went wrong.
          leaving = true;
          form.submit();
        }
      });
      return;
    }
    if (whole) showNext();
    clearTimeout(timer);
    // Arrow keys walk through a group one radio at a time: save where the candidate stops.
    if (keyboard) timer = setTimeout(() => void enqueue(), 600);
    else void enqueue();
  });

  // 次へ (or Enter) while a save is on its way: wait for it, so the submit carries the version it returned.
  form.addEventListener("submit", (event) => {
    clearTimeout(timer);
    if (pending === 0) return;
    event.preventDefault();
    void queue.then(() => {
      if (!leaving) form.submit();
    });
  });
}

function wireAudio(box: HTMLElement): void {
  const item = box.dataset.item || null;
  const audio = box.querySelector("audio");
  const form = box.closest("form");
  const shown = form?.querySelector<HTMLInputElement>('input[name="shown"]')?.value ?? "";
  const status = box.querySelector<HTMLElement>("[data-audio-status]");
  const max = Number(box.dataset.maxPlays ?? 0);
  let plays = Number(box.dataset.plays ?? 0);
  let ended = false;
  const refuse = () => {
    if (!audio) return;
    audio.pause();
    audio.currentTime = 0;
    audio.controls = false;
    audio.hidden = true;
    box.querySelector("[data-plays-note]")?.remove();
    if (status) status.textContent = box.dataset.playsUsed ?? "";
  };
  audio?.addEventListener("ended", () => {
    ended = true;
    if (max && plays >= max) refuse();
  });
  audio?.addEventListener("play", () => {
    if (!item) return;
    // Resuming after a pause is not a play; starting from the beginning, or again after the end, is.
    if (!ended && audio.currentTime > 0.5) return;
    ended = false;
    if (max && plays >= max) {
      refuse();
      return;
    }
    postJson("plays", { item, shown })
      .then((res) => {
        if (res.status === 409) {
          plays = max;
          refuse();
          return;
        }
        if (!res.ok) return;
        plays += 1;
        const left = box.querySelector("[data-plays-note]");
        if (left && box.dataset.playsLeft) left.textContent = box.dataset.playsLeft.replace("{left}", String(Math.max(0, max - plays)));
      })
      .catch(() => undefined);
  });
  box.querySelector("details")?.addEventListener("toggle", (e) => {
    if (item && (e.target as HTMLDetailsElement).open) postJson("transcript", { item, shown }).catch(() => undefined);
  });
}

export function wireAssessment(): void {
  if (!assessmentBase()) return;
  const form = document.querySelector<HTMLFormElement>("[data-item-form]");
  if (form) wireItemForm(form);
  for (const box of document.querySelectorAll<HTMLElement>("[data-audio]")) wireAudio(box);
  const item = () => form?.dataset.item || null;
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") report("hidden", item());
  });
  window.addEventListener("blur", () => report("focus-lost", item()));
  document.addEventListener("paste", () => report("paste", item()));
}
