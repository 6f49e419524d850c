import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { findMessage, listRecentMessages, type OutboxMessage } from "../../../platform/mail/outbox.ts";
import { PageHeading } from "../../html/fields.tsx";
import { PUBLIC } from "../../route-access.ts";
import { Layout } from "../layout.tsx";
import { usePage } from "../page.ts";

function MailboxPage({ messages }: { messages: OutboxMessage[] }) {
  const { t } = usePage();
  return (
    <Layout title={t("mailbox.title")}>
      <PageHeading>{t("mailbox.title")}</PageHeading>
      <p>{t("mailbox.lead")}</p>
      {messages.length === 0 ? (
        <p>{t("mailbox.empty")}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t("mailbox.sent")}</th>
                <th scope="col">{t("mailbox.to")}</th>
                <th scope="col">{t("mailbox.subject")}</th>
                <th scope="col">{t("mailbox.status")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>{m.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td>{m.recipient}</td>
                  <td>
                    <a href={`/dev/mailbox/${m.id}`}>{m.channel === "sms" ? `${t("mailbox.sms")}: ${m.textBody.slice(0, 40)}` : m.subject}</a>
                  </td>
                  <td>{m.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

function MessagePage({ message }: { message: OutboxMessage }) {
  const { t } = usePage();
  return (
    <Layout title={message.subject || t("mailbox.sms")}>
      <p>
        <a href="/dev/mailbox">← {t("mailbox.back")}</a>
      </p>
      <PageHeading>{message.subject || t("mailbox.sms")}</PageHeading>
      <p>
        {t("mailbox.to")}: {message.recipient}
      </p>
      <pre class="mail-body">{message.textBody}</pre>
    </Layout>
  );
}

function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

/**
 * Loopback only: the TCP peer itself, never a forwarded address a client could claim; and when a proxy named
 * in TRUST_PROXY forwards the request, the client it forwards for too, since a proxy on this machine is
 * itself a loopback peer whoever it serves.
 */
function fromThisMachine(req: FastifyRequest): boolean {
  return isLoopback(req.socket.remoteAddress) && isLoopback(req.ip);
}

/**
 * The local mailbox: outgoing e-mail and SMS (sign-in codes among them) readable in the browser. It exists
 * only when no SMTP server is set and the portal is not in production, and answers only the machine itself.
 */
export async function mailboxRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.addHook("onRequest", async (req) => {
    if (!fromThisMachine(req)) throw new AppError("notFound", "the local mailbox answers only loopback");
  });
  app.get("/dev/mailbox", PUBLIC, async (_req, reply) => reply.page(<MailboxPage messages={await listRecentMessages(deps.db)} />));
  app.get<{ Params: { id: string } }>("/dev/mailbox/:id", PUBLIC, async (req, reply) => {
    const id = Number(req.params.id);
    const message = Number.isSafeInteger(id) && id > 0 ? await findMessage(deps.db, id) : undefined;
    if (!message) throw new AppError("notFound", "no such message");
    return reply.page(<MessagePage message={message} />);
  });
}
