import type { JSX } from "preact";
import { jsxTemplate } from "preact/jsx-runtime";
import { renderToString } from "preact-render-to-string";

/** Enough for every language × step × job the portal shows at once; past it, the oldest markup is dropped. */
const KEPT_LIMIT = 2_000;
const kept = new Map<string, string>();

/**
 * Under test, every use renders its content again and compares: markup that reads something its key does not
 * name (a token, the URL, the candidate) fails the page instead of showing one candidate another's page.
 */
const checking = process.env.NODE_ENV === "test";

type RenderedOnceProps = {
  /** Which part of a page this is; keys of different parts never meet. */
  name: string;
  /** Everything the content reads: the page's language, the step, the job's texts. */
  per: readonly (string | number | boolean)[];
  children: JSX.Element;
};

/**
 * A part of a page that is the same for everyone who gives the same key (a footer in one language, the step
 * indicator at one step): rendered in the page's own contexts the first time, and sent as the same string after
 * that, which spares rendering its elements anew on every request.
 */
export function RenderedOnce({ name, per, children }: RenderedOnceProps, context: object): JSX.Element {
  const key = `${name}\u0000${per.join("\u0000")}`;
  let markup = kept.get(key);
  if (markup === undefined || checking) {
    const rendered = renderToString(children, context);
    if (markup !== undefined && markup !== rendered) {
      throw new Error(`"${name}" reads something its key does not name: ${JSON.stringify(per)}`);
    }
    markup = rendered;
    if (kept.size >= KEPT_LIMIT) kept.delete(kept.keys().next().value as string);
    kept.set(key, markup);
  }
  return jsxTemplate([markup]);
}
