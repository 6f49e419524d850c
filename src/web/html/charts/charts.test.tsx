import { type HTMLElement, parse } from "node-html-parser";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { ChartTable } from "./chart-table.tsx";
import { HorizontalBarChart } from "./horizontal-bar-chart.tsx";
import { fitLabel, textWidthEm } from "./label-fitting.ts";
import { fourFifthsLevel, VerticalBarChart } from "./vertical-bar-chart.tsx";

const funnel = [
  { label: "応募", value: 1240 },
  { label: "書類選考通過", value: 620, note: "離脱 50%" },
  { label: "一次面接（オンライン・在宅勤務希望者向け説明会を含む）", value: 310, note: "離脱 50%" },
  { label: "内定", value: 0, note: "離脱 100%" },
];
const percent = (value: number) => `${Math.round(value * 100)}%`;

function draw(node: VNode): { html: string; svg: HTMLElement } {
  const html = renderToString(node);
  const svg = parse(html).querySelector("svg");
  if (!svg) throw new Error("no <svg> drawn");
  return { html, svg };
}

/** What every chart promises: one named image, scaled by its viewBox, with nothing that runs or loads. */
function expectAccessibleSelfContainedImage(html: string, svg: HTMLElement, title: string) {
  expect(svg.getAttribute("role")).toBe("img");
  const [titleId, descId] = (svg.getAttribute("aria-labelledby") ?? "").split(" ");
  expect(svg.querySelector(`title[id="${titleId}"]`)?.text).toBe(title);
  expect(svg.querySelector(`desc[id="${descId}"]`)?.text).toBeTruthy();
  expect(svg.firstChild && (svg.firstChild as HTMLElement).tagName).toBe("TITLE");
  expect(svg.getAttribute("viewBox")).toMatch(/^0 0 \d+ [\d.]+$/);
  expect(svg.getAttribute("width")).toBeUndefined();
  expect(svg.getAttribute("fill")).toBe("currentColor");
  expect(html).not.toMatch(/<(script|foreignObject|image|use|a|iframe|style)[\s>]/i);
  for (const element of [svg, ...svg.querySelectorAll("*")]) {
    for (const name of Object.keys(element.attributes)) expect(name).not.toMatch(/^on|href$|^style$/i);
  }
  expect(html).not.toMatch(/NaN|Infinity/);
  // The only references are to patterns defined inside the same chart.
  for (const [, id] of html.matchAll(/url\(#([^)]+)\)/g)) expect(svg.querySelector(`[id="${id}"]`)).not.toBeNull();
  expect(html).not.toMatch(/url\((?!#)/);
}

describe("HorizontalBarChart", () => {
  const chart = <HorizontalBarChart id="funnel" title="応募から入社までの推移" description="応募1,240人のうち内定は0人。" bars={funnel} />;

  it("is one accessible, self-contained image", () => {
    const { html, svg } = draw(chart);
    expectAccessibleSelfContainedImage(html, svg, "応募から入社までの推移");
  });

  it("draws a bar a datum, scaled to the largest, with its value and note printed", () => {
    const { svg } = draw(chart);
    const bars = svg.querySelectorAll("rect.chart-bar");
    expect(bars).toHaveLength(4);
    const widths = bars.map((bar) => Number(bar.getAttribute("width")));
    expect(widths[1]).toBeCloseTo((widths[0] ?? 0) / 2, 1);
    expect(widths[3]).toBe(0);
    const values = svg.querySelectorAll("text.chart-value").map((text) => text.text);
    expect(values).toEqual(["1,240", "620離脱 50%", "310離脱 50%", "0離脱 100%"]);
    expect(svg.querySelectorAll("tspan.chart-note").map((t) => t.text)).toEqual(["離脱 50%", "離脱 50%", "離脱 100%"]);
  });

  it("cuts a long label with 「…」 and gives it whole in the row's title", () => {
    const { svg } = draw(chart);
    const row = svg.querySelectorAll("g.chart-row")[2];
    const label = row?.querySelector("text.chart-label")?.text ?? "";
    expect(label.endsWith("…")).toBe(true);
    expect(funnel[2]?.label.startsWith(label.slice(0, -1))).toBe(true);
    expect(row?.querySelector("title")?.text).toBe("一次面接（オンライン・在宅勤務希望者向け説明会を含む）: 310 離脱 50%");
  });

  it("escapes labels and notes", () => {
    const { html, svg } = draw(
      <HorizontalBarChart id="x" title="<b>題</b>" description="説明" bars={[{ label: "<script>alert(1)</script>", value: 3, note: '" onload="x' }]} />,
    );
    expectAccessibleSelfContainedImage(html, svg, "<b>題</b>");
    expect(html).toContain("&lt;script>alert(1)&lt;/script>");
    expect(svg.querySelector("g.chart-row title")?.text).toBe('<script>alert(1)</script>: 3 " onload="x');
  });

  it("draws all-zero, negative and missing values as empty bars, without NaN", () => {
    const { html, svg } = draw(
      <HorizontalBarChart
        id="zeros"
        title="空の選考"
        description="なし"
        bars={[
          { label: "応募", value: 0 },
          { label: "取消", value: -3 },
          { label: "不明", value: Number.NaN },
        ]}
      />,
    );
    expectAccessibleSelfContainedImage(html, svg, "空の選考");
    expect(svg.querySelectorAll("rect.chart-bar").map((bar) => bar.getAttribute("width"))).toEqual(["0", "0", "0"]);
    expect(svg.querySelectorAll("text.chart-value").map((text) => text.text)).toEqual(["0", "-3", "–"]);
  });

  it("draws an empty dataset as a titled frame with the empty text", () => {
    const { html, svg } = draw(<HorizontalBarChart id="none" title="応募なし" description="まだ応募がありません。" bars={[]} emptyText="データがありません" />);
    expectAccessibleSelfContainedImage(html, svg, "応募なし");
    expect(svg.querySelectorAll("rect.chart-bar")).toHaveLength(0);
    expect(svg.querySelector("text.chart-empty")?.text).toBe("データがありません");
  });

  it("formats values as told", () => {
    const { svg } = draw(<HorizontalBarChart id="en" title="Funnel" description="d" bars={[{ label: "Applied", value: 0.5 }]} formatValue={percent} />);
    expect(svg.querySelector("text.chart-value")?.text).toBe("50%");
  });
});

describe("VerticalBarChart", () => {
  const groups = [
    { label: "女性", values: [0.42, 0.3] },
    { label: "男性", values: [0.35, 0.33] },
    { label: "回答しない", values: [0.3, 0] },
  ];
  const level = fourFifthsLevel([0.42, 0.35, 0.3]);
  const reference = { value: level, label: "4/5 基準（34%）" };
  const grouped = (
    <VerticalBarChart
      id="rates"
      title="属性別の選考通過率"
      description="書類選考と面接の通過率。"
      series={["書類選考", "面接"]}
      groups={groups}
      reference={reference}
      formatValue={percent}
    />
  );

  it("puts the four-fifths level at 80% of the highest rate", () => {
    expect(level).toBeCloseTo(0.336, 10);
    expect(fourFifthsLevel([])).toBe(0);
    expect(fourFifthsLevel([Number.NaN, 0.5])).toBe(0.4);
  });

  it("is one accessible, self-contained image", () => {
    const { html, svg } = draw(grouped);
    expectAccessibleSelfContainedImage(html, svg, "属性別の選考通過率");
  });

  it("draws a bar for each group and series, values printed above them", () => {
    const { svg } = draw(grouped);
    expect(svg.querySelectorAll("g.chart-group")).toHaveLength(3);
    expect(svg.querySelectorAll("rect.chart-bar")).toHaveLength(6);
    expect(svg.querySelectorAll("text.chart-value").map((t) => t.text)).toEqual(["42%", "30%", "35%", "33%", "30%", "0%"]);
    expect(svg.querySelectorAll("text.chart-label").map((t) => t.text)).toEqual(["女性", "男性", "回答しない"]);
    expect(svg.querySelector("g.chart-group title")?.text).toBe("女性: 書類選考 42%、面接 30%");
  });

  it("tells series apart by pattern and legend, not by colour alone", () => {
    const { svg } = draw(grouped);
    const fills = new Set(svg.querySelectorAll("rect.chart-series-1").map((bar) => bar.getAttribute("fill")));
    expect(fills).toEqual(new Set(["url(#rates-pattern-1)"]));
    expect(svg.querySelectorAll("rect.chart-series-0").every((bar) => bar.getAttribute("fill") === "currentColor")).toBe(true);
    expect(svg.querySelectorAll("g.chart-legend text").map((t) => t.text)).toEqual(["書類選考", "面接"]);
    expect(svg.querySelectorAll("g.chart-legend rect").map((r) => r.getAttribute("fill"))).toEqual(["currentColor", "url(#rates-pattern-1)"]);
  });

  it("draws the reference line at its value, named, and marks the bars below it", () => {
    const { svg } = draw(grouped);
    const line = svg.querySelector("g.chart-reference line");
    expect(line?.getAttribute("stroke-dasharray")).toBeTruthy();
    expect(svg.querySelector("g.chart-reference text")?.text).toBe("4/5 基準（34%）");
    const axisY = Number(svg.querySelector("line.chart-axis")?.getAttribute("y1"));
    const tallest = svg.querySelector("rect.chart-bar");
    const scale = Number(tallest?.getAttribute("height")) / 0.42;
    expect(axisY - Number(line?.getAttribute("y1"))).toBeCloseTo(level * scale, 0);
    const below = svg.querySelectorAll("rect.chart-below-reference").map((bar) => bar.nextElementSibling?.text);
    expect(below).toEqual(["30%", "33%", "30%", "0%"]);
  });

  it("leaves out the legend for a single series", () => {
    const { svg } = draw(
      <VerticalBarChart
        id="one"
        title="通過率"
        description="d"
        series={["通過率"]}
        groups={groups.map((g) => ({ label: g.label, values: [g.values[0] ?? 0] }))}
      />,
    );
    expect(svg.querySelector("g.chart-legend")).toBeNull();
    expect(svg.querySelector("defs")).toBeNull();
    expect(svg.querySelectorAll("rect.chart-bar")).toHaveLength(3);
  });

  it("escapes labels, series names and the reference's name", () => {
    const { html, svg } = draw(
      <VerticalBarChart
        id="esc"
        title="t"
        description="d"
        series={["<script>a</script>", "b"]}
        groups={[{ label: "<script>alert(1)</script>", values: [1, 2] }]}
        reference={{ value: 1, label: "<img src=x onerror=alert(1)>" }}
      />,
    );
    expectAccessibleSelfContainedImage(html, svg, "t");
    expect(html).not.toContain("<img");
    expect(svg.querySelector("g.chart-group title")?.text).toBe("<script>alert(1)</script>: <script>a</script> 1、b 2");
  });

  it("draws empty and all-zero datasets without NaN", () => {
    const empty = draw(<VerticalBarChart id="e" title="空" description="d" series={[]} groups={[]} emptyText="データがありません" />);
    expectAccessibleSelfContainedImage(empty.html, empty.svg, "空");
    expect(empty.svg.querySelectorAll("rect.chart-bar")).toHaveLength(0);
    expect(empty.svg.querySelector("text.chart-empty")?.text).toBe("データがありません");
    const zeros = draw(
      <VerticalBarChart id="z" title="零" description="d" series={["a"]} groups={[{ label: "x", values: [0] }]} reference={{ value: 0, label: "基準" }} />,
    );
    expectAccessibleSelfContainedImage(zeros.html, zeros.svg, "零");
    expect(zeros.svg.querySelector("rect.chart-bar")?.getAttribute("height")).toBe("0");
  });
});

describe("ChartTable", () => {
  const table = parse(
    renderToString(
      <ChartTable
        caption="応募から入社までの推移"
        labelHeader="選考段階"
        columns={["人数", "離脱率"]}
        rows={[...funnel, { label: "<script>x</script>", value: Number.NaN }].map((bar) => ({ label: bar.label, cells: [bar.value, bar.note ?? ""] }))}
      />,
    ),
  );

  it("has a caption, column headings and row headings", () => {
    expect(table.querySelector("caption")?.text).toBe("応募から入社までの推移");
    expect(table.querySelectorAll('thead th[scope="col"]').map((th) => th.text)).toEqual(["選考段階", "人数", "離脱率"]);
    expect(table.querySelectorAll('tbody th[scope="row"]').map((th) => th.text)).toEqual([...funnel.map((bar) => bar.label), "<script>x</script>"]);
  });

  it("formats numbers and shows text as given", () => {
    const rows = table.querySelectorAll("tbody tr").map((tr) => tr.querySelectorAll("td").map((td) => td.text));
    expect(rows).toEqual([
      ["1,240", ""],
      ["620", "離脱 50%"],
      ["310", "離脱 50%"],
      ["0", "離脱 100%"],
      ["–", ""],
    ]);
    expect(table.querySelector("script")).toBeNull();
  });

  it("says so when there is no data", () => {
    const empty = parse(renderToString(<ChartTable caption="c" labelHeader="段階" columns={["人数"]} rows={[]} emptyText="データがありません" />));
    expect(empty.querySelector("tbody td")?.getAttribute("colspan")).toBe("2");
    expect(empty.querySelector("tbody td")?.text).toBe("データがありません");
  });
});

describe("fitLabel", () => {
  it("counts kanji and kana as one em and Latin as about half", () => {
    expect(textWidthEm("応募")).toBe(2);
    expect(textWidthEm("ｱｲｳ")).toBeLessThan(2);
    expect(textWidthEm("abcd")).toBeLessThan(3);
  });

  it("leaves a label that fits and cuts one that does not within the width", () => {
    expect(fitLabel("書類選考通過", 10)).toBe("書類選考通過");
    const cut = fitLabel("一次面接（オンライン・在宅勤務希望者向け説明会を含む）", 10);
    expect(cut).toBe("一次面接（オンライ…");
    expect(textWidthEm(cut)).toBeLessThanOrEqual(10);
  });

  it("never splits a character made of several code points", () => {
    const voiced = "か\u3099".repeat(10);
    expect(fitLabel(voiced, 5)).toBe(`${"か\u3099".repeat(4)}…`);
    const family = "👨‍👩‍👧".repeat(6);
    expect(fitLabel(family, 4)).toBe(`${"👨‍👩‍👧".repeat(3)}…`);
  });
});
