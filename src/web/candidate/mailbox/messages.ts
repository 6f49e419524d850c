import { defineMessages } from "../../../platform/i18n/catalogue.ts";

export const mailboxMessages = defineMessages(
  {
    "mailbox.title": "ローカルメールボックス",
    "mailbox.banner": "このサイトはメールとSMSを実際には送信していません。送信内容はこの端末のローカルメールボックスで確認できます。",
    "mailbox.lead":
      "SMTPサーバーを設定していないため、送信メッセージはここで読めます。このページはこのサーバー自身（127.0.0.1）からしか開けず、本番モードやSMTP設定時には存在しません。",
    "mailbox.empty": "メッセージはまだありません。",
    "mailbox.to": "宛先",
    "mailbox.subject": "件名",
    "mailbox.status": "状態",
    "mailbox.sent": "送信日時",
    "mailbox.sms": "SMS",
    "mailbox.back": "メールボックスへ戻る",
    "form.invalid": "入力内容が正しくありません",
  },
  {
    "mailbox.title": "Local mailbox",
    "mailbox.banner": "This site is not sending e-mail or SMS. What it would send can be read in the local mailbox on this machine.",
    "mailbox.lead":
      "No SMTP server is configured, so outgoing messages can be read here. This page opens only from the server itself (127.0.0.1), and does not exist in production mode or once SMTP is set.",
    "mailbox.empty": "No messages yet.",
    "mailbox.to": "To",
    "mailbox.subject": "Subject",
    "mailbox.status": "Status",
    "mailbox.sent": "Sent",
    "mailbox.sms": "SMS",
    "mailbox.back": "Back to the mailbox",
    "form.invalid": "This value is not valid",
  },
);
