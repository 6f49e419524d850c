import type { JSX } from "preact";
import { jsxTemplate } from "preact/jsx-runtime";
import { renderToString } from "preact-render-to-string";
import { KeptValues } from "../../platform/kept-values.ts";

/** Enough for every language × step × job the portal shows at once; past it, the oldest markup is dropped. */
const KEPT_LIMIT = 2_000;

/** Kept markup: the strings between its holes, and which hole follows each string. */
type Kept = { parts: string[]; holes: string[] };
const kept = new KeptValues<Kept>(KEPT_LIMIT);

/**
 * Under test, every use renders its content again and compares: markup that reads something its key and holes
 * do not name (a token, the URL, the candidate) fails the page instead of showing one candidate another's page.
 */
const checking = process.env.NODE_ENV === "test";

type Holes = Record<string, string>;

type RenderedOnceProps<H extends Holes> = {
  /** Which part of a page this is; keys of different parts never meet. */
  name: string;
  /** Everything the content reads but its holes: the page's language, the step, the job's texts. */
  per: readonly (string | number | boolean)[];
  /** Values of this request that the content shows as they are (in text or in an attribute): filled in on each use. */
  holes?: H;
  /** The content, given the holes' values. */
  children: (holes: H) => JSX.Element;
};

/** A hole's place in the markup: private-use characters, which escaping leaves as they are. */
const mark = (i: number) => `\uE000${i}\uE001`;
const MARKS = /\uE000(\d+)\uE001/;

/** As preact-render-to-string escapes text and attribute values. */
function escaped(value: string): string {
  return value.replace(/["&<]/g, (c) => (c === '"' ? "&quot;" : c === "&" ? "&amp;" : "&lt;"));
}

function keep(children: (holes: Holes) => JSX.Element, names: string[], context: object): Kept {
  const marked = renderToString(children(Object.fromEntries(names.map((name, i) => [name, mark(i)]))), context);
  const pieces = marked.split(MARKS);
  return { parts: pieces.filter((_, i) => i % 2 === 0), holes: pieces.filter((_, i) => i % 2 === 1).map((i) => names[Number(i)]!) };
}

function filled({ parts, holes }: Kept, values: Holes): string {
  let markup = parts[0]!;
  for (let i = 0; i < holes.length; i++) {
    const value = values[holes[i]!]!;
    const next = parts[i + 1]!;
    // An attribute whose whole value is empty is written as its bare name, as the renderer writes it.
    if (value === "" && markup.endsWith('="') && next.startsWith('"')) markup = markup.slice(0, -2) + next.slice(1);
    else markup += escaped(value) + next;
  }
  return markup;
}

/**
 * A part of a page that is the same for everyone who gives the same key (a footer in one language, the step
 * indicator at one step), but for a few values of the request shown as they are (the holes): rendered in the
 * page's own contexts the first time, and after that sent as the same strings with the holes filled in, which
 * spares rendering its elements anew on every request. The markup goes in through the JSX runtime's template
 * node, which places rendered markup without a wrapper element.
 */
export function RenderedOnce<H extends Holes>({ name, per, holes, children }: RenderedOnceProps<H>, context: object): JSX.Element {
  const values: Holes = holes ?? {};
  const key = `${name}\u0000${per.join("\u0000")}`;
  const markup = kept.of(key, () => keep(children as (holes: Holes) => JSX.Element, Object.keys(values), context));
  const html = filled(markup, values);
  if (checking) {
    const rendered = renderToString(children(values as H), context);
    if (rendered !== html) throw new Error(`"${name}" reads something its key and holes do not name: ${JSON.stringify(per)}`);
  }
  return jsxTemplate([html]);
}
