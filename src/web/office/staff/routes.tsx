import type { FastifyInstance } from "fastify";
import { listJobTitles } from "../../../modules/jobs/job-repo.ts";
import type { StaffMember } from "../../../modules/staff/schema.ts";
import { deactivateStaff, inviteStaff, isStaffRole, listStaff, resetStaff, updateStaff } from "../../../modules/staff/staff-directory.ts";
import { isUuid } from "../../../platform/db/uuid.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { echoValues, withError } from "../../../platform/http/form.ts";
import { noticeFromQuery } from "../../../platform/http/notices.ts";
import type { Locale } from "../../../platform/i18n/catalogue.ts";
import { composeEmail } from "../../../platform/mail/compose.tsx";
import type { OutgoingMessage } from "../../../platform/mail/outbox.ts";
import { STAFF } from "../../route-access.ts";
import { officeTexts } from "../messages.ts";
import { blankOfficeForm } from "../page.ts";
import { staffOf } from "../signed-in.ts";
import { type JobChoice, StaffListPage, StaffMemberPage } from "./views.tsx";

const NOTICES = { saved: "office.staff.saved", deactivated: "office.staff.deactivated" } as const;

function listOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === "string").slice(0, 200);
}

/** スタッフ (admins): invite, change role and jobs, grant the sensitive-answers permission, deactivate, reset. */
export async function staffAdminRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const setupUrl = (token: string) => `${deps.config.publicBaseUrl}/office/setup/${token}`;

  /** The e-mail that carries a set-up link to the person it is for, in the console's default language. */
  const setupMail =
    (locale: Locale) =>
    (member: StaffMember, token: string): OutgoingMessage => {
      const t = officeTexts[locale];
      const org = deps.config.orgName[locale];
      return {
        channel: "email",
        recipient: member.email,
        template: "staff.setup",
        locale,
        ...composeEmail({
          locale,
          subject: t("office.staff.mail.subject", { org }),
          greeting: member.name,
          paragraphs: [t("office.staff.mail.body")],
          link: { label: t("office.setup.title"), url: setupUrl(token) },
          signature: t("office.title"),
        }),
      };
    };

  async function jobChoices(locale: Locale): Promise<JobChoice[]> {
    const rows = await listJobTitles(deps.db);
    return rows.map((r) => ({ id: r.id, title: r.title[locale] }));
  }

  async function memberOf(id: string) {
    if (!isUuid(id)) return null;
    return (await listStaff(deps.db)).find((m) => m.id === id) ?? null;
  }

  app.get("/staff", STAFF("staff.manage"), async (req, reply) =>
    reply.page(
      <StaffListPage
        members={await listStaff(deps.db)}
        jobs={await jobChoices(req.locale)}
        form={blankOfficeForm}
        link={null}
        notice={noticeFromQuery(req.query, NOTICES)}
      />,
    ),
  );

  app.post("/staff", STAFF("staff.manage"), async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const jobsKnown = new Set((await jobChoices(req.locale)).map((j) => j.id));
    const role = isStaffRole(body.role) ? body.role : null;
    const invited = role
      ? await inviteStaff(deps.db, {
          email: String(body.email ?? ""),
          name: String(body.name ?? ""),
          role,
          jobIds: listOf(body.jobIds).filter((j) => jobsKnown.has(j)),
          invitedBy: staffOf(req).member.id,
          now: deps.now(),
          secret: deps.config.secret,
          notify: setupMail(req.locale),
        })
      : ({ ok: false, reason: "invalid" } as const);
    const members = await listStaff(deps.db);
    if (!invited.ok) {
      const form = withError(
        { values: echoValues(body), errors: {} },
        "email",
        invited.reason === "taken" ? "office.staff.invite.taken" : "office.staff.invite.invalid",
      );
      return reply.page(
        <StaffListPage members={members} jobs={await jobChoices(req.locale)} form={form} link={null} notice={null} />,
        invited.reason === "taken" ? 409 : 400,
      );
    }
    deps.nudgeOutbox();
    return reply.page(
      <StaffListPage members={members} jobs={await jobChoices(req.locale)} form={blankOfficeForm} link={setupUrl(invited.setupToken)} notice={null} />,
      201,
    );
  });

  app.get<{ Params: { id: string } }>("/staff/:id", STAFF("staff.manage"), async (req, reply) => {
    const member = await memberOf(req.params.id);
    if (!member) throw new AppError("notFound", "no such member of staff");
    return reply.page(<StaffMemberPage member={member} jobs={await jobChoices(req.locale)} form={blankOfficeForm} link={null} />);
  });

  app.post<{ Params: { id: string } }>("/staff/:id", STAFF("staff.manage"), async (req, reply) => {
    const member = await memberOf(req.params.id);
    if (!member) throw new AppError("notFound", "no such member of staff");
    const body = (req.body ?? {}) as Record<string, unknown>;
    const me = staffOf(req).member;
    const role = isStaffRole(body.role) ? body.role : null;
    const lowersSelf = member.id === me.id && role !== "admin";
    if (!role || lowersSelf) {
      const form = withError(blankOfficeForm, "role", lowersSelf ? "office.staff.notYourself" : "office.form.invalid");
      return reply.page(<StaffMemberPage member={member} jobs={await jobChoices(req.locale)} form={form} link={null} />, 400);
    }
    const jobsKnown = new Set((await jobChoices(req.locale)).map((j) => j.id));
    await updateStaff(deps.db, {
      staffId: member.id,
      role,
      jobIds: listOf(body.jobIds).filter((j) => jobsKnown.has(j)),
      mayViewSensitive: body.mayViewSensitive === "yes",
      changedBy: me.id,
      now: deps.now(),
    });
    return reply.seeOther("/office/staff?notice=saved");
  });

  app.post<{ Params: { id: string } }>("/staff/:id/deactivate", STAFF("staff.manage"), async (req, reply) => {
    const member = await memberOf(req.params.id);
    if (!member) throw new AppError("notFound", "no such member of staff");
    const me = staffOf(req).member;
    if (member.id === me.id) {
      const form = withError(blankOfficeForm, "role", "office.staff.notYourself");
      return reply.page(<StaffMemberPage member={member} jobs={await jobChoices(req.locale)} form={form} link={null} />, 400);
    }
    await deactivateStaff(deps.db, { staffId: member.id, by: me.id, now: deps.now() });
    return reply.seeOther("/office/staff?notice=deactivated");
  });

  app.post<{ Params: { id: string } }>("/staff/:id/reset", STAFF("staff.manage"), async (req, reply) => {
    const member = await memberOf(req.params.id);
    if (!member) throw new AppError("notFound", "no such member of staff");
    const token = await resetStaff(deps.db, {
      staffId: member.id,
      by: staffOf(req).member.id,
      now: deps.now(),
      secret: deps.config.secret,
      notify: setupMail(req.locale),
    });
    if (!token) throw new AppError("notFound", "no such member of staff");
    deps.nudgeOutbox();
    const fresh = (await memberOf(member.id))!;
    return reply.page(<StaffMemberPage member={fresh} jobs={await jobChoices(req.locale)} form={blankOfficeForm} link={setupUrl(token)} />);
  });
}
