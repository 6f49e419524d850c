import { STAFF_ROLES, type StaffMember } from "../../../modules/staff/schema.ts";
import { CsrfField, ErrorSummary, PageHeading, SelectField, TextField } from "../../html/fields.tsx";
import { OfficeLayout } from "../layout.tsx";
import type { OfficeMessageKey } from "../messages.ts";
import { type OfficeForm, useOfficePage } from "../page.ts";

export type JobChoice = { id: string; title: string };
type Member = StaffMember & { jobIds: string[] };

function JobCheckboxes({ jobs, chosen }: { jobs: JobChoice[]; chosen: readonly string[] }) {
  const { t } = useOfficePage();
  return (
    <fieldset class="field">
      <legend class="field__label">{t("office.staff.jobs")}</legend>
      {jobs.map((j) => (
        <div class="checkbox" key={j.id}>
          <input type="checkbox" id={`job-${j.id}`} name="jobIds" value={j.id} checked={chosen.includes(j.id)} />
          <label for={`job-${j.id}`}>{`${j.title}（${j.id}）`}</label>
        </div>
      ))}
    </fieldset>
  );
}

function RoleSelect({ form }: { form: OfficeForm }) {
  const { t } = useOfficePage();
  return <SelectField name="role" label={t("office.staff.role")} form={form} options={STAFF_ROLES.map((r) => ({ value: r, label: t(`office.role.${r}`) }))} />;
}

/** Everyone in the office, and the invitation form. */
export function StaffListPage({
  members,
  jobs,
  form,
  link,
  notice,
}: {
  members: Member[];
  jobs: JobChoice[];
  form: OfficeForm;
  link: string | null;
  notice: OfficeMessageKey | null;
}) {
  const { t } = useOfficePage();
  return (
    <OfficeLayout title={t("office.staff.title")}>
      {notice ? (
        <div class="notice" role="status">
          {t(notice)}
        </div>
      ) : null}
      <ErrorSummary form={form} />
      <PageHeading>{t("office.staff.title")}</PageHeading>
      {link ? (
        <section class="callout" aria-labelledby="setup-link">
          <h2 id="setup-link">{t("office.staff.link.title")}</h2>
          <p>{t("office.staff.link.lead")}</p>
          <p class="otpauth" data-setup-link>
            {link}
          </p>
        </section>
      ) : null}
      <table class="data">
        <caption class="visually-hidden">{t("office.staff.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("office.staff.name")}</th>
            <th scope="col">{t("office.staff.email")}</th>
            <th scope="col">{t("office.staff.role")}</th>
            <th scope="col">{t("office.staff.status")}</th>
            <th scope="col">{t("office.staff.jobs")}</th>
            <th scope="col">{t("office.staff.sensitive")}</th>
            <th scope="col">
              <span class="visually-hidden">{t("office.staff.edit")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td>{m.name}</td>
              <td>{m.email}</td>
              <td>{t(`office.role.${m.role}`)}</td>
              <td>{t(`office.staff.status.${m.status}`)}</td>
              <td>{m.role === "admin" ? "—" : m.jobIds.join(", ")}</td>
              <td>{t(m.mayViewSensitive ? "office.staff.yes" : "office.staff.no")}</td>
              <td>
                <a href={`/office/staff/${m.id}`}>
                  {t("office.staff.edit")}
                  <span class="visually-hidden">{` ${m.name}`}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("office.staff.invite.title")}</h2>
      <form method="post" action="/office/staff" novalidate class="form">
        <CsrfField />
        <TextField name="email" label={t("office.staff.email")} form={form} type="email" autocomplete="off" maxLength={254} />
        <TextField name="name" label={t("office.staff.name")} form={form} autocomplete="off" maxLength={100} />
        <RoleSelect form={{ ...form, values: { role: "reviewer", ...form.values } }} />
        <JobCheckboxes jobs={jobs} chosen={[]} />
        <button type="submit" class="button button--primary">
          {t("office.staff.invite.submit")}
        </button>
      </form>
    </OfficeLayout>
  );
}

/** One member: role, jobs and the sensitive-answers permission; deactivate; reset. */
export function StaffMemberPage({ member, jobs, form, link }: { member: Member; jobs: JobChoice[]; form: OfficeForm; link: string | null }) {
  const { t } = useOfficePage();
  return (
    <OfficeLayout title={`${member.name} | ${t("office.staff.title")}`}>
      <ErrorSummary form={form} />
      <PageHeading>{member.name}</PageHeading>
      <p>
        {member.email} — {t(`office.staff.status.${member.status}`)}
      </p>
      {link ? (
        <section class="callout" aria-labelledby="setup-link">
          <h2 id="setup-link">{t("office.staff.link.title")}</h2>
          <p>{t("office.staff.link.lead")}</p>
          <p class="otpauth" data-setup-link>
            {link}
          </p>
        </section>
      ) : null}
      <form method="post" action={`/office/staff/${member.id}`} novalidate class="form">
        <CsrfField />
        <RoleSelect form={{ ...form, values: { role: member.role, ...form.values } }} />
        <JobCheckboxes jobs={jobs} chosen={member.jobIds} />
        <div class="checkbox">
          <input
            type="checkbox"
            id="f-mayViewSensitive"
            name="mayViewSensitive"
            value="yes"
            checked={member.mayViewSensitive}
            aria-describedby="f-mayViewSensitive-hint"
          />
          <label for="f-mayViewSensitive">{t("office.staff.sensitive")}</label>
        </div>
        <p class="field__hint" id="f-mayViewSensitive-hint">
          {t("office.staff.sensitive.hint")}
        </p>
        <button type="submit" class="button button--primary">
          {t("office.staff.save")}
        </button>
      </form>
      {member.status !== "deactivated" ? (
        <>
          <h2>{t("office.staff.deactivate")}</h2>
          <p>{t("office.staff.deactivate.lead")}</p>
          <form method="post" action={`/office/staff/${member.id}/deactivate`} class="form">
            <CsrfField />
            <button type="submit" class="button button--secondary">
              {t("office.staff.deactivate")}
            </button>
          </form>
        </>
      ) : null}
      <h2>{t("office.staff.reset")}</h2>
      <p>{t("office.staff.reset.lead")}</p>
      <form method="post" action={`/office/staff/${member.id}/reset`} class="form">
        <CsrfField />
        <button type="submit" class="button button--secondary">
          {t("office.staff.reset")}
        </button>
      </form>
    </OfficeLayout>
  );
}
