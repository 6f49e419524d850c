import type { ComponentChildren } from "preact";
import type { PipelineStage } from "../../../modules/applications/application-state.ts";
import { ADDRESS_COUNTRIES, HOW_HEARD } from "../../../modules/applications/personal-details.ts";
import { answerLabel } from "../../../modules/applications/question-answers.ts";
import type { ApplicationState } from "../../../modules/applications/schema.ts";
import type { AssessmentResult } from "../../../modules/candidate-review/find-assessment-results.ts";
import type { ApplicationReview } from "../../../modules/candidate-review/open-application-review.ts";
import { snapshotTitle } from "../../../modules/candidate-review/open-application-review.ts";
import type { ReviewedAnswer } from "../../../modules/candidate-review/read-answers-by-step.ts";
import { readIntegritySignals } from "../../../modules/candidate-review/read-integrity-signals.ts";
import type { StatusChange } from "../../../modules/candidate-review/read-status-history.ts";
import { type NormedResult, readStoredResult } from "../../../modules/candidate-review/read-stored-result.ts";
import { readStoredScore, type ScaleScore, type ScoreGroup } from "../../../modules/candidate-review/read-stored-score.ts";
import { MAX_NOTE_LENGTH } from "../../../modules/candidate-review/schema.ts";
import type { LocalisedText } from "../../../modules/jobs/schema.ts";
import type { Locale } from "../../../platform/i18n/catalogue.ts";
import { CsrfField, ErrorSummary, fieldId, PageHeading } from "../../html/fields.tsx";
import { OfficeLayout } from "../layout.tsx";
import type { OfficeMessageKey } from "../messages.ts";
import { type OfficeForm, useOfficePage } from "../page.ts";
import { PrivacySection, type PrivacySummary, type StaffNames } from "../privacy/views.tsx";

/** Longest reason for seeing sensitive answers, in characters. */
export const MAX_REVEAL_REASON_LENGTH = 500;

/** The candidate's privacy records, for admins only. */
export type CandidatePrivacy = { summary: PrivacySummary; names: StaffNames };

/** Names of the assessment's competencies and traits by id, from the item bank. */
export type ScaleNames = ReadonlyMap<string, LocalisedText>;

const HISTORY_EVENTS = [
  "application.pledged",
  "application.assessment_completed",
  "application.signed",
  "application.submitted",
  "application.withdrawn",
  "application.screened_out",
  "application.moved",
] as const;
const WITHDRAWAL_REASONS = ["otherJob", "conditions", "environment", "personal", "mistake", "other"] as const;
const SCORE_GROUPS = ["situations", "competencies", "traits"] as const;

const SECTIONS = [
  { id: "profile", label: "office.candidatePage.profile.title" },
  { id: "documents", label: "office.candidatePage.documents.title" },
  { id: "answers", label: "office.candidatePage.answers.title" },
  { id: "assessment", label: "office.candidatePage.assessment.title" },
  { id: "signature", label: "office.candidatePage.signature.title" },
  { id: "history", label: "office.candidatePage.history.title" },
  { id: "messages", label: "office.candidatePage.messages.title" },
  { id: "others", label: "office.candidatePage.others.title" },
  { id: "notes", label: "office.candidatePage.notes.title" },
  { id: "privacy", label: "office.privacy.title" },
] as const satisfies readonly { id: string; label: OfficeMessageKey }[];

