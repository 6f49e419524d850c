import type { ComponentChildren } from "preact";

/** What every chart says about itself: an id unique in the page (letters, digits, hyphens), a title and a description. */
export interface ChartLabelling {
  id: string;
  /** The chart's name, e.g. 「応募から採用までの推移」. */
  title: string;
  /** What it shows in a sentence or two, for people who cannot see it; the data itself goes in a `ChartTable`. */
  description: string;
}

export const FONT_SIZE = 14;

// Building an Intl formatter costs far more than using one: make it once.
const JAPANESE_NUMBER = new Intl.NumberFormat("ja-JP");

/** Numbers as the office reads them by default: 「1,234」. */
export function formatJapaneseNumber(value: number): string {
  return JAPANESE_NUMBER.format(value);
}

/** A value as printed on its bar; a missing one (NaN, ±Infinity) as a dash rather than 「NaN」. */
export function printedValue(value: number, format: (value: number) => string): string {
  return Number.isFinite(value) ? format(value) : "–";
}

/** How long a bar is drawn: negative and missing values as nothing, anything past the scale as full. */
export function barFraction(value: number, max: number): number {
  if (!Number.isFinite(value) || value <= 0 || max <= 0) return 0;
  return Math.min(1, value / max);
}

/** Coordinates to a tenth of a unit: finer than any screen shows, and short to send. */
export function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * The `<svg>` every chart is drawn in: announced as one image named by its title and description, sized
 * by its viewBox so it scales to its container, drawn in `currentColor` so it follows the page's text
 * colour and forced (high-contrast) colours. No script, no links, nothing loaded from elsewhere.
 */
export function ChartFrame(props: ChartLabelling & { kind: string; width: number; height: number; children?: ComponentChildren }) {
  const titleId = `${props.id}-title`;
  const descId = `${props.id}-desc`;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      id={props.id}
      class={`chart chart-${props.kind}`}
      viewBox={`0 0 ${props.width} ${round(props.height)}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      fill="currentColor"
      font-size={FONT_SIZE}
    >
      <title id={titleId}>{props.title}</title>
      <desc id={descId}>{props.description}</desc>
      {props.children}
    </svg>
  );
}
