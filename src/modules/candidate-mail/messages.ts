import { defineMessages, type Locale, translatorsFor } from "../../platform/i18n/catalogue.ts";

/** Every e-mail and SMS text sent to candidates, in both languages. */
export const candidateMailMessages = defineMessages(
  {
    "mail.greeting": "{org}の採用にご関心をお寄せいただき、ありがとうございます。",
    "mail.code.label": "確認コード",
    "mail.signature": "{org} 採用事務局（このメールは送信専用です）",
    "mail.code.subject": "お客様の{org}ジョブ確認コード",
    "mail.code.purpose.login": "ログインのための確認コードは以下のとおりです。",
    "mail.code.purpose.pinReset": "暗証番号を再設定するための確認コードは以下のとおりです。",
    "mail.code.purpose.contactChange": "連絡先を変更するための確認コードは以下のとおりです。",
    "mail.code.purpose.accountDeletion": "アカウントを削除するための確認コードは以下のとおりです。削除すると元に戻せません。",
    "mail.code.validity": "この確認コードは3分で無効になります。お心当たりがない場合は、このメールを破棄してください。",
    "mail.code.sms": "【{org}】確認コード: {code}（3分間有効）。このコードを他人に教えないでください。",
    "mail.locked.subject": "【{org}採用事務局】 ログインを一時的に停止しました",
    "mail.locked.body": "暗証番号の誤りが続いたため、お客様のアカウントへのログインを{minutes}分間停止しました。",
    "mail.pinChanged.subject": "【{org}採用事務局】 暗証番号が変更されました",
    "mail.pinChanged.body": "お客様のアカウントの暗証番号が変更されました。すべての端末からログアウトしています。",
    "mail.contactChanged.subject": "【{org}採用事務局】 連絡先が変更されました",
    "mail.contactChanged.body": "お客様のアカウントのメールアドレスまたは電話番号が変更されました。",
    "mail.notice.notYou": "お心当たりがない場合は、暗証番号を再設定し、採用事務局までご連絡ください。",
    "mail.submitted.subject": "【{org}採用事務局】 応募が完了いたしました",
    "mail.submitted.body": "ご応募いただき、ありがとうございます。応募職種：{job}（求人ID: {jobId}）",
    "mail.submitted.reference": "応募番号: {reference}",
    "mail.submitted.next": "ご応募いただきました内容を確認させていただきます。次のステップにつきましては、改めてご連絡いたします。",
    "mail.submitted.sendDocuments":
      "履歴書と職務経歴書は、このメールの受信後、速やかに {email} 宛にデータ添付でお送りください（PDF、.docx、.xlsx。.pagesは不可）。",
    "mail.submitted.link": "応募した求人を確認する",
    "mail.withdrawn.subject": "【{org}採用事務局】 応募の取り下げを受け付けました",
    "mail.withdrawn.body": "{job}（応募番号: {reference}）への応募の取り下げを受け付けました。",
    "mail.withdrawn.again": "またのご応募をお待ちしております。",
    "mail.reminder.subject": "【{org}採用事務局】 応募手続きが途中です",
    "mail.reminder.body": "{job}（求人ID: {jobId}）への応募手続きが、まだ完了していません。",
    "mail.reminder.saved": "ここまでの入力内容は保存されています。下のリンクからログインすると、続きから再開できます（別の端末からでも再開できます）。",
    "mail.reminder.link": "応募を続ける（ログインが必要です）",
    "mail.reminder.stop": "このお知らせが不要な場合は、次のページで配信を停止できます: {url}",
    "mail.accountDeleted.subject": "【{org}採用事務局】 アカウントを削除しました",
    "mail.accountDeleted.body": "お客様の採用アカウントを削除しました。進行中の応募はすべて取り下げました。",
    "mail.accountDeleted.body.retention":
      "最後のご利用から保存期間が過ぎ、進行中の応募もないため、お客様の採用アカウントを削除しました。選考に必要な期間を過ぎた個人情報は保管しません。",
    "mail.accountDeleted.removed":
      "削除した情報: 氏名、メールアドレス、電話番号、住所、生年月日、応募書類、応募内容と回答、適性検査の回答と結果、選考メモ、ログイン履歴、お送りしたメールの本文。",
    "mail.accountDeleted.kept":
      "匿名で残る情報: 任意でご回答いただいた性別は、個人と結び付かない件数としてのみ、公正な選考の統計に残ります。同意の記録と削除の記録は、誰のものか分からない番号だけで残ります。",
    "mail.accountDeleted.thisMessage": "このメールの送信後、宛先と本文も削除します。再度ご応募いただく場合は、新しくアカウントを作成してください。",
  },
  {
    "mail.greeting": "Thank you for your interest in working at {org}.",
    "mail.code.label": "Verification code",
    "mail.signature": "{org} Recruiting Office (this address does not receive replies)",
    "mail.code.subject": "Your {org} Jobs verification code",
    "mail.code.purpose.login": "Here is your verification code to sign in.",
    "mail.code.purpose.pinReset": "Here is your verification code to reset your PIN.",
    "mail.code.purpose.contactChange": "Here is your verification code to change your contact details.",
    "mail.code.purpose.accountDeletion": "Here is your verification code to delete your account. Deletion cannot be undone.",
    "mail.code.validity": "The code expires in 3 minutes. If you did not ask for it, you can ignore this e-mail.",
    "mail.code.sms": "[{org}] Verification code: {code} (valid 3 minutes). Never share this code.",
    "mail.locked.subject": "[{org} Recruiting Office] Sign-in paused",
    "mail.locked.body": "After several wrong PINs, sign-in to your account is paused for {minutes} minutes.",
    "mail.pinChanged.subject": "[{org} Recruiting Office] Your PIN was changed",
    "mail.pinChanged.body": "The PIN of your account was changed, and you have been signed out on every device.",
    "mail.contactChanged.subject": "[{org} Recruiting Office] Your contact details were changed",
    "mail.contactChanged.body": "The e-mail address or phone number of your account was changed.",
    "mail.notice.notYou": "If this was not you, reset your PIN and contact the recruiting office.",
    "mail.submitted.subject": "[{org} Recruiting Office] Your application is complete",
    "mail.submitted.body": "Thank you for applying. Position: {job} (Job ID: {jobId})",
    "mail.submitted.reference": "Application reference: {reference}",
    "mail.submitted.next": "We will review your application and contact you about the next step.",
    "mail.submitted.sendDocuments": "Please e-mail your résumé and CV to {email} soon after receiving this message (PDF, .docx or .xlsx; not .pages).",
    "mail.submitted.link": "See your applications",
    "mail.withdrawn.subject": "[{org} Recruiting Office] Your withdrawal has been received",
    "mail.withdrawn.body": "We have received the withdrawal of your application to {job} (reference {reference}).",
    "mail.withdrawn.again": "We hope to hear from you again.",
    "mail.reminder.subject": "[{org} Recruiting Office] Your application is not finished yet",
    "mail.reminder.body": "Your application to {job} (Job ID: {jobId}) is not finished yet.",
    "mail.reminder.saved": "Everything you entered so far is saved. Sign in through the link below to carry on where you stopped, on any device.",
    "mail.reminder.link": "Continue your application (sign-in needed)",
    "mail.reminder.stop": "If you do not want these reminders, you can stop them on this page: {url}",
    "mail.accountDeleted.subject": "[{org} Recruiting Office] Your account has been deleted",
    "mail.accountDeleted.body": "We have deleted your recruiting account. Every application still in progress was withdrawn.",
    "mail.accountDeleted.body.retention":
      "We have deleted your recruiting account: the period we keep data for has passed since you last used it, and no application was in progress. We do not keep personal data longer than hiring needs it.",
    "mail.accountDeleted.removed":
      "Deleted: your name, e-mail address, phone number, address, date of birth, documents, applications and answers, assessment answers and results, the office's notes, your sign-in history and the texts of the e-mails we sent you.",
    "mail.accountDeleted.kept":
      "Kept anonymised: the gender you chose to give stays only as a count in the fairness statistics, linked to no one. The records of your consents and of this deletion stay under a number that leads to no one.",
    "mail.accountDeleted.thisMessage": "Once this e-mail is sent, its address and text are deleted too. To apply again, please create a new account.",
  },
);

const translators = translatorsFor(candidateMailMessages);

/** Message lookup for one candidate's language. */
export function mailTexts(locale: Locale) {
  return translators[locale];
}
