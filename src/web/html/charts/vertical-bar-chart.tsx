import { barFraction, ChartFrame, type ChartLabelling, FONT_SIZE, formatJapaneseNumber, printedValue, round } from "./chart-frame.tsx";
import { fitLabel, textWidthEm } from "./label-fitting.ts";

/** One group of bars: an applicant group, say, with one value a series. */
export interface BarGroup {
  label: string;
  /** One value a series, in the order of `series`. */
  values: readonly number[];
}

/** A horizontal line across the chart at `value`, named by `label` (「4/5 基準（56%）」). */
export interface ReferenceLine {
  value: number;
  label: string;
}

const WIDTH = 640;
const SIDE = 16;
const LEGEND_ROW = 28;
// Room above the tallest bar for its printed value.
const VALUE_ROOM = 22;
const PLOT_HEIGHT = 220;
const LABEL_ROOM = 36;
const VALUE_FONT_SIZE = 12;
// Share of a group's width the bars take; the rest separates groups.
const GROUP_FILL = 0.72;
const SWATCH = 14;
// With a reference line, room on the right for its name, beside the line rather than over the bars.
const REFERENCE_ROOM = 120;
const REFERENCE_FONT_SIZE = 12;

/**
 * The four-fifths level for selection rates: 80% of the highest group's rate. A group selected at a lower
 * rate than this shows adverse impact under the four-fifths rule and deserves a closer look.
 */
export function fourFifthsLevel(rates: readonly number[]): number {
  const highest = Math.max(0, ...rates.filter((rate) => Number.isFinite(rate)));
  return highest * 0.8;
}

/**
 * Bars standing side by side, one group per label and one bar per series in each group: selection rates
 * per applicant group, say, with a dashed reference line at the four-fifths level. Each series after the
 * first is filled with its own pattern (hatching, dots, cross-hatching, stripes) and named in a legend, so
 * colour is never the only way to tell series apart; values are printed above the bars. Bars are scaled
 * to `max`, or to the largest value or reference.
 */
export function VerticalBarChart(
  props: ChartLabelling & {
    /** Series names, shown in a legend when there are two or more. */
    series: readonly string[];
    groups: readonly BarGroup[];
    reference?: ReferenceLine;
    max?: number;
    formatValue?: (value: number) => string;
    emptyText?: string;
  },
) {
  const format = props.formatValue ?? formatJapaneseNumber;
  const seriesCount = Math.max(1, props.series.length);
  const values = props.groups.flatMap((group) => group.values).filter((value) => Number.isFinite(value));
  const max = props.max ?? Math.max(0, ...values, props.reference?.value ?? 0);
  const legend = props.series.length > 1;
  const plotTop = SIDE / 2 + (legend ? LEGEND_ROW : 0) + VALUE_ROOM;
  const baseline = plotTop + PLOT_HEIGHT;
  const height = baseline + LABEL_ROOM;
  const plotRight = WIDTH - SIDE - (props.reference ? REFERENCE_ROOM : 0);
  const groupWidth = (plotRight - SIDE) / Math.max(1, props.groups.length);
  const barWidth = (groupWidth * GROUP_FILL) / seriesCount;
  const labelEm = (groupWidth - 4) / FONT_SIZE;
  const heightOf = (value: number) => barFraction(value, max) * PLOT_HEIGHT;
  const below = (value: number) => props.reference !== undefined && Number.isFinite(value) && value < props.reference.value;
  return (
    <ChartFrame id={props.id} title={props.title} description={props.description} kind="vertical-bars" width={WIDTH} height={height}>
      <SeriesPatterns id={props.id} count={seriesCount} />
      {legend ? <Legend id={props.id} series={props.series} /> : null}
      <line class="chart-axis" x1={SIDE} y1={baseline} x2={plotRight} y2={baseline} stroke="currentColor" stroke-width={1} />
      {props.groups.length === 0 && props.emptyText ? (
        <text class="chart-empty" x={round((SIDE + plotRight) / 2)} y={round(plotTop + PLOT_HEIGHT / 2)} text-anchor="middle" dominant-baseline="central">
          {props.emptyText}
        </text>
      ) : null}
      {props.groups.map((group, g) => {
        const groupLeft = SIDE + g * groupWidth;
        const barsLeft = groupLeft + (groupWidth * (1 - GROUP_FILL)) / 2;
        const printed = group.values.map((value) => printedValue(value, format));
        const summary = props.series.length > 1 ? props.series.map((name, s) => `${name} ${printed[s] ?? "–"}`).join("、") : (printed[0] ?? "–");
        return (
          <g class="chart-group" key={g}>
            <title>{`${group.label}: ${summary}`}</title>
            {group.values.slice(0, seriesCount).map((value, s) => {
              const barHeight = round(heightOf(value));
              const x = round(barsLeft + s * barWidth);
              return (
                <g key={s}>
                  <rect
                    class={`chart-bar chart-series-${s}${below(value) ? " chart-below-reference" : ""}`}
                    x={x}
                    y={round(baseline - barHeight)}
                    width={round(barWidth)}
                    height={barHeight}
                    fill={seriesFill(props.id, s)}
                    stroke="currentColor"
                    stroke-width={1}
                  />
                  <text class="chart-value" x={round(x + barWidth / 2)} y={round(baseline - barHeight - 5)} text-anchor="middle" font-size={VALUE_FONT_SIZE}>
                    {printed[s]}
                  </text>
                </g>
              );
            })}
            <text
              class="chart-label"
              x={round(groupLeft + groupWidth / 2)}
              y={round(baseline + LABEL_ROOM / 2 + 2)}
              text-anchor="middle"
              dominant-baseline="central"
            >
              {fitLabel(group.label, labelEm)}
            </text>
          </g>
        );
      })}
      {props.reference ? <Reference line={props.reference} right={plotRight} y={round(baseline - heightOf(props.reference.value))} /> : null}
    </ChartFrame>
  );
}

