import { defineMessages } from "../../../platform/i18n/catalogue.ts";

export const mailboxMessages = defineMessages(
  {
    "mailbox.title": "ローカルメールボックス",
    "mailbox.lead": "SMTPサーバーを設定していないため、送信メッセージはここで読めます（本番モードでは表示されません）。",
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
    "mailbox.lead": "No SMTP server is configured, so outgoing messages can be read here (never shown in production mode).",
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
