import type { ComponentChildren } from "preact";
import { type LegalHold, MAX_HOLD_REASON_LENGTH } from "../../../modules/privacy/legal-holds.ts";
import { PRIVACY_REQUEST_KINDS, type PrivacyRequest, REQUEST_CHANNELS } from "../../../modules/privacy/privacy-requests.ts";
import { CsrfField, ErrorSummary, PageHeading, RadioField, TextAreaField, TextField } from "../../html/fields.tsx";
import { OfficeLayout } from "../layout.tsx";
import type { OfficeMessageKey } from "../messages.ts";
import { type OfficeForm, useOfficePage } from "../page.ts";

/** The candidate the privacy pages are about, reached through one of their applications. */
export type PrivacySubject = { applicationId: string; name: string };

/** What the candidate page shows admins of the candidate's privacy records. */
export type PrivacySummary = { hold: LegalHold | null; requests: PrivacyRequest[] };

/** Staff names by id, for "who". */
export type StaffNames = ReadonlyMap<string, string>;

function useAt() {
  const { locale } = useOfficePage();
  const format = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" });
  const day = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "long", timeZone: "Asia/Tokyo" });
  return { at: (d: Date | null) => (d ? format.format(d) : "—"), day: (d: Date) => day.format(d) };
}

function Notice({ notice }: { notice: OfficeMessageKey | null }) {
  const { t } = useOfficePage();
  return notice ? (
    <div class="notice" role="status">
      {t(notice)}
    </div>
  ) : null;
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function privacyUrl(subject: PrivacySubject, rest = ""): string {
  return `/office/candidates/${subject.applicationId}/privacy${rest}`;
}

/** The request's state in words: open, or completed by whom and when. */
function RequestState({ request, names }: { request: PrivacyRequest; names: StaffNames }) {
  const { t } = useOfficePage();
  const { at } = useAt();
  if (!request.completedAt) return <>{t("office.privacy.request.open")}</>;
  return (
    <>{t("office.privacy.request.completed", { at: at(request.completedAt), who: names.get(request.completedBy ?? "") ?? t("office.privacy.unknownStaff") })}</>
  );
}

/** On the candidate page, for admins only: the open hold and the requests, with the way to handle them. */
export function PrivacySection({ applicationId, summary, names }: { applicationId: string; summary: PrivacySummary; names: StaffNames }) {
  const { t } = useOfficePage();
  const { at, day } = useAt();
  return (
    <section id="privacy" class="review-section" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t("office.privacy.title")}</h2>
      {summary.hold ? (
        <p class="callout callout--warning" data-legal-hold>
          {t("office.privacy.hold.placedOn", { at: at(summary.hold.placedAt) })} {t("office.privacy.hold.effect")}
        </p>
      ) : (
        <p>{t("office.privacy.hold.none")}</p>
      )}
      {summary.requests.length === 0 ? (
        <p>{t("office.privacy.requests.none")}</p>
      ) : (
        <ul data-privacy-requests>
          {summary.requests.map((r) => (
            <li key={r.id}>
              {t(`office.privacy.kind.${r.kind}`)}（{day(r.receivedAt)}）: <RequestState request={r} names={names} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/office/candidates/${applicationId}/privacy`}>{t("office.privacy.open")}</a>
      </p>
    </section>
  );
}

function HoldSection({
  subject,
  hold,
  holds,
  names,
  form,
}: {
  subject: PrivacySubject;
  hold: LegalHold | null;
  holds: LegalHold[];
  names: StaffNames;
  form: OfficeForm;
}) {
  const { t } = useOfficePage();
  const { at } = useAt();
  const who = (id: string | null) => names.get(id ?? "") ?? t("office.privacy.unknownStaff");
  return (
    <section aria-labelledby="hold-title" class="review-section">
      <h2 id="hold-title">{t("office.privacy.hold.title")}</h2>
      <p>{t("office.privacy.hold.lead")}</p>
      {hold ? (
        <>
          <div class="callout callout--warning" data-legal-hold>
            <p>
              {t("office.privacy.hold.placedBy", { at: at(hold.placedAt), who: who(hold.placedBy) })} {t("office.privacy.hold.effect")}
            </p>
            <p>
              {t("office.privacy.hold.reason")}: {hold.reason}
            </p>
          </div>
          <form method="post" action={privacyUrl(subject, "/hold/release")} class="form">
            <CsrfField />
            <button type="submit" class="button button--secondary">
              {t("office.privacy.hold.release")}
            </button>
          </form>
        </>
      ) : (
        <form method="post" action={privacyUrl(subject, "/hold")} class="form" novalidate>
          <CsrfField />
          <TextAreaField
            name="reason"
            label={t("office.privacy.hold.reason")}
            hint={t("office.privacy.hold.reasonHint", { max: MAX_HOLD_REASON_LENGTH })}
            form={form}
            rows={3}
            maxLength={MAX_HOLD_REASON_LENGTH}
          />
          <button type="submit" class="button button--primary">
            {t("office.privacy.hold.place")}
          </button>
        </form>
      )}
      {holds.some((h) => h.releasedAt) ? (
        <table class="data">
          <caption>{t("office.privacy.hold.history")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("office.privacy.hold.placed")}</th>
              <th scope="col">{t("office.privacy.hold.released")}</th>
              <th scope="col">{t("office.privacy.hold.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {holds
              .filter((h) => h.releasedAt)
              .map((h) => (
                <tr key={h.id}>
                  <td>{`${at(h.placedAt)}（${who(h.placedBy)}）`}</td>
                  <td>{`${at(h.releasedAt)}（${who(h.releasedBy)}）`}</td>
                  <td>{h.reason}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function RequestsSection({ subject, requests, held, names }: { subject: PrivacySubject; requests: PrivacyRequest[]; held: boolean; names: StaffNames }) {
  const { t } = useOfficePage();
  const { day } = useAt();
  return (
    <section aria-labelledby="requests-title" class="review-section">
      <h2 id="requests-title">{t("office.privacy.requests.title")}</h2>
      {requests.length === 0 ? (
        <p>{t("office.privacy.requests.none")}</p>
      ) : (
        <table class="data" data-privacy-requests>
          <caption class="visually-hidden">{t("office.privacy.requests.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("office.privacy.request.kind")}</th>
              <th scope="col">{t("office.privacy.request.receivedVia")}</th>
              <th scope="col">{t("office.privacy.request.receivedAt")}</th>
              <th scope="col">{t("office.privacy.request.recordedBy")}</th>
              <th scope="col">{t("office.privacy.request.state")}</th>
              <th scope="col">{t("office.privacy.request.action")}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id} data-request={r.id}>
                <td>{t(`office.privacy.kind.${r.kind}`)}</td>
                <td>{t(`office.privacy.via.${r.receivedVia}`)}</td>
                <td>{day(r.receivedAt)}</td>
                <td>{names.get(r.recordedBy) ?? t("office.privacy.unknownStaff")}</td>
                <td>
                  <RequestState request={r} names={names} />
                </td>
                <td>
                  <RequestAction subject={subject} request={r} held={held} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RequestAction({ subject, request, held }: { subject: PrivacySubject; request: PrivacyRequest; held: boolean }) {
  const { t } = useOfficePage();
  if (request.completedAt) return <>—</>;
  if (request.kind === "disclosure")
    return (
      <>
        <a href={privacyUrl(subject, `/disclosure.json?request=${request.id}`)} download>
          {t("office.privacy.disclosure.download")}
        </a>
        <form method="post" action={privacyUrl(subject, `/requests/${request.id}/complete`)} class="inline-form">
          <CsrfField />
          <button type="submit" class="button button--secondary">
            {t("office.privacy.disclosure.complete")}
          </button>
        </form>
      </>
    );
  if (held) return <>{t("office.privacy.deletion.heldShort")}</>;
  return <a href={privacyUrl(subject, `/requests/${request.id}/erase`)}>{t("office.privacy.deletion.carryOut")}</a>;
}

function RecordRequestForm({ subject, form }: { subject: PrivacySubject; form: OfficeForm }) {
  const { t } = useOfficePage();
  return (
    <section aria-labelledby="record-title" class="review-section">
      <h2 id="record-title">{t("office.privacy.record.title")}</h2>
      <form method="post" action={privacyUrl(subject, "/requests")} class="form" novalidate>
        <CsrfField />
        <input type="hidden" name="requestId" value={form.values.requestId} />
        <RadioField
          name="kind"
          label={t("office.privacy.request.kind")}
          form={form}
          options={PRIVACY_REQUEST_KINDS.map((k) => ({ value: k, label: t(`office.privacy.kind.${k}`) }))}
        />
        <RadioField
          name="receivedVia"
          label={t("office.privacy.request.receivedVia")}
          form={form}
          options={REQUEST_CHANNELS.map((v) => ({ value: v, label: t(`office.privacy.via.${v}`) }))}
        />
        <TextField name="receivedOn" type="date" label={t("office.privacy.request.receivedAt")} hint={t("office.privacy.record.dateHint")} form={form} />
        <button type="submit" class="button button--primary">
          {t("office.privacy.record.submit")}
        </button>
      </form>
    </section>
  );
}

/** 個人情報の取り扱い (admins): the legal hold, the register of disclosure and deletion requests, and a new request. */
export function PrivacyPage(props: {
  subject: PrivacySubject;
  hold: LegalHold | null;
  holds: LegalHold[];
  requests: PrivacyRequest[];
  names: StaffNames;
  form: OfficeForm;
  notice: OfficeMessageKey | null;
}) {
  const { t } = useOfficePage();
  const { subject } = props;
  return (
    <OfficeLayout title={`${subject.name} | ${t("office.privacy.title")}`}>
      <p class="back-link">
        <a href={`/office/candidates/${subject.applicationId}`}>{t("office.privacy.backToCandidate")}</a>
      </p>
      <Notice notice={props.notice} />
      <ErrorSummary form={props.form} />
      <PageHeading>{t("office.privacy.heading", { name: subject.name })}</PageHeading>
      <p>{t("office.privacy.lead")}</p>
      <HoldSection subject={subject} hold={props.hold} holds={props.holds} names={props.names} form={props.form} />
      <RequestsSection subject={subject} requests={props.requests} held={props.hold !== null} names={props.names} />
      <RecordRequestForm subject={subject} form={props.form} />
    </OfficeLayout>
  );
}

/** The explicit step before an office deletion: what is erased, what stays anonymised, and a box to tick. */
export function ErasureConfirmPage(props: { subject: PrivacySubject; request: PrivacyRequest; held: boolean; form: OfficeForm }) {
  const { t } = useOfficePage();
  const { day } = useAt();
  const { subject, request, form } = props;
  const error = form.errors.confirmed;
  return (
    <OfficeLayout title={`${subject.name} | ${t("office.privacy.deletion.title")}`}>
      <p class="back-link">
        <a href={privacyUrl(subject)}>{t("office.privacy.backToPrivacy")}</a>
      </p>
      <ErrorSummary form={form} />
      <PageHeading>{t("office.privacy.deletion.heading", { name: subject.name })}</PageHeading>
      <p>{t("office.privacy.deletion.request", { at: day(request.receivedAt), via: t(`office.privacy.via.${request.receivedVia}`) })}</p>
      {props.held ? (
        <p class="callout callout--warning" role="alert" data-legal-hold>
          {t("office.privacy.deletion.held")}
        </p>
      ) : null}
      <h2>{t("office.privacy.deletion.erasedHeading")}</h2>
      <ul>
        <li>{t("office.privacy.deletion.erased1")}</li>
        <li>{t("office.privacy.deletion.erased2")}</li>
        <li>{t("office.privacy.deletion.erased3")}</li>
        <li>{t("office.privacy.deletion.erased4")}</li>
      </ul>
      <h2>{t("office.privacy.deletion.keptHeading")}</h2>
      <ul>
        <li>{t("office.privacy.deletion.kept1")}</li>
        <li>{t("office.privacy.deletion.kept2")}</li>
        <li>{t("office.privacy.deletion.kept3")}</li>
      </ul>
      <p>{t("office.privacy.deletion.irreversible")}</p>
      {props.held ? null : (
        <form method="post" action={privacyUrl(subject, `/requests/${request.id}/erase`)} class="form" novalidate>
          <CsrfField />
          <div class={error ? "field field--error" : "field"}>
            {error ? (
              <p class="field__error" id="f-confirmed-error">
                {t(error.key)}
              </p>
            ) : null}
            <div class="checkbox">
              <input type="checkbox" id="f-confirmed" name="confirmed" value="yes" aria-describedby={error ? "f-confirmed-error" : undefined} />
              <label for="f-confirmed">{t("office.privacy.deletion.confirm")}</label>
            </div>
          </div>
          <button type="submit" class="button button--primary">
            {t("office.privacy.deletion.submit")}
          </button>
          <a class="button button--link" href={privacyUrl(subject)}>
            {t("office.privacy.cancel")}
          </a>
        </form>
      )}
    </OfficeLayout>
  );
}

/** One request of the register, by its id: still readable once the account it was about is erased. */
export function PrivacyRequestPage(props: {
  request: PrivacyRequest;
  removed: Record<string, number> | null;
  names: StaffNames;
  notice: OfficeMessageKey | null;
}) {
  const { t } = useOfficePage();
  const { at, day } = useAt();
  const { request, names } = props;
  const who = (id: string | null) => names.get(id ?? "") ?? t("office.privacy.unknownStaff");
  return (
    <OfficeLayout title={t("office.privacy.registerEntry")}>
      <Notice notice={props.notice} />
      <PageHeading>{t("office.privacy.registerEntry")}</PageHeading>
      <dl class="summary-list">
        <Row label={t("office.privacy.request.id")}>
          <code>{request.id}</code>
        </Row>
        <Row label={t("office.privacy.request.candidateId")}>
          <code>{request.candidateId}</code>
        </Row>
        <Row label={t("office.privacy.request.kind")}>{t(`office.privacy.kind.${request.kind}`)}</Row>
        <Row label={t("office.privacy.request.receivedVia")}>{t(`office.privacy.via.${request.receivedVia}`)}</Row>
        <Row label={t("office.privacy.request.receivedAt")}>{day(request.receivedAt)}</Row>
        <Row label={t("office.privacy.request.recordedBy")}>{who(request.recordedBy)}</Row>
        <Row label={t("office.privacy.request.state")}>
          {request.completedAt
            ? t("office.privacy.request.completed", { at: at(request.completedAt), who: who(request.completedBy) })
            : t("office.privacy.request.open")}
        </Row>
      </dl>
      {props.removed ? (
        <table class="data" data-removed>
          <caption>{t("office.privacy.erasure.removed")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("office.privacy.erasure.table")}</th>
              <th scope="col">{t("office.privacy.erasure.rows")}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(props.removed).map(([table, rows]) => (
              <tr key={table}>
                <td>
                  <code>{table}</code>
                </td>
                <td class="numeric">{rows}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </OfficeLayout>
  );
}
