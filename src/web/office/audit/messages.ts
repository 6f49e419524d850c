import { defineMessages } from "../../../platform/i18n/catalogue.ts";

export const auditMessages = defineMessages(
  {
    "office.audit.title": "監査ログ",
    "office.audit.lead":
      "スタッフのログイン、個人データの閲覧、書類のダウンロード、エクスポート、選考の判断、求人・テンプレート・スタッフの変更をすべて記録しています。記録は変更も削除もできません。",
    "office.audit.at": "日時",
    "office.audit.who": "スタッフ",
    "office.audit.action": "操作",
    "office.audit.record": "対象",
    "office.audit.detail": "詳細",
    "office.audit.anyone": "すべて",
    "office.audit.unknown": "（不明なアドレス）",
    "office.audit.from": "開始日",
    "office.audit.to": "終了日",
    "office.audit.filter": "絞り込む",
    "office.audit.export": "CSVでエクスポート",
    "office.audit.next": "さらに古い記録",
    "office.audit.empty": "該当する記録はありません。",
  },
  {
    "office.audit.title": "Audit log",
    "office.audit.lead":
      "Every staff sign-in, view of personal data, document download, export, decision, and change of jobs, templates and staff is recorded here. Entries cannot be changed or deleted.",
    "office.audit.at": "Time",
    "office.audit.who": "Staff",
    "office.audit.action": "Action",
    "office.audit.record": "Record",
    "office.audit.detail": "Details",
    "office.audit.anyone": "All",
    "office.audit.unknown": "(unknown address)",
    "office.audit.from": "From",
    "office.audit.to": "To",
    "office.audit.filter": "Filter",
    "office.audit.export": "Export as CSV",
    "office.audit.next": "Older entries",
    "office.audit.empty": "No entries match.",
  },
);
