import type { Page } from "playwright-core";

/**
 * Every radio and checkbox the page shows, with the row a finger taps: under 44 px high, or beside another
 * answer to the same question instead of under it. The work-style pairs' scale is the one row laid out
 * across on purpose (its ends are the two statements above), so its points only need to be 44 px square.
 */
export async function crampedChoices(page: Page): Promise<{ target: string; html: string }[]> {
  return page.locator("main").evaluate((main) => {
    const rows = [...main.querySelectorAll<HTMLInputElement>('input[type="radio"], input[type="checkbox"]')].flatMap((input) => {
      const row = input.closest<HTMLElement>(".radio, .checkbox, .choice, .pair__point") ?? input.parentElement!;
      const box = row.getBoundingClientRect();
      return box.width > 0 && box.height > 0 ? [{ input, row, box, scale: row.classList.contains("pair__point") }] : [];
    });
    const found: { target: string; html: string }[] = [];
    const say = (row: HTMLElement, problem: string) => found.push({ target: problem, html: row.outerHTML });
    for (const { row, box, scale } of rows) {
      if (box.height < 44 || (scale && box.width < 44)) say(row, `a row ${Math.round(box.width)}×${Math.round(box.height)} px`);
    }
    for (const [i, a] of rows.entries()) {
      for (const b of rows.slice(i + 1)) {
        const sameQuestion = a.input.name !== "" && a.input.name === b.input.name && a.input.form === b.input.form;
        const sideBySide = a.box.top < b.box.bottom && b.box.top < a.box.bottom;
        if (sameQuestion && sideBySide && !a.scale) say(b.row, `beside another answer to "${a.input.name}", not under it`);
      }
    }
    return found;
  });
}
