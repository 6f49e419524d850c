import { renderToString } from "preact-render-to-string";
import type { Locale } from "../i18n/catalogue.ts";

export type EmailContent = {
  locale: Locale;
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** A one-time code: it opens the message, large in HTML and on the first line of the text. */
  code?: { label: string; value: string };
  /** A link with its label. */
  link?: { label: string; url: string };
  signature: string;
};

/** A paragraph's own line breaks, kept in HTML as they are in the text version (one line renders as before). */
function Lines({ text }: { text: string }) {
  return <>{text.split("\n").flatMap((line, i) => (i === 0 ? [line] : [<br key={`br-${i}`} />, line]))}</>;
}

/** Builds the subject, plain text and HTML of an e-mail from one piece of content, so the two never drift. */
export function composeEmail(content: EmailContent): { subject: string; textBody: string; htmlBody: string } {
  const text = [
    ...(content.code ? [`${content.code.label}: ${content.code.value}`, ""] : []),
    content.greeting,
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(content.link ? [`${content.link.label}: ${content.link.url}`, ""] : []),
    "--",
    content.signature,
  ].join("\n");
  const html = renderToString(
    <html lang={content.locale}>
      <head>
        <meta charSet="utf-8" />
        <title>{content.subject}</title>
      </head>
      <body style="font-family:sans-serif;line-height:1.7;color:#1a1a1a">
        {content.code ? (
          <p>
            <span style="font-size:14px">{content.code.label}</span>
            <br />
            <strong style="font-size:36px;letter-spacing:8px">{content.code.value}</strong>
          </p>
        ) : null}
        <p>
          <Lines text={content.greeting} />
        </p>
        {content.paragraphs.map((p) => (
          <p key={p}>
            <Lines text={p} />
          </p>
        ))}
        {content.link ? (
          <p>
            <a href={content.link.url}>{content.link.label}</a>
          </p>
        ) : null}
        <hr />
        <p style="color:#4d4d4d">{content.signature}</p>
      </body>
    </html>,
  );
  return { subject: content.subject, textBody: text, htmlBody: `<!doctype html>${html}` };
}
