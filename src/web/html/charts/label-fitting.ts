/**
 * How much room a label takes in a chart, without a browser to measure it. Kanji, kana and full-width
 * forms are one em wide in any Japanese font; Latin letters and digits average a little over half an em.
 * An estimate that errs wide keeps a label clear of its bar.
 */

const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;
const NARROW_EM = 0.62;
const ELLIPSIS = "…";
// The ellipsis is a full em in Japanese fonts.
const ELLIPSIS_EM = 1;

const graphemes = new Intl.Segmenter("ja", { granularity: "grapheme" });

/** The estimated width of a text in ems. */
export function textWidthEm(text: string): number {
  let width = 0;
  for (const { segment } of graphemes.segment(text)) width += graphemeWidthEm(segment);
  return width;
}

/**
 * A label cut to `maxEm` with an ellipsis when it is longer, whole characters only (a voiced kana or an
 * emoji is never split). Charts give the full label in a `<title>` beside it.
 */
export function fitLabel(label: string, maxEm: number): string {
  if (textWidthEm(label) <= maxEm) return label;
  let text = "";
  let width = 0;
  for (const { segment } of graphemes.segment(label)) {
    const next = graphemeWidthEm(segment);
    if (width + next + ELLIPSIS_EM > maxEm) break;
    text += segment;
    width += next;
  }
  return `${text.trimEnd()}${ELLIPSIS}`;
}

function graphemeWidthEm(grapheme: string): number {
  return WIDE.test(grapheme) ? 1 : NARROW_EM;
}