function useFormat() {
  const { locale } = useOfficePage();
  const tag = locale === "ja" ? "ja-JP" : "en-GB";
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" });
  const day = new Intl.DateTimeFormat(tag, { dateStyle: "long", timeZone: "UTC" });
  return {
    at: (d: Date | null | undefined) => (d ? dateTime.format(d) : "—"),
    /** A calendar date kept as YYYY-MM-DD (birth date, start date): shown as that day, wherever the server is. */
    day: (iso: string | null | undefined) => {
      if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso ?? "—";
      const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
      return day.format(new Date(Date.UTC(y, m - 1, d)));
    },
    number: (n: number, digits: number) => n.toLocaleString(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    size: (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`),
  };
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section id={id} class="review-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** One row of a summary list. */
function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function stateLabel(t: ReturnType<typeof useOfficePage>["t"], state: string | null): string {
  const known: readonly string[] = [
    "draft",
    "screened_out",
    "assessment_pending",
    "assessment_done",
    "signed",
    "submitted",
    "screening",
    "interview_scheduling",
    "interviewed",
    "offered",
    "hired",
    "rejected",
    "withdrawn",
  ] satisfies ApplicationState[];
  return state && known.includes(state) ? t(`office.candidatePage.state.${state as ApplicationState}`) : (state ?? "—");
}

function Summary({ review }: { review: ApplicationReview }) {
  const { t } = useOfficePage();
  const f = useFormat();
  const { application } = review;
  return (
    <dl class="summary-list review-summary">
      <Row label={t("office.candidatePage.stage")}>
        <strong data-stage>{stateLabel(t, application.state)}</strong>
      </Row>
      <Row label={t("office.candidatePage.reference")}>{application.reference}</Row>
      <Row label={t("office.candidatePage.job")}>
        <JobTitle id={review.job.id} title={review.job.title} />
      </Row>
      <Row label={t("office.candidatePage.startedAt")}>{f.at(application.createdAt)}</Row>
      <Row label={t("office.candidatePage.submittedAt")}>{f.at(application.submittedAt)}</Row>
    </dl>
  );
}

function JobTitle({ id, title }: { id: string; title: LocalisedText | null }) {
  const { locale } = useOfficePage();
  return <>{title ? `${title[locale]}（${id}）` : id}</>;
}

function MoveForm({ review, form }: { review: ApplicationReview; form: OfficeForm }) {
  const { t, explain } = useFieldTexts();
  const error = form.errors.to;
  return (
    <section class="review-decision" aria-labelledby="move-title">
      <h2 id="move-title">{t("office.candidatePage.move.title")}</h2>
      {review.moves.length === 0 ? (
        <p>{t("office.candidatePage.move.none")}</p>
      ) : (
        <form method="post" action={`/office/candidates/${review.application.id}/move`} class="form inline-fields" novalidate>
          <CsrfField />
          <div class={error ? "field field--error" : "field"}>
            <label class="field__label" for={fieldId("to")}>
              {t("office.candidatePage.move.to")}
            </label>
            <p class="field__hint" id={`${fieldId("to")}-hint`}>
              {t("office.candidatePage.move.hint")}
            </p>
            <select
              class="select"
              id={fieldId("to")}
              name="to"
              aria-describedby={[`${fieldId("to")}-hint`, error ? `${fieldId("to")}-error` : ""].filter(Boolean).join(" ")}
              aria-invalid={error ? "true" : undefined}
            >
              <option value="" selected={!form.values.to}>
                {t("office.candidatePage.move.placeholder")}
              </option>
              {review.moves.map((stage: PipelineStage) => (
                <option key={stage} value={stage} selected={form.values.to === stage}>
                  {stateLabel(t, stage)}
                </option>
              ))}
            </select>
            {error ? (
              <p class="field__error" id={`${fieldId("to")}-error`}>
                {explain(error)}
              </p>
            ) : null}
          </div>
          <button type="submit" class="button button--primary">
            {t("office.candidatePage.move.submit")}
          </button>
        </form>
      )}
    </section>
  );
}

/** The console's translator and a field error's text, for the forms drawn here rather than by the shared fields. */
function useFieldTexts() {
  const { t } = useOfficePage();
  return { t, explain: (error: { key: OfficeMessageKey; vars?: Record<string, string | number> }) => t(error.key, error.vars) };
}

function Profile({ review }: { review: ApplicationReview }) {
  const { t, locale } = useOfficePage();
  const f = useFormat();
  const p = review.profile;
  const none = t("office.candidatePage.profile.notEntered");
  const consent = (v: boolean | null) =>
    t(v === null ? "office.candidatePage.profile.consent.unknown" : v ? "office.candidatePage.profile.consent.yes" : "office.candidatePage.profile.consent.no");
  const c = p.contact;
  return (
    <Section id="profile" title={t("office.candidatePage.profile.title")}>
      {p.kana === null ? <p class="muted">{t("office.candidatePage.profile.beforeStep1")}</p> : null}
      <dl class="summary-list">
        <Row label={t("office.candidatePage.profile.kanji")}>{p.kanji ?? none}</Row>
        <Row label={t("office.candidatePage.profile.kana")}>{p.kana ?? none}</Row>
        <Row label={t("office.candidatePage.profile.latin")}>
          <span lang="en">{p.latin}</span>
        </Row>
        {p.preferredName ? <Row label={t("office.candidatePage.profile.preferredName")}>{p.preferredName}</Row> : null}
        <Row label={t("office.candidatePage.profile.country")}>{ADDRESS_COUNTRIES.find((c) => c.code === p.country)?.[locale] ?? p.country ?? none}</Row>
        <Row label={t("office.candidatePage.profile.earliestStart")}>{p.earliestStart ? f.day(p.earliestStart) : none}</Row>
        <Row label={t("office.candidatePage.profile.howHeard")}>{HOW_HEARD.find((h) => h.value === p.howHeard)?.[locale] ?? p.howHeard ?? none}</Row>
        <Row label={t("office.candidatePage.profile.consents")}>
          <ul class="plain-list">
            <li>{`${t("office.candidatePage.profile.consent.contact")}：${consent(p.consents.contact)}`}</li>
            <li>{`${t("office.candidatePage.profile.consent.sms")}：${consent(p.consents.sms)}`}</li>
            <li>{`${t("office.candidatePage.profile.consent.feedback")}：${consent(p.consents.feedback)}`}</li>
            {p.contactStoppedAt ? <li data-contact-stopped>{t("office.candidatePage.profile.contactStopped", { date: f.at(p.contactStoppedAt) })}</li> : null}
          </ul>
        </Row>
      </dl>
      <h3>{t("office.candidatePage.contact.title")}</h3>
      {c ? (
        <dl class="summary-list" data-contact-details>
          <Row label={t("office.candidatePage.contact.email")}>{c.email ?? none}</Row>
          <Row label={t("office.candidatePage.contact.accountEmail")}>{c.accountEmail}</Row>
          <Row label={t("office.candidatePage.contact.phone")}>
            {c.phone ? `${c.phone}${c.phoneType ? `（${t(`office.candidatePage.contact.phoneType.${c.phoneType}`)}）` : ""}` : none}
          </Row>
          <Row label={t("office.candidatePage.contact.accountPhone")}>{c.accountPhone}</Row>
          <Row label={t("office.candidatePage.contact.address")}>
            {c.postalCode ? (
              <>
                {`〒${c.postalCode} ${[c.prefecture, c.city].filter(Boolean).join("")}`}
                {c.addressLines.map((line) => (
                  <span key={line} class="block">
                    {line}
                  </span>
                ))}
              </>
            ) : (
              none
            )}
          </Row>
          <Row label={t("office.candidatePage.contact.birthDate")}>{c.birthDate ? f.day(c.birthDate) : none}</Row>
        </dl>
      ) : (
        <p class="muted">{t("office.candidatePage.contact.notPermitted")}</p>
      )}
    </Section>
  );
}

function Documents({ review }: { review: ApplicationReview }) {
  const { t } = useOfficePage();
  const f = useFormat();
  const { application, documents } = review;
  return (
    <Section id="documents" title={t("office.candidatePage.documents.title")}>
      {documents.length === 0 ? (
        <p>{application.documentsStatus === "to_be_sent" ? t("office.candidatePage.documents.toBeSent") : t("office.candidatePage.documents.notChosen")}</p>
      ) : (
        <>
          <table class="data">
            <caption class="visually-hidden">{t("office.candidatePage.documents.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("office.candidatePage.documents.name")}</th>
                <th scope="col">{t("office.candidatePage.documents.kind")}</th>
                <th scope="col" class="number">
                  {t("office.candidatePage.documents.size")}
                </th>
                <th scope="col">{t("office.candidatePage.documents.uploadedAt")}</th>
                <th scope="col">
                  <span class="visually-hidden">{t("office.candidatePage.documents.download")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => {
                if (!d.present) {
                  return (
                    <tr key={d.id}>
                      <td colSpan={5} class="muted">
                        {t("office.candidatePage.documents.deleted")}
                      </td>
                    </tr>
                  );
                }
                const name = d.label || t("office.candidatePage.documents.defaultLabel", { kind: d.kind.toUpperCase() });
                return (
                  <tr key={d.id}>
                    <th scope="row">
                      {name}
                      {d.note ? <span class="block muted">{d.note}</span> : null}
                    </th>
                    <td>{d.kind.toUpperCase()}</td>
                    <td class="number">{f.size(d.sizeBytes)}</td>
                    <td>{f.at(d.createdAt)}</td>
                    <td>
                      <a href={`/office/candidates/${application.id}/documents/${d.id}`} download>
                        {t("office.candidatePage.documents.download")}
                        <span class="visually-hidden">{`: ${name}`}</span>
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p class="muted">{t("office.candidatePage.documents.auditNote")}</p>
        </>
      )}
    </Section>
  );
}

function AnswerCell({ answer, knockout }: { answer: ReviewedAnswer; knockout: boolean }) {
  const { t, locale } = useOfficePage();
  if (answer.state === "hidden") return <span class="hidden-answer">{t("office.candidatePage.answers.hidden")}</span>;
  if (answer.state === "unanswered") return <span class="muted">{t("office.candidatePage.answers.unanswered")}</span>;
  const yesNo = { yes: t("office.candidatePage.answers.yes"), no: t("office.candidatePage.answers.no") };
  return (
    <>
      {answer.sensitive ? <span class="tag tag--sensitive">{t("office.candidatePage.answers.sensitiveTag")}</span> : null}
      <span class="answer-text">{answerLabel(answer.question, answer.value, locale, yesNo)}</span>
      {knockout ? <strong class="block knockout">{t("office.candidatePage.answers.knockout")}</strong> : null}
    </>
  );
}

function Answers({ review, form }: { review: ApplicationReview; form: OfficeForm }) {
  const { t, locale } = useOfficePage();
  const { answers, application } = review;
  const showRevealForm = review.may.viewSensitive && answers.sensitiveQuestions > 0 && !answers.sensitiveShown;
  return (
    <Section id="answers" title={t("office.candidatePage.answers.title")}>
      <p class="muted">{t("office.candidatePage.answers.version", { version: answers.questionSetVersion })}</p>
      {answers.pages.map((page) => (
        <table class="data answers" key={page.id}>
          <caption>{page.title[locale]}</caption>
          <thead>
            <tr>
              <th scope="col">{t("office.candidatePage.answers.question")}</th>
              <th scope="col">{t("office.candidatePage.answers.answer")}</th>
            </tr>
          </thead>
          <tbody>
            {page.answers.map((a) => (
              <tr key={a.question.key} data-question={a.question.key}>
                <th scope="row">{a.question.label[locale]}</th>
                <td>
                  <AnswerCell answer={a} knockout={application.state === "screened_out" && application.screenedOutQuestion === a.question.key} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      {showRevealForm ? <RevealForm applicationId={application.id} form={form} /> : null}
    </Section>
  );
}

function RevealForm({ applicationId, form }: { applicationId: string; form: OfficeForm }) {
  const { t, explain } = useFieldTexts();
  const id = fieldId("reason");
  const error = form.errors.reason;
  return (
    <form method="post" action={`/office/candidates/${applicationId}/sensitive`} class="form reveal-form" novalidate>
      <CsrfField />
      <h3>{t("office.candidatePage.sensitive.reveal.title")}</h3>
      <p>{t("office.candidatePage.sensitive.reveal.lead")}</p>
      <div class={error ? "field field--error" : "field"}>
        <label class="field__label" for={id}>
          {t("office.candidatePage.sensitive.reason")}
        </label>
        <p class="field__hint" id={`${id}-hint`}>
          {t("office.candidatePage.sensitive.reason.hint")}
        </p>
        <input
          class="input"
          id={id}
          name="reason"
          type="text"
          maxLength={MAX_REVEAL_REASON_LENGTH}
          value={form.values.reason ?? ""}
          autocomplete="off"
          aria-required="true"
          aria-describedby={[`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ")}
          aria-invalid={error ? "true" : undefined}
        />
        {error ? (
          <p class="field__error" id={`${id}-error`}>
            {explain(error)}
          </p>
        ) : null}
      </div>
      <button type="submit" class="button button--secondary">
        {t("office.candidatePage.sensitive.reveal.submit")}
      </button>
    </form>
  );
}

function scaleName(scale: ScaleScore, group: ScoreGroup, names: ScaleNames, locale: Locale, total: string): string {
  if (group.key === "situations") return total;
  return names.get(scale.id)?.[locale] ?? scale.id;
}

function ScoreTable({ group, names }: { group: ScoreGroup; names: ScaleNames }) {
  const { t, locale } = useOfficePage();
  const f = useFormat();
  const columns = (
    [
      { key: "score", label: t("office.candidatePage.score.score"), show: (v: number) => f.number(v, 1) },
      { key: "theta", label: t("office.candidatePage.score.theta"), show: (v: number) => f.number(v, 2) },
      { key: "se", label: t("office.candidatePage.score.se"), show: (v: number) => f.number(v, 2) },
      { key: "tScore", label: t("office.candidatePage.score.tScore"), show: (v: number) => f.number(v, 0) },
      { key: "answered", label: t("office.candidatePage.score.answered"), show: (v: number) => f.number(v, 0) },
      { key: "missing", label: t("office.candidatePage.score.missing"), show: (v: number) => f.number(v, 0) },
    ] as const
  ).filter((c) => group.scales.some((s) => s[c.key] !== null));
  const showBand = group.scales.some((s) => s.band !== null);
  const known = SCORE_GROUPS.find((g) => g === group.key);
  return (
    <table class="data scores">
      <caption>{known ? t(`office.candidatePage.score.group.${known}`) : group.key}</caption>
      <thead>
        <tr>
          <th scope="col">{t("office.candidatePage.score.scale")}</th>
          {columns.map((c) => (
            <th scope="col" class="number" key={c.key}>
              {c.label}
            </th>
          ))}
          {showBand ? <th scope="col">{t("office.candidatePage.score.band")}</th> : null}
        </tr>
      </thead>
      <tbody>
        {group.scales.map((s) => (
          <tr key={s.id}>
            <th scope="row">{scaleName(s, group, names, locale, t("office.candidatePage.score.total"))}</th>
            {columns.map((c) => {
              const value = s[c.key];
              return (
                <td class="number" key={c.key}>
                  {value === null ? "—" : c.show(value)}
                </td>
              );
            })}
            {showBand ? <td>{s.band ?? "—"}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** How many item ids a signal names before the rest are only counted: a long list says no more than its length. */
const ITEMS_LISTED = 12;

function itemList(t: ReturnType<typeof useOfficePage>["t"], itemIds: string[]): string {
  const listed = itemIds.slice(0, ITEMS_LISTED).join(", ");
  const more = itemIds.length - ITEMS_LISTED;
  return more > 0 ? t("office.candidatePage.integrity.itemsMore", { items: listed, more }) : t("office.candidatePage.integrity.items", { items: listed });
}

function Integrity({ stored }: { stored: unknown }) {
  const { t } = useOfficePage();
  if (stored === null || stored === undefined) return <p class="muted">{t("office.candidatePage.integrity.none")}</p>;
  const reading = readIntegritySignals(stored);
  return (
    <>
      <table class="data integrity">
        <caption>{t("office.candidatePage.integrity.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("office.candidatePage.integrity.signal")}</th>
            <th scope="col">{t("office.candidatePage.integrity.value")}</th>
            <th scope="col">{t("office.candidatePage.integrity.meaning")}</th>
          </tr>
        </thead>
        <tbody>
          {reading.signals.map((s) => (
            <tr key={s.signal} data-signal={s.signal} class={s.observed ? "integrity--observed" : undefined}>
              <th scope="row">{t(`office.candidatePage.integrity.${s.signal}`)}</th>
              <td>
                {s.count === null ? t("office.candidatePage.integrity.notChecked") : t(`office.candidatePage.integrity.${s.signal}.value`, { count: s.count })}
                {s.observed ? <strong class="block observed">{t("office.candidatePage.integrity.observed")}</strong> : null}
              </td>
              <td>
                {t(`office.candidatePage.integrity.${s.signal}.meaning`)}
                {s.itemIds.length > 0 ? <span class="block muted">{itemList(t, s.itemIds)}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {reading.other.length > 0 ? (
        <>
          <h4>{t("office.candidatePage.integrity.other")}</h4>
          <ul>
            {reading.other.map((o) => (
              <li key={o.key}>
                <code>{o.key}</code>: <code>{o.value}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** T-scores with their ±1 SE range on the bank version's applicant norm, the norm's status and the result band. */
function Normed({ result, names }: { result: NormedResult; names: ScaleNames }) {
  const { t, locale } = useOfficePage();
  const f = useFormat();
  const show = (v: number | null, digits: number) => (v === null ? "—" : f.number(v, digits));
  return (
    <div class="normed" data-normed>
      <table class="data scores">
        <caption>
          {t("office.candidatePage.norm.title")}
          {result.norm ? ` — ${t("office.candidatePage.norm.on", { version: result.norm.version, attempts: result.norm.attempts })}` : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("office.candidatePage.score.scale")}</th>
            <th scope="col" class="number">
              {t("office.candidatePage.norm.raw")}
            </th>
            <th scope="col" class="number">
              {t("office.candidatePage.norm.t")}
            </th>
            <th scope="col" class="number">
              {t("office.candidatePage.norm.range")}
            </th>
          </tr>
        </thead>
        <tbody>
          {result.scales.map((s) => (
            <tr key={`${s.kind}:${s.id}`}>
              <th scope="row">{s.kind === "situations" ? t("office.candidatePage.score.total") : (names.get(s.id)?.[locale] ?? s.id)}</th>
              <td class="number">{show(s.raw, s.kind === "trait" ? 2 : 1)}</td>
              <td class="number">{show(s.t, 0)}</td>
              <td class="number">{s.low === null || s.high === null ? "—" : `${f.number(s.low, 0)}–${f.number(s.high, 0)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.norm ? (
        <p class={result.norm.provisional ? "callout callout--warning" : "muted"}>
          {t(result.norm.provisional ? "office.candidatePage.norm.provisional" : "office.candidatePage.norm.final")}
        </p>
      ) : (
        <p class="muted">{t("office.candidatePage.norm.none")}</p>
      )}
      {result.band ? <p>{t("office.candidatePage.norm.band", { band: t(`office.candidatePage.norm.band.${result.band}`) })}</p> : null}
    </div>
  );
}

/** Transcripts read and the setting that shows them all: accommodations, apart from the integrity signals. */
function Accommodations({ transcriptsRead, alwaysTranscripts }: { transcriptsRead: string[]; alwaysTranscripts: boolean }) {
  const { t } = useOfficePage();
  return (
    <div class="accommodations" data-accommodations>
      <h4>{t("office.candidatePage.accommodations.title")}</h4>
      {transcriptsRead.length === 0 && !alwaysTranscripts ? (
        <p class="muted">{t("office.candidatePage.accommodations.none")}</p>
      ) : (
        <>
          <ul>
            {transcriptsRead.length > 0 ? (
              <li>
                {t("office.candidatePage.accommodations.transcripts", { count: transcriptsRead.length })}
                <span class="block muted">{itemList(t, transcriptsRead)}</span>
              </li>
            ) : null}
            {alwaysTranscripts ? <li>{t("office.candidatePage.accommodations.alwaysTranscripts")}</li> : null}
          </ul>
          <p class="muted">{t("office.candidatePage.accommodations.meaning")}</p>
        </>
      )}
    </div>
  );
}

function Attempt({ result, names }: { result: AssessmentResult; names: ScaleNames }) {
  const { t } = useOfficePage();
  const f = useFormat();
  const { attempt } = result;
  const score = attempt.score ? readStoredScore(attempt.score) : null;
  const normed = readStoredResult(attempt.result);
  return (
    <article class="attempt" aria-labelledby={`attempt-${attempt.id}`}>
      <h3 id={`attempt-${attempt.id}`}>{t("office.candidatePage.assessment.attempt", { bank: attempt.bankId, version: attempt.bankVersion })}</h3>
      {result.reused ? <p class="callout">{t("office.candidatePage.assessment.reused")}</p> : null}
      <dl class="summary-list">
        <Row label={t("office.candidatePage.assessment.state")}>{t(`office.candidatePage.assessment.state.${attempt.state}`)}</Row>
        <Row label={t("office.candidatePage.assessment.startedAt")}>{f.at(attempt.startedAt)}</Row>
        <Row label={t("office.candidatePage.assessment.completedAt")}>{f.at(attempt.completedAt)}</Row>
        <Row label={t("office.candidatePage.assessment.validUntil")}>{f.at(attempt.validUntil)}</Row>
        <Row label={t("office.candidatePage.assessment.bank")}>{`${score?.bankId ?? attempt.bankId} v${score?.bankVersion ?? attempt.bankVersion}`}</Row>
        <Row label={t("office.candidatePage.assessment.scoring")}>{score?.scoringVersion ?? "—"}</Row>
        {score && score.answered !== null ? (
          <Row label={t("office.candidatePage.assessment.answered")}>
            {t("office.candidatePage.assessment.answeredValue", { answered: score.answered, missing: score.missing ?? 0 })}
          </Row>
        ) : null}
      </dl>
      {score === null ? (
        attempt.state === "completed" ? (
          <p class="muted">{t("office.candidatePage.assessment.noScore")}</p>
        ) : null
      ) : (
        <>
          {score.converged === false ? <p class="callout callout--warning">{t("office.candidatePage.assessment.notConverged")}</p> : null}
          {score.groups.map((g) => (
            <ScoreTable key={g.key} group={g} names={names} />
          ))}
          <details class="stored-json">
            <summary>{t("office.candidatePage.assessment.stored")}</summary>
            <pre>{JSON.stringify(attempt.score, null, 2)}</pre>
          </details>
        </>
      )}
      {normed ? <Normed result={normed} names={names} /> : null}
      {attempt.state === "completed" ? <Integrity stored={attempt.integrity} /> : null}
      <Accommodations transcriptsRead={result.transcriptsRead} alwaysTranscripts={attempt.showTranscripts} />
    </article>
  );
}

function Assessment({ review, names }: { review: ApplicationReview; names: ScaleNames }) {
  const { t } = useOfficePage();
  return (
    <Section id="assessment" title={t("office.candidatePage.assessment.title")}>
      <p class="callout integrity-lead">{t("office.candidatePage.integrity.lead")}</p>
      {review.assessment.length === 0 ? (
        <p>{t("office.candidatePage.assessment.none")}</p>
      ) : (
        review.assessment.map((r) => <Attempt key={r.attempt.id} result={r} names={names} />)
      )}
    </Section>
  );
}

function Signature({ review }: { review: ApplicationReview }) {
  const { t } = useOfficePage();
  const f = useFormat();
  const a = review.application;
  return (
    <Section id="signature" title={t("office.candidatePage.signature.title")}>
      {a.signedAt ? (
        <dl class="summary-list">
          <Row label={t("office.candidatePage.signature.name")}>{a.signedName}</Row>
          <Row label={t("office.candidatePage.signature.at")}>{f.at(a.signedAt)}</Row>
          <Row label={t("office.candidatePage.signature.hash")}>
            <code class="hash">{a.signedStatementHash}</code>
          </Row>
          <Row label={t("office.candidatePage.signature.ip")}>{a.signedIp}</Row>
          <Row label={t("office.candidatePage.signature.userAgent")}>
            <code class="hash">{a.signedUserAgent}</code>
          </Row>
          <Row label={t("office.candidatePage.signature.pledgedAt")}>{f.at(a.pledgedAt)}</Row>
        </dl>
      ) : (
        <p>{t("office.candidatePage.signature.none")}</p>
      )}
    </Section>
  );
}

function eventDetail(t: ReturnType<typeof useOfficePage>["t"], e: StatusChange, questionLabel: (key: string) => string): string | null {
  if (e.name === "application.assessment_completed" && e.data.reusedResult === true) return t("office.candidatePage.history.reused");
  if (e.name === "application.withdrawn" && typeof e.data.reason === "string") {
    const reason = WITHDRAWAL_REASONS.find((r) => r === e.data.reason);
    return t("office.candidatePage.history.reason", { reason: reason ? t(`office.candidatePage.withdrawal.${reason}`) : e.data.reason });
  }
  if (e.name === "application.screened_out" && typeof e.data.question === "string") {
    return t("office.candidatePage.history.knockout", { question: questionLabel(e.data.question) });
  }
  return null;
}

function History({ review }: { review: ApplicationReview }) {
  const { t, locale } = useOfficePage();
  const f = useFormat();
  const questions = review.answers.pages.flatMap((p) => p.answers.map((a) => a.question));
  const questionLabel = (key: string) => questions.find((q) => q.key === key)?.label[locale] ?? key;
  const who = (e: StatusChange) =>
    e.actorKind === "staff"
      ? (e.staffName ?? t("office.candidatePage.history.actor.formerStaff"))
      : t(e.actorKind === "candidate" ? "office.candidatePage.history.actor.candidate" : "office.candidatePage.history.actor.system");
  return (
    <Section id="history" title={t("office.candidatePage.history.title")}>
      <table class="data">
        <caption class="visually-hidden">{t("office.candidatePage.history.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("office.candidatePage.history.at")}</th>
            <th scope="col">{t("office.candidatePage.history.what")}</th>
            <th scope="col">{t("office.candidatePage.history.change")}</th>
            <th scope="col">{t("office.candidatePage.history.who")}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td class="when">{f.at(review.application.createdAt)}</td>
            <td>{t("office.candidatePage.history.started")}</td>
            <td>{stateLabel(t, "draft")}</td>
            <td>{t("office.candidatePage.history.actor.candidate")}</td>
          </tr>
          {review.history.map((e) => {
            const known = HISTORY_EVENTS.find((n) => n === e.name);
            const detail = eventDetail(t, e, questionLabel);
            return (
              <tr key={e.id} data-event={e.name}>
                <td class="when">{f.at(e.occurredAt)}</td>
                <td>
                  {known ? t(`office.candidatePage.history.event.${known}`) : e.name}
                  {detail ? <span class="block muted">{detail}</span> : null}
                </td>
                <td>{e.fromState || e.toState ? `${stateLabel(t, e.fromState)} → ${stateLabel(t, e.toState)}` : "—"}</td>
                <td>{who(e)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}

function Messages({ review }: { review: ApplicationReview }) {
  const { t } = useOfficePage();
  const f = useFormat();
  const showRecipient = review.profile.contact !== null;
  return (
    <Section id="messages" title={t("office.candidatePage.messages.title")}>
      <p class="muted">{t("office.candidatePage.messages.lead")}</p>
      {review.messages.length === 0 ? (
        <p>{t("office.candidatePage.messages.none")}</p>
      ) : (
        <table class="data">
          <caption class="visually-hidden">{t("office.candidatePage.messages.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("office.candidatePage.messages.at")}</th>
              <th scope="col">{t("office.candidatePage.messages.subject")}</th>
              <th scope="col">{t("office.candidatePage.messages.channel")}</th>
              <th scope="col">{t("office.candidatePage.messages.status")}</th>
              {showRecipient ? <th scope="col">{t("office.candidatePage.messages.recipient")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {review.messages.map((m) => (
              <tr key={m.id} data-template={m.template}>
                <td class="when">{f.at(m.createdAt)}</td>
                <td>
                  {m.subject || <span class="muted">{t("office.candidatePage.messages.noSubject")}</span>}
                  <span class="block template">
                    <span class="visually-hidden">{`${t("office.candidatePage.messages.template")}: `}</span>
                    <code>{m.template}</code>
                  </span>
                </td>
                <td class="when">{t(`office.candidatePage.messages.channel.${m.channel}`)}</td>
                <td>
                  {t(`office.candidatePage.messages.status.${m.status}`)}
                  <span class="block muted">
                    {m.status === "queued"
                      ? t("office.candidatePage.messages.status.due", { at: f.at(m.nextAttemptAt) })
                      : m.status === "sent"
                        ? f.at(m.sentAt)
                        : m.status === "abandoned"
                          ? t("office.candidatePage.messages.status.tries", { attempts: m.attempts })
                          : null}
                  </span>
                </td>
                {showRecipient ? <td class="break">{m.recipient}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function Others({ review }: { review: ApplicationReview }) {
  const { t } = useOfficePage();
  const f = useFormat();
  const { visible, hiddenCount } = review.others;
  return (
    <Section id="others" title={t("office.candidatePage.others.title")}>
      {visible.length === 0 && hiddenCount === 0 ? (
        <p>{t("office.candidatePage.others.none")}</p>
      ) : (
        <>
          <p class="muted">{t("office.candidatePage.others.lead")}</p>
          {visible.length > 0 ? (
            <table class="data">
              <caption class="visually-hidden">{t("office.candidatePage.others.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("office.candidatePage.reference")}</th>
                  <th scope="col">{t("office.candidatePage.job")}</th>
                  <th scope="col">{t("office.candidatePage.stage")}</th>
                  <th scope="col">{t("office.candidatePage.startedAt")}</th>
                  <th scope="col">{t("office.candidatePage.others.match")}</th>
                </tr>
              </thead>
              <tbody>
                {visible.map((o) => (
                  <tr key={o.id} data-other={o.id}>
                    <th scope="row">
                      <a href={`/office/candidates/${o.id}`}>{o.reference}</a>
                    </th>
                    <td>
                      <JobTitle id={o.jobId} title={snapshotTitle(o.jobSnapshot)} />
                    </td>
                    <td>{stateLabel(t, o.state)}</td>
                    <td>{f.at(o.createdAt)}</td>
                    <td>{t(`office.candidatePage.others.match.${o.match}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {hiddenCount > 0 ? <p data-others-hidden>{t("office.candidatePage.others.hidden", { count: hiddenCount })}</p> : null}
        </>
      )}
    </Section>
  );
}

function Notes({ review, form }: { review: ApplicationReview; form: OfficeForm }) {
  const { t, explain } = useFieldTexts();
  const f = useFormat();
  const bodyId = fieldId("body");
  const bodyError = form.errors.body;
  const ratingError = form.errors.rating;
  const ratings = ["", "1", "2", "3", "4", "5"];
  return (
    <Section id="notes" title={t("office.candidatePage.notes.title")}>
      {review.notes.length === 0 ? (
        <p>{t("office.candidatePage.notes.none")}</p>
      ) : (
        <ol class="notes">
          {review.notes.map((n) => (
            <li key={n.id} class="note" data-note={n.id}>
              <p class="note__meta">
                {t("office.candidatePage.notes.by", { name: n.authorName, at: f.at(n.createdAt) })}
                {n.rating !== null ? <span class="tag">{t("office.candidatePage.notes.rating", { rating: n.rating })}</span> : null}
              </p>
              <p class="note__body">{n.body}</p>
            </li>
          ))}
        </ol>
      )}
      {review.may.note ? (
        <form method="post" action={`/office/candidates/${review.application.id}/notes`} class="form" novalidate>
          <CsrfField />
          <h3>{t("office.candidatePage.notes.add")}</h3>
          <div class={bodyError ? "field field--error" : "field"}>
            <label class="field__label" for={bodyId}>
              {t("office.candidatePage.notes.body")}
            </label>
            <p class="field__hint" id={`${bodyId}-hint`}>
              {t("office.candidatePage.notes.body.hint")}
            </p>
            <textarea
              class="textarea"
              id={bodyId}
              name="body"
              rows={5}
              maxLength={MAX_NOTE_LENGTH}
              aria-required="true"
              aria-describedby={[`${bodyId}-hint`, bodyError ? `${bodyId}-error` : ""].filter(Boolean).join(" ")}
              aria-invalid={bodyError ? "true" : undefined}
            >
              {form.values.body ?? ""}
            </textarea>
            {bodyError ? (
              <p class="field__error" id={`${bodyId}-error`}>
                {explain(bodyError)}
              </p>
            ) : null}
          </div>
          <fieldset class={ratingError ? "field field--error" : "field"}>
            <legend class="field__label">{t("office.candidatePage.notes.rating.label")}</legend>
            <div class="radios radios--inline">
              {ratings.map((r, i) => {
                const id = i === 0 ? fieldId("rating") : `${fieldId("rating")}-${r}`;
                return (
                  <div class="radio" key={r}>
                    <input type="radio" id={id} name="rating" value={r} checked={(form.values.rating ?? "") === r} />
                    <label for={id}>{r === "" ? t("office.candidatePage.notes.rating.none") : r}</label>
                  </div>
                );
              })}
            </div>
            {ratingError ? (
              <p class="field__error" id={`${fieldId("rating")}-error`}>
                {explain(ratingError)}
              </p>
            ) : null}
          </fieldset>
          <button type="submit" class="button button--primary">
            {t("office.candidatePage.notes.submit")}
          </button>
        </form>
      ) : null}
    </Section>
  );
}

/** The candidate page: everything about one application, in sections a reviewer can scan, with notes and a move. */
export function CandidatePage(props: {
  review: ApplicationReview;
  names: ScaleNames;
  privacy: CandidatePrivacy | null;
  form: OfficeForm;
  notice: OfficeMessageKey | null;
}) {
  const { t } = useOfficePage();
  const { review, form } = props;
  const name = review.profile.kanji ?? review.profile.latin;
  return (
    <OfficeLayout title={`${name} | ${t("office.candidatePage.title")}`}>
      <p class="back-link">
        <a href={`/office/pipeline/${encodeURIComponent(review.application.jobId)}`}>{t("office.candidatePage.backToList")}</a>
      </p>
      {props.notice ? (
        <div class="notice" role="status">
          {t(props.notice)}
        </div>
      ) : null}
      {review.answers.sensitiveShown ? (
        <div class="callout callout--warning" role="status">
          {t("office.candidatePage.sensitive.shown")} <a href="#answers">{t("office.candidatePage.sensitive.goToAnswers")}</a>
        </div>
      ) : null}
      <ErrorSummary form={form} />
      <PageHeading>{name}</PageHeading>
      {review.profile.kanji ? (
        <p class="lead" lang="en">
          {review.profile.latin}
        </p>
      ) : null}
      <div class="review-top">
        <Summary review={review} />
        {review.may.decide ? <MoveForm review={review} form={form} /> : null}
      </div>
      <p class="muted">{t("office.candidatePage.auditNote")}</p>
      <div class="review">
        <nav class="review-contents" aria-label={t("office.candidatePage.contents")}>
          <ul>
            {SECTIONS.filter((s) => s.id !== "privacy" || props.privacy).map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{t(s.label)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="review-sections">
          <Profile review={review} />
          <Documents review={review} />
          <Answers review={review} form={form} />
          <Assessment review={review} names={props.names} />
          <Signature review={review} />
          <History review={review} />
          <Messages review={review} />
          <Others review={review} />
          <Notes review={review} form={form} />
          {props.privacy ? <PrivacySection applicationId={review.application.id} summary={props.privacy.summary} names={props.privacy.names} /> : null}
        </div>
      </div>
    </OfficeLayout>
  );
}
