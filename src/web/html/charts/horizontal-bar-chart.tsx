import { barFraction, ChartFrame, type ChartLabelling, FONT_SIZE, formatJapaneseNumber, printedValue, round } from "./chart-frame.tsx";
import { fitLabel } from "./label-fitting.ts";

/** One bar: a stage of the hiring funnel, say, with its count and an optional note such as the drop-off. */
export interface HorizontalBar {
  label: string;
  value: number;
  /** Printed after the value, already formatted: 「離脱 32%」. */
  note?: string;
}

const WIDTH = 640;
const LABEL_RIGHT = 196;
const BAR_LEFT = 208;
// Room after the longest bar for its value and note.
const VALUE_ROOM = 168;
const BAR_ROOM = WIDTH - BAR_LEFT - VALUE_ROOM;
const ROW = 36;
const BAR_HEIGHT = 22;
const PAD = 8;
const GAP = 6;
const LABEL_EM = (LABEL_RIGHT - PAD) / FONT_SIZE;

/**
 * Bars from left to right, one a row, each labelled on its left and its value printed at its end: a
 * hiring funnel (応募 → 書類選考 → 面接 → 内定 → 入社) reads top to bottom. Long labels end in 「…」 and
 * the full label is the row's `<title>`. Bars are scaled to `max`, or to the largest value.
 */
export function HorizontalBarChart(
  props: ChartLabelling & { bars: readonly HorizontalBar[]; max?: number; formatValue?: (value: number) => string; emptyText?: string },
) {
  const format = props.formatValue ?? formatJapaneseNumber;
  const max = props.max ?? Math.max(0, ...props.bars.map((bar) => (Number.isFinite(bar.value) ? bar.value : 0)));
  const rows = Math.max(1, props.bars.length);
  const height = PAD * 2 + rows * ROW;
  return (
    <ChartFrame id={props.id} title={props.title} description={props.description} kind="horizontal-bars" width={WIDTH} height={height}>
      <line class="chart-axis" x1={BAR_LEFT} y1={PAD} x2={BAR_LEFT} y2={height - PAD} stroke="currentColor" stroke-width={1} />
      {props.bars.length === 0 && props.emptyText ? (
        <text class="chart-empty" x={WIDTH / 2} y={height / 2} text-anchor="middle" dominant-baseline="central">
          {props.emptyText}
        </text>
      ) : null}
      {props.bars.map((bar, i) => {
        const top = PAD + i * ROW;
        const middle = round(top + ROW / 2);
        const length = round(barFraction(bar.value, max) * BAR_ROOM);
        const value = printedValue(bar.value, format);
        const label = fitLabel(bar.label, LABEL_EM);
        return (
          <g class="chart-row" key={i}>
            <title>{bar.note ? `${bar.label}: ${value} ${bar.note}` : `${bar.label}: ${value}`}</title>
            <text class="chart-label" x={LABEL_RIGHT} y={middle} text-anchor="end" dominant-baseline="central">
              {label}
            </text>
            <rect class="chart-bar" x={BAR_LEFT} y={round(top + (ROW - BAR_HEIGHT) / 2)} width={length} height={BAR_HEIGHT} />
            <text class="chart-value" x={round(BAR_LEFT + length + GAP)} y={middle} dominant-baseline="central">
              {value}
              {bar.note ? (
                <tspan class="chart-note" dx={GAP}>
                  {bar.note}
                </tspan>
              ) : null}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
