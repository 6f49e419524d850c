import type { FastifyInstance } from "fastify";
import { updateProfile, ZProfileSchema } from "../../../modules/candidates/profile.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { noticeFromQuery } from "../../../platform/http/notices.ts";
import { CANDIDATE } from "../../route-access.ts";
import type { MessageKey } from "../messages.ts";
import { blankForm, parseForm } from "../page.ts";
import { candidateOf } from "../signed-in.ts";
import { ProfilePage } from "./views.tsx";

const NOTICES = {
  saved: "accounts.profile.saved",
  contactChanged: "accounts.profile.contactChanged",
  expired: "accounts.login.expired",
} as const satisfies Record<string, MessageKey>;

/** アカウント情報: names and time zone. */
export async function profileRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get("/account", CANDIDATE, async (req, reply) =>
    reply.page(<ProfilePage candidate={candidateOf(req)} form={blankForm} notice={noticeFromQuery(req.query, NOTICES)} />),
  );

  app.post("/account", CANDIDATE, async (req, reply) => {
    const candidate = candidateOf(req);
    const parsed = parseForm(ZProfileSchema, req.body);
    if (!parsed.ok) return reply.page(<ProfilePage candidate={candidate} form={parsed.form} notice={null} />, 400);
    await updateProfile(deps.db, { candidateId: candidate.id, profile: parsed.data, now: deps.now() });
    return reply.seeOther("/account?notice=saved");
  });
}
