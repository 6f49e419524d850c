import type { FastifyInstance, FastifyRequest } from "fastify";
import { AUDIT_ACTIONS, type AuditAction, type AuditFilter, auditEntriesFor, listAudit, recordAudit } from "../../../modules/audit/audit-log.ts";
import { csvExportStream } from "../../../modules/exports/csv-export.ts";
import type { AuditEntry } from "../../../modules/staff/schema.ts";
import { listStaff } from "../../../modules/staff/staff-directory.ts";
import { addressHashOf } from "../../../modules/staff/staff-sign-in.ts";
import { isUuid } from "../../../platform/db/uuid.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { PageHeading } from "../../html/fields.tsx";
import { STAFF } from "../../route-access.ts";
import { OfficeLayout } from "../layout.tsx";
import { useOfficePage } from "../page.ts";
import { staffOf } from "../signed-in.ts";

const PAGE_SIZE = 50;

function dateOf(value: unknown, endOfDay: boolean): Date | undefined {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T${endOfDay ? "23:59:59.999" : "00:00:00"}+09:00`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The filter a query names: only known actions, real ids and dates, read as days in Japan. */
function filterOf(req: FastifyRequest): { filter: AuditFilter; values: Record<string, string> } {
  const q = req.query as Record<string, unknown>;
  const filter: AuditFilter = {};
  const values: Record<string, string> = {};
  if (typeof q.staff === "string" && isUuid(q.staff)) filter.staffId = values.staff = q.staff;
  const action = AUDIT_ACTIONS.find((a) => a === q.action);
  if (action) filter.action = values.action = action;
  const from = dateOf(q.from, false);
  if (from) {
    filter.from = from;
    values.from = String(q.from);
  }
  const to = dateOf(q.to, true);
  if (to) {
    filter.to = to;
    values.to = String(q.to);
  }
  return { filter, values };
}

function AuditPage(props: { entries: AuditEntry[]; staff: { id: string; name: string }[]; values: Record<string, string>; next: string | null }) {
  const { t, locale } = useOfficePage();
  const nameOf = (id: string | null) => (id ? (props.staff.find((s) => s.id === id)?.name ?? id) : t("office.audit.unknown"));
  const format = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "short", timeStyle: "medium", timeZone: "Asia/Tokyo" });
  const query = new URLSearchParams(props.values).toString();
  return (
    <OfficeLayout title={t("office.audit.title")}>
      <PageHeading>{t("office.audit.title")}</PageHeading>
      <p>{t("office.audit.lead")}</p>
      <form method="get" action="/office/audit" class="filters">
        <div class="field">
          <label class="field__label" for="f-staff">
            {t("office.audit.who")}
          </label>
          <select class="select" id="f-staff" name="staff">
            <option value="">{t("office.audit.anyone")}</option>
            {props.staff.map((s) => (
              <option key={s.id} value={s.id} selected={props.values.staff === s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="f-action">
            {t("office.audit.action")}
          </label>
          <select class="select" id="f-action" name="action">
            <option value="">{t("office.audit.anyone")}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a} selected={props.values.action === a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="f-from">
            {t("office.audit.from")}
          </label>
          <input class="input" type="date" id="f-from" name="from" value={props.values.from ?? ""} />
        </div>
        <div class="field">
          <label class="field__label" for="f-to">
            {t("office.audit.to")}
          </label>
          <input class="input" type="date" id="f-to" name="to" value={props.values.to ?? ""} />
        </div>
        <button type="submit" class="button button--secondary">
          {t("office.audit.filter")}
        </button>
        <a class="button button--link" href={`/office/audit/export.csv${query ? `?${query}` : ""}`}>
          {t("office.audit.export")}
        </a>
      </form>
      {props.entries.length === 0 ? (
        <p>{t("office.audit.empty")}</p>
      ) : (
        <table class="data">
          <caption class="visually-hidden">{t("office.audit.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("office.audit.at")}</th>
              <th scope="col">{t("office.audit.who")}</th>
              <th scope="col">{t("office.audit.action")}</th>
              <th scope="col">{t("office.audit.record")}</th>
              <th scope="col">{t("office.audit.detail")}</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr key={e.id}>
                <td>{format.format(e.at)}</td>
                <td>{nameOf(e.staffId)}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.recordKind ? `${e.recordKind}:${e.recordId}` : ""}</td>
                <td>
                  <code>{JSON.stringify(e.detail)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.next ? (
        <p class="pager">
          <a href={props.next}>{t("office.audit.next")}</a>
        </p>
      ) : null}
    </OfficeLayout>
  );
}

/** 監査ログ (admins): filter by member, action and days, page back in time, export as CSV (itself audited). */
export async function auditRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get("/audit", STAFF("audit.view"), async (req, reply) => {
    const { filter, values } = filterOf(req);
    const beforeRaw = (req.query as { before?: unknown }).before;
    const before = typeof beforeRaw === "string" && /^\d{1,15}$/.test(beforeRaw) ? Number(beforeRaw) : undefined;
    const entries = await listAudit(deps.db, { filter, ...(before ? { before } : {}), limit: PAGE_SIZE + 1 });
    const shown = entries.slice(0, PAGE_SIZE);
    const next = entries.length > PAGE_SIZE ? `/office/audit?${new URLSearchParams({ ...values, before: String(shown[shown.length - 1]!.id) })}` : null;
    const staff = (await listStaff(deps.db)).map((s) => ({ id: s.id, name: s.name }));
    return reply.page(<AuditPage entries={shown} staff={staff} values={values} next={next} />);
  });

  app.get("/audit/export.csv", STAFF("audit.view"), async (req, reply) => {
    const { filter } = filterOf(req);
    await recordAudit(deps.db, {
      at: deps.now(),
      staffId: staffOf(req).member.id,
      action: "audit.exported",
      addressHash: addressHashOf(deps.config.secret, req.ip),
      detail: { filter: { ...filter, from: filter.from?.toISOString(), to: filter.to?.toISOString() } },
    });
    const rows = (async function* () {
      for await (const e of auditEntriesFor(deps.db, filter)) {
        yield {
          id: e.id,
          at: e.at.toISOString(),
          staffId: e.staffId ?? "",
          action: e.action as AuditAction,
          recordKind: e.recordKind ?? "",
          recordId: e.recordId ?? "",
          candidateId: e.candidateId ?? "",
          detail: JSON.stringify(e.detail),
        };
      }
    })();
    const columns = ["id", "at", "staffId", "action", "recordKind", "recordId", "candidateId", "detail"].map((key) => ({ key, header: key }));
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="audit-log.csv"')
      .header("cache-control", "no-store")
      .send(csvExportStream(rows, columns));
  });
}