// Solid, then patterns that stay distinct in greyscale, print and forced colours.
const PATTERNS = ["solid", "hatch", "dots", "crosshatch", "stripes"] as const;

function seriesFill(id: string, series: number): string {
  const pattern = series % PATTERNS.length;
  return pattern === 0 ? "currentColor" : `url(#${id}-pattern-${pattern})`;
}

/** The fill patterns of the series after the first, drawn in `currentColor` like everything else. */
function SeriesPatterns({ id, count }: { id: string; count: number }) {
  if (count < 2) return null;
  return (
    <defs>
      <pattern id={`${id}-pattern-1`} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line x1={0} y1={0} x2={0} y2={6} stroke="currentColor" stroke-width={3} />
      </pattern>
      <pattern id={`${id}-pattern-2`} width={6} height={6} patternUnits="userSpaceOnUse">
        <circle cx={3} cy={3} r={1.6} />
      </pattern>
      <pattern id={`${id}-pattern-3`} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line x1={0} y1={0} x2={0} y2={6} stroke="currentColor" stroke-width={1.5} />
        <line x1={0} y1={3} x2={6} y2={3} stroke="currentColor" stroke-width={1.5} />
      </pattern>
      <pattern id={`${id}-pattern-4`} width={6} height={6} patternUnits="userSpaceOnUse">
        <line x1={0} y1={1.5} x2={6} y2={1.5} stroke="currentColor" stroke-width={2} />
      </pattern>
    </defs>
  );
}

/** The series' names beside swatches filled as their bars are, in one row along the top. */
function Legend({ id, series }: { id: string; series: readonly string[] }) {
  let x = SIDE;
  const y = SIDE / 2;
  return (
    <g class="chart-legend">
      {series.map((name, s) => {
        const left = x;
        x += SWATCH + 6 + textWidthEm(name) * FONT_SIZE + 18;
        return (
          <g key={s}>
            <rect
              x={round(left)}
              y={y + (LEGEND_ROW - SWATCH) / 2 - 4}
              width={SWATCH}
              height={SWATCH}
              fill={seriesFill(id, s)}
              stroke="currentColor"
              stroke-width={1}
            />
            <text x={round(left + SWATCH + 6)} y={y + LEGEND_ROW / 2 - 4} dominant-baseline="central">
              {name}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** A dashed line across the plot with its name just past its right end. */
function Reference({ line, right, y }: { line: ReferenceLine; right: number; y: number }) {
  return (
    <g class="chart-reference">
      <title>{line.label}</title>
      <line x1={SIDE} y1={y} x2={right} y2={y} stroke="currentColor" stroke-width={1.5} stroke-dasharray="6 4" />
      <text x={right + 6} y={y} dominant-baseline="central" font-size={REFERENCE_FONT_SIZE}>
        {fitLabel(line.label, (REFERENCE_ROOM - 6) / REFERENCE_FONT_SIZE)}
      </text>
    </g>
  );
}
