import { formatJapaneseNumber, printedValue } from "./chart-frame.tsx";

export interface ChartTableRow {
  /** The row's heading: the bar's or group's label, in full. */
  label: string;
  /** One cell a column; numbers are formatted, text (a note, a rate already formatted) is shown as given. */
  cells: readonly (number | string)[];
}

/**
 * The data of a chart as a table, for people who cannot see the chart and for anyone who wants the exact
 * numbers: a `<caption>`, column headings with `scope="col"` and row headings with `scope="row"`. Put it
 * beside the chart (or in a `<details>` under it); the chart itself is one image to assistive technology.
 */
export function ChartTable(props: {
  caption: string;
  /** Heading of the label column, e.g. 「選考段階」. */
  labelHeader: string;
  /** Headings of the value columns, e.g. 「人数」「離脱率」. */
  columns: readonly string[];
  rows: readonly ChartTableRow[];
  formatValue?: (value: number) => string;
  /** Shown in a single row when there are no rows. */
  emptyText?: string;
}) {
  const format = props.formatValue ?? formatJapaneseNumber;
  return (
    <table class="chart-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.labelHeader}</th>
          {props.columns.map((column, i) => (
            <th scope="col" key={i}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.length === 0 && props.emptyText ? (
          <tr>
            <td colSpan={props.columns.length + 1}>{props.emptyText}</td>
          </tr>
        ) : null}
        {props.rows.map((row, i) => (
          <tr key={i}>
            <th scope="row">{row.label}</th>
            {row.cells.map((cell, j) =>
              typeof cell === "number" ? (
                <td class="numeric" key={j}>
                  {printedValue(cell, format)}
                </td>
              ) : (
                <td key={j}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
