import type { CandidateDataExport } from "../../../modules/privacy/export-candidate-data.ts";
import { PageHeading } from "../../html/fields.tsx";
import { AssessmentReport, type AssessmentReportData } from "../assessment/report.tsx";
import { Layout } from "../layout.tsx";
import { isMessageKey } from "../messages.ts";
import { usePage } from "../page.ts";
import { ConsentHistoryList, privacyTime } from "./account-views.tsx";

/** A stored value as text: dates in Japan time, yes or no, lists joined, anything structured as compact JSON. */
function useShow(): (value: unknown) => string {
  const { t, locale } = usePage();
  const show = (value: unknown): string => {
    if (value === null || value === undefined || value === "") return t("privacy.export.none");
    if (value instanceof Date) return privacyTime(value, locale);
    if (typeof value === "boolean") return t(value ? "accounts.yes" : "accounts.no");
    if (Array.isArray(value)) return value.length === 0 ? t("privacy.export.none") : value.map(show).join("、");
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  };
  return show;
}

/** A field's name on the page: STEP 1's own label where it has one (some name the organisation), else the data page's. */
function useFieldLabel(): (name: string) => string {
  const { t, orgName } = usePage();
  return (name) => {
    for (const key of [`applications.personal.${name}`, `privacy.field.${name}`]) if (isMessageKey(key)) return t(key, { org: orgName });
    return name;
  };
}

/** An application's stage and the wizard's pages in the words the candidate's own pages use. */
function useStageWords(): { stage: (state: string | null) => string; pages: (pages: string[]) => string[] } {
  const { t } = usePage();
  const named = (key: string, raw: string) => (isMessageKey(key) ? t(key) : raw);
  return {
    stage: (state) => (state === null ? "—" : named(`applications.status.${state}`, state)),
    pages: (pages) => pages.map((page) => named(`applications.page.${page}`, page)),
  };
}

