const JAPAN_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today in Japan, as YYYY-MM-DD: ages and start dates are Japanese calendar days. */
export function japanToday(now: Date): string {
  return JAPAN_DATE.format(now);
}
