import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { previewTemplate } from "../../../modules/email-templates/preview-template.ts";
import { readTemplateDraft, type TemplateProblem } from "../../../modules/email-templates/read-template-draft.ts";
import type { EmailTemplate } from "../../../modules/email-templates/schema.ts";
import {
  findCurrentTemplate,
  listCurrentTemplates,
  saveTemplate,
  type TemplateDraft,
  templateVersions,
} from "../../../modules/email-templates/template-store.ts";
import { TEMPLATE_VARIABLES } from "../../../modules/email-templates/template-variables.ts";
import { listStaff } from "../../../modules/staff/staff-directory.ts";
import { addressHashOf } from "../../../modules/staff/staff-sign-in.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import type { FieldError } from "../../../platform/http/form.ts";
import { STAFF } from "../../route-access.ts";
import { type OfficeMessageKey, officeTexts } from "../messages.ts";
import type { OfficeForm } from "../page.ts";
import { staffOf } from "../signed-in.ts";
import { TemplateEditorPage, type TemplatePreview, TemplatesPage } from "./views.tsx";

type KeyParams = { Params: { key: string } };

const TEXT_FIELDS = ["nameJa", "nameEn", "subjectJa", "subjectEn", "bodyJa", "bodyEn"] as const;

function formOf(template: EmailTemplate): OfficeForm {
  return {
    values: {
      nameJa: template.name.ja,
      nameEn: template.name.en,
      subjectJa: template.subject.ja,
      subjectEn: template.subject.en,
      bodyJa: template.body.ja,
      bodyEn: template.body.en,
      stage: template.stage ?? "",
      active: template.active ? "yes" : "",
      basedOn: String(template.version),
    },
    errors: {},
  };
}

/** What was typed, to show again exactly as it was (nothing lost on an error). */
function typedValues(body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of [...TEXT_FIELDS, "stage", "active", "basedOn"]) values[name] = typeof body[name] === "string" ? (body[name] as string) : "";
  return values;
}

function errorOf(problem: TemplateProblem): FieldError<OfficeMessageKey> {
  switch (problem.code) {
    case "required":
      return { key: "office.templates.error.required" };
    case "tooLong":
      return { key: "office.templates.error.tooLong", vars: { max: problem.max } };
    case "unknownVariables":
      return {
        key: "office.templates.error.unknownVariables",
        vars: { names: problem.names.join("、"), allowed: TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(" ") },
      };
    case "strayBrace":
      return { key: "office.templates.error.strayBrace" };
    case "stage":
      return { key: "office.templates.error.stage" };
  }
}

/** メールテンプレート (admins): list, create, edit in Japanese and English with a server-drawn preview; each save a new, audited version. */
export async function templateRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const preview = (draft: Pick<TemplateDraft, "subject" | "body">): TemplatePreview => {
    const sender = { template: draft, orgName: deps.config.orgName, helpEmail: deps.config.helpEmail, baseUrl: deps.config.publicBaseUrl };
    return { ja: previewTemplate({ ...sender, locale: "ja" }), en: previewTemplate({ ...sender, locale: "en" }) };
  };

  async function showEditor(
    req: FastifyRequest,
    reply: FastifyReply,
    input: { key: string | null; form: OfficeForm; preview: TemplatePreview | null; saved?: number | null; status?: number },
  ) {
    const t = officeTexts[req.locale];
    const versions = input.key ? await templateVersions(deps.db, input.key) : [];
    const authors = new Map((await listStaff(deps.db)).map((s) => [s.id, s.name]));
    const current = versions[0];
    const title = current ? t("office.templates.editTitle", { name: current.name[req.locale] }) : t("office.templates.newTitle");
    return reply.page(
      <TemplateEditorPage
        templateKey={input.key}
        title={title}
        form={input.form}
        preview={input.preview}
        versions={versions}
        authors={authors}
        saved={input.saved ?? null}
      />,
      input.status ?? 200,
    );
  }

  async function submit(req: FastifyRequest, reply: FastifyReply, key: string | null) {
    const body = (req.body && typeof req.body === "object" ? req.body : {}) as Record<string, unknown>;
    const values = typedValues(body);
    const read = readTemplateDraft(body);
    if (!read.ok) {
      const errors: OfficeForm["errors"] = {};
      for (const [field, problem] of Object.entries(read.problems)) if (problem) errors[field] = errorOf(problem);
      return showEditor(req, reply, { key, form: { values, errors }, preview: null, status: 400 });
    }
    if (body.intent !== "save") return showEditor(req, reply, { key, form: { values, errors: {} }, preview: preview(read.draft) });
    const basedOn = /^\d{1,9}$/.test(values.basedOn ?? "") ? Number(values.basedOn) : null;
    const saved = await saveTemplate(deps.db, {
      key,
      basedOn,
      draft: read.draft,
      staffId: staffOf(req).member.id,
      now: deps.now(),
      addressHash: addressHashOf(deps.config.secret, req.ip),
    });
    if (saved.ok) return reply.seeOther(`/office/templates/${saved.template.key}?saved=${saved.template.version}`);
    if (saved.reason === "notFound") throw new AppError("notFound", "no such template");
    // Someone saved in between: what this member typed stays in the form, beside the newer version's history.
    return showEditor(req, reply, { key, form: { values, errors: { basedOn: { key: "office.templates.error.stale" } } }, preview: null, status: 409 });
  }

  app.get("/templates", STAFF("templates.manage"), async (_req, reply) => {
    return reply.page(<TemplatesPage templates={await listCurrentTemplates(deps.db)} />);
  });

  app.get("/templates/new", STAFF("templates.manage"), async (req, reply) => {
    return showEditor(req, reply, { key: null, form: { values: { active: "yes" }, errors: {} }, preview: null });
  });

  app.post("/templates", STAFF("templates.manage"), async (req, reply) => submit(req, reply, null));

  app.get<KeyParams>("/templates/:key", STAFF("templates.manage"), async (req, reply) => {
    const template = await findCurrentTemplate(deps.db, req.params.key);
    if (!template) throw new AppError("notFound", "no such template");
    const savedRaw = (req.query as { saved?: unknown }).saved;
    const saved = typeof savedRaw === "string" && /^\d{1,9}$/.test(savedRaw) ? Number(savedRaw) : null;
    return showEditor(req, reply, { key: template.key, form: formOf(template), preview: preview(template), saved });
  });

  app.post<KeyParams>("/templates/:key", STAFF("templates.manage"), async (req, reply) => {
    if (!(await findCurrentTemplate(deps.db, req.params.key))) throw new AppError("notFound", "no such template");
    return submit(req, reply, req.params.key);
  });
}
