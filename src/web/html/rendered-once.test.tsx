import { createContext, type JSX } from "preact";
import { useContext } from "preact/hooks";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { RenderedOnce } from "./rendered-once.ts";

const Greeting = createContext("");

function Hello({ to }: { to: string }) {
  return (
    <p title={to}>
      {useContext(Greeting)}, {to} &amp; <b>you</b>
    </p>
  );
}

const page = (greeting: string, view: JSX.Element) => renderToString(<Greeting.Provider value={greeting}>{view}</Greeting.Provider>);

describe("RenderedOnce", () => {
  it("gives the markup its content renders to, in the page's own contexts, without a wrapper", () => {
    const view = (greeting: string, to: string) => (
      <main>
        <RenderedOnce name="hello" per={[greeting, to]}>
          {() => <Hello to={to} />}
        </RenderedOnce>
      </main>
    );
    for (const [greeting, to] of [
      ["こんにちは", "<山田>"],
      ["Hello", "Ann"],
      ["こんにちは", "<山田>"],
    ] as const) {
      expect(page(greeting, view(greeting, to))).toBe(page(greeting, <main>{<Hello to={to} />}</main>));
    }
  });

  it("fills its holes with this request's values, escaped where they stand in text and in attributes", () => {
    const view = (to: string) => (
      <RenderedOnce name="hello-with-hole" per={["ja"]} holes={{ to }}>
        {(h) => <Hello to={h.to} />}
      </RenderedOnce>
    );
    for (const to of ["Ann", `"Bea" & <Cy>`, "\uE0000\uE001", ""]) {
      expect(page("やあ", view(to))).toBe(page("やあ", <Hello to={to} />));
    }
  });

  it("fails a page whose part reads something its key and holes do not name, so it is found under test", () => {
    const view = (to: string) => (
      <RenderedOnce name="hello-by-greeting" per={["ja"]}>
        {() => <Hello to={to} />}
      </RenderedOnce>
    );
    expect(page("やあ", view("Ann"))).toContain("やあ, Ann");
    expect(() => page("やあ", view("Bea"))).toThrow(/hello-by-greeting/);
  });
});
