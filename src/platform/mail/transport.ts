import nodemailer from "nodemailer";
import type { OutboxMessage } from "./outbox.ts";

/** Hands one outbox message to the world; throws when the hand-off fails so the worker retries. */
export type Deliver = (message: OutboxMessage) => Promise<void>;

/** Sends SMS; real providers implement this. */
export type SmsSender = { send(to: string, text: string): Promise<void> };

/**
 * The default SMS sender records nothing beyond the outbox row itself: the message stays readable there
 * (and on the local mailbox page) until a provider is plugged in.
 */
export const recordingSmsSender: SmsSender = { send: async () => undefined };

/** E-mail over SMTP when a URL is configured; otherwise messages are kept in the outbox only (local mode). */
export function createDeliver(options: { smtpUrl?: string | undefined; from: string; sms?: SmsSender }): { deliver: Deliver; close: () => void } {
  const sms = options.sms ?? recordingSmsSender;
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl, { from: options.from }) : null;
  const deliver: Deliver = async (message) => {
    if (message.channel === "sms") {
      await sms.send(message.recipient, message.textBody);
      return;
    }
    if (!transport) return;
    await transport.sendMail({
      from: options.from,
      to: message.recipient,
      subject: message.subject,
      text: message.textBody,
      html: message.htmlBody ?? undefined,
      messageId: `<outbox-${message.id}@${options.from.split("@")[1] ?? "localhost"}>`,
    });
  };
  return { deliver, close: () => transport?.close() };
}
