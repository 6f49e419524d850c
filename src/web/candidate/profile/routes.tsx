import type { FastifyInstance } from "fastify";
import { setApplicationReminders } from "../../../modules/applications/application-reminders.ts";
import { updateProfile, ZProfileSchema } from "../../../modules/candidates/profile.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { noticeFromQuery } from "../../../platform/http/notices.ts";
import { CANDIDATE } from "../../route-access.ts";
import { consentSourceOf } from "../consent-source.ts";
import { keptFormFor } from "../kept-form.ts";
import type { MessageKey } from "../messages.ts";
import { blankForm, parseForm } from "../page.ts";
import { candidateOf } from "../signed-in.ts";
import { ProfilePage } from "./views.tsx";

const NOTICES = {
  saved: "accounts.profile.saved",
  contactChanged: "accounts.profile.contactChanged",
  reminders: "accounts.profile.reminders.saved",
  expired: "accounts.login.expired",
} as const satisfies Record<string, MessageKey>;

/** アカウント情報: names and time zone. */
export async function profileRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get("/account", CANDIDATE, async (req, reply) => {
    // Typed before the session ran out: shown again, once, not yet saved.
    const kept = await keptFormFor(req, deps);
    const values = Object.fromEntries(Object.entries(kept ?? {}).flatMap(([k, v]) => (typeof v === "string" && k !== "_csrf" ? [[k, v.slice(0, 300)]] : [])));
    return reply.page(
      <ProfilePage
        candidate={candidateOf(req)}
        form={kept ? { values, errors: {} } : blankForm}
        notice={kept ? "applications.kept" : noticeFromQuery(req.query, NOTICES)}
      />,
    );
  });

  app.post("/account", CANDIDATE, async (req, reply) => {
    const candidate = candidateOf(req);
    const parsed = parseForm(ZProfileSchema, req.body);
    if (!parsed.ok) return reply.page(<ProfilePage candidate={candidate} form={parsed.form} notice={null} />, 400);
    await updateProfile(deps.db, { candidateId: candidate.id, profile: parsed.data, now: deps.now() });
    return reply.seeOther("/account?notice=saved");
  });

  // An unticked box sends nothing: anything but "yes" turns the reminders off.
  app.post("/account/reminders", CANDIDATE, async (req, reply) => {
    const enabled = (req.body as { reminders?: unknown } | undefined)?.reminders === "yes";
    await setApplicationReminders(deps.db, { candidateId: candidateOf(req).id, enabled, source: consentSourceOf(req), now: deps.now() });
    return reply.seeOther("/account?notice=reminders#reminders");
  });
}