/** A record's fields as a summary list, each under its label. */
function Fields({ record }: { record: Record<string, unknown> }) {
  const show = useShow();
  const label = useFieldLabel();
  return (
    <dl class="summary-list">
      {Object.entries(record).map(([name, value]) => (
        <div key={name}>
          <dt>{label(name)}</dt>
          <dd>{show(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The candidate's export as a page: the same data as the JSON download, section by section. */
export function CandidateDataPage({ data, reports }: { data: CandidateDataExport; reports: Map<string, AssessmentReportData> }) {
  const { t, locale, orgName } = usePage();
  const show = useShow();
  const words = useStageWords();
  // Between a time and what happened, and around an aside, in the page's own script.
  const gap = locale === "ja" ? "　" : "  ";
  const statusWord = (status: string) => {
    const key = `privacy.export.status.${status}`;
    return isMessageKey(key) ? t(key) : status;
  };
  const aside = (parts: string[]) => (locale === "ja" ? `（${parts.join("、")}）` : ` (${parts.join(", ")})`);
  const references = new Map(data.applications.map((a) => [a.id, a.reference]));
  const records = data.consents.map((c, i) => ({ ...c, id: String(i), candidateId: data.profile.id }));
  return (
    <Layout title={t("privacy.export.title")}>
      <PageHeading>{t("privacy.export.title")}</PageHeading>
      <p>{t("privacy.export.lead", { org: orgName, date: privacyTime(data.exportedAt, locale) })}</p>
      <p>
        <a href="/account/privacy/data.json" download>
          {t("privacy.data.download")}
        </a>
      </p>

      <h2>{t("privacy.export.profile")}</h2>
      <Fields record={data.profile} />

      <h2>{t("privacy.export.applications")}</h2>
      {data.applications.length === 0 ? <p>{t("privacy.export.none")}</p> : null}
      {data.applications.map((a) => (
        <section key={a.id} aria-labelledby={`application-${a.id}`} data-application={a.id}>
          <h3 id={`application-${a.id}`}>{t("privacy.export.application", { job: a.job.title[locale], reference: a.reference })}</h3>
          <Fields
            record={{
              state: words.stage(a.state),
              questionSetVersion: a.questionSetVersion,
              createdAt: a.createdAt,
              updatedAt: a.updatedAt,
              completedPages: words.pages(a.completedPages),
              documentsStatus:
                a.documents.status === "to_be_sent"
                  ? t("applications.overview.documentsByMail")
                  : a.documents.status === "uploaded"
                    ? t("applications.review.documents.uploaded", { count: a.documents.documentIds.length })
                    : null,
              pledgedAt: a.pledgedAt,
              assessmentDoneAt: a.assessmentDoneAt,
              submittedAt: a.submittedAt,
              screenedOut: a.screenedOut ? `${a.screenedOut.question?.[locale] ?? a.screenedOut.questionKey}: ${a.screenedOut.answer ?? ""}` : null,
              withdrawal: a.withdrawal ? [a.withdrawal.at, a.withdrawal.reason, a.withdrawal.note] : null,
            }}
          />
          <h4>{t("privacy.export.personal")}</h4>
          {a.personal || a.personalDraft ? <Fields record={{ ...(a.personalDraft ?? {}), ...(a.personal ?? {}) }} /> : <p>{t("privacy.export.none")}</p>}
          <h4>{t("privacy.export.answers")}</h4>
          <ul>
            {a.answers.map((r) => (
              <li key={r.questionKey}>
                <strong>{r.question?.[locale] ?? r.questionKey}</strong> {r.chosen ? r.chosen.map((c) => c[locale]).join("、") : show(r.value)}
              </li>
            ))}
            {a.selfIdentification ? (
              <li>
                <strong>{a.selfIdentification.question?.[locale] ?? t("privacy.export.gender")}</strong>{" "}
                {a.selfIdentification.chosen?.[locale] ?? a.selfIdentification.gender}
              </li>
            ) : null}
          </ul>
          {a.signature ? (
            <>
              <h4>{t("privacy.export.signature")}</h4>
              <Fields record={a.signature} />
            </>
          ) : null}
          <h4>{t("privacy.export.stages")}</h4>
          {a.stages.length === 0 ? <p>{t("privacy.export.none")}</p> : null}
          <ul data-stages>
            {a.stages.map((s, i) => (
              <li key={i}>{`${privacyTime(s.at, locale)}${gap}${words.stage(s.from)} → ${words.stage(s.to)}`}</li>
            ))}
          </ul>
          <h4>{t("privacy.export.notes")}</h4>
          {a.officeNotes.length === 0 ? <p>{t("privacy.export.none")}</p> : null}
          <ul data-notes>
            {a.officeNotes.map((n, i) => (
              <li key={i}>
                {`${privacyTime(n.createdAt, locale)}${gap}`}
                {n.rating !== null ? `${t("privacy.export.rating", { rating: n.rating })}${gap}` : null}
                {n.body}
              </li>
            ))}
          </ul>
        </section>
      ))}

      <h2>{t("privacy.export.documents")}</h2>
      {data.documents.length === 0 ? <p>{t("privacy.export.none")}</p> : null}
      <ul>
        {data.documents.map((d) => (
          <li key={d.id}>
            {`${d.label || d.kind.toUpperCase()}（${d.mediaType}、${d.sizeBytes} bytes、${privacyTime(d.createdAt, locale)}）`}{" "}
            <a href={d.downloadPath}>{t("privacy.export.download")}</a>
          </li>
        ))}
      </ul>

      <h2>{t("privacy.export.assessments")}</h2>
      {data.assessments.length === 0 ? <p>{t("privacy.export.none")}</p> : null}
      {data.assessments.map((a) => (
        <section key={a.id} aria-labelledby={`attempt-${a.id}`}>
          <h3 id={`attempt-${a.id}`}>{t("privacy.export.attempt", { date: privacyTime(a.startedAt, locale) })}</h3>
          <p>{t("privacy.export.itemAnswers", { count: a.answers.filter((x) => x.answer !== null).length })}</p>
          <Fields record={{ state: a.state, completedAt: a.completedAt, validUntil: a.validUntil }} />
          {reports.get(a.applicationId) ? <AssessmentReport report={reports.get(a.applicationId)!} compact /> : null}
          <p>{t("privacy.export.scoresInFile")}</p>
        </section>
      ))}

      <h2>{t("privacy.export.consents")}</h2>
      <ConsentHistoryList history={records} references={references} />

      <h2>{t("privacy.export.messages")}</h2>
      {data.messages.length === 0 ? <p>{t("privacy.export.none")}</p> : null}
      <ul data-messages>
        {data.messages.map((m, i) => (
          <li key={i}>{`${privacyTime(m.createdAt, locale)}${gap}${m.subject}${aside([m.recipient, statusWord(m.status)])}`}</li>
        ))}
      </ul>

      <h2>{t("privacy.export.signIns")}</h2>
      {data.signIns.length === 0 ? <p>{t("privacy.export.none")}</p> : null}
      <ul>
        {data.signIns.map((s, i) => (
          <li key={i}>{`${privacyTime(s.signedInAt, locale)}（${s.channel}）`}</li>
        ))}
      </ul>
    </Layout>
  );
}
