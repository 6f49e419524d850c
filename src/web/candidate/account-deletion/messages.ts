import { defineMessages } from "../../../platform/i18n/catalogue.ts";

/** アカウント情報 → アカウントの削除: what goes, what stays anonymised and why, then the PIN and a code. */
export const accountDeletionMessages = defineMessages(
  {
    "accountDeletion.link": "アカウントを削除する",
    "accountDeletion.title": "アカウントの削除",
    "accountDeletion.lead": "アカウントを削除すると、元に戻すことはできません。削除は確認コードの入力後、すぐに行われます。",
    "accountDeletion.removedHeading": "削除される情報",
    "accountDeletion.removed1": "氏名、メールアドレス、電話番号、住所、生年月日",
    "accountDeletion.removed2": "応募書類（履歴書・職務経歴書など）",
    "accountDeletion.removed3": "すべての応募とその回答、適性検査の回答と結果、選考担当者のメモ",
    "accountDeletion.removed4": "ログイン履歴と、お送りしたメールの宛先と本文",
    "accountDeletion.withdrawn": "選考中の応募はすべて取り下げとなります。",
    "accountDeletion.keptHeading": "匿名で残る情報とその理由",
    "accountDeletion.kept1":
      "任意でご回答いただいた性別: 個人と結び付かない件数（求人、応募した月、到達した選考段階ごと）としてのみ残します。性別によって選考に偏りがないかを確かめる統計のためです。",
    "accountDeletion.kept2":
      "同意と削除の記録: いつ何に同意し、いつ削除したかを、誰のものか分からない番号だけで残します。個人情報保護法に基づく記録のためです。",
    "accountDeletion.kept3": "採用担当者の操作記録（監査ログ）: 誰がいつ操作したかの記録で、お客様の氏名や連絡先は含みません。",
    "accountDeletion.mail": "削除が終わると、確認のメールを {email} にお送りします。送信後、そのメールの宛先と本文も削除します。",
    "accountDeletion.pin": "暗証番号",
    "accountDeletion.pinHint": "本人確認のため、暗証番号を入力してください。次に、登録メールアドレスに確認コードをお送りします。",
    "accountDeletion.next": "確認コードを送信する",
    "accountDeletion.codeTitle": "確認コードを入力して削除する",
    "accountDeletion.confirm": "アカウントを削除する",
    "accountDeletion.held":
      "現在、法令上の理由によりこのアカウントの情報を保存する必要があるため、削除できません。採用事務局 {email} までお問い合わせください。",
    "accountDeletion.doneTitle": "アカウントを削除しました",
    "accountDeletion.done": "アカウントと応募の情報を削除し、すべての端末からログアウトしました。確認のメールをお送りしました。",
    "accountDeletion.again": "再度ご応募いただく場合は、新しくアカウントを作成してください。",
    "accountDeletion.jobs": "求人一覧へ",
    "accountDeletion.back": "アカウント情報へ戻る",
  },
  {
    "accountDeletion.link": "Delete my account",
    "accountDeletion.title": "Delete your account",
    "accountDeletion.lead": "Deleting your account cannot be undone. It happens as soon as you enter the verification code.",
    "accountDeletion.removedHeading": "What is deleted",
    "accountDeletion.removed1": "Your name, e-mail address, phone number, address and date of birth",
    "accountDeletion.removed2": "Your documents (résumé, CV and others)",
    "accountDeletion.removed3": "Every application with its answers, your assessment answers and results, and the office's notes",
    "accountDeletion.removed4": "Your sign-in history, and the addresses and texts of the e-mails we sent you",
    "accountDeletion.withdrawn": "Every application still in progress is withdrawn.",
    "accountDeletion.keptHeading": "What is kept anonymised, and why",
    "accountDeletion.kept1":
      "The gender you chose to give: kept only as a count (per job, month of application and the stage reached), linked to no one, for the statistics that check our selection treats men and women fairly.",
    "accountDeletion.kept2":
      "Records of consent and of this deletion: what you agreed to and when, and when your account was deleted, under a number that leads to no one, as Japan's privacy law asks us to keep.",
    "accountDeletion.kept3": "The office's audit log: who in the office did what and when; it holds no name or contact details of yours.",
    "accountDeletion.mail": "Once your account is deleted we send a confirmation to {email}; after it is sent, its address and text are deleted too.",
    "accountDeletion.pin": "PIN",
    "accountDeletion.pinHint": "To confirm it is you, enter your PIN. We will then send a verification code to your e-mail address.",
    "accountDeletion.next": "Send the verification code",
    "accountDeletion.codeTitle": "Enter the code to delete your account",
    "accountDeletion.confirm": "Delete my account",
    "accountDeletion.held":
      "We are required by law to keep this account's data for now, so it cannot be deleted yet. Please contact the recruiting office at {email}.",
    "accountDeletion.doneTitle": "Your account has been deleted",
    "accountDeletion.done":
      "Your account and applications have been deleted, and you have been signed out on every device. We have sent you a confirmation e-mail.",
    "accountDeletion.again": "To apply again, please create a new account.",
    "accountDeletion.jobs": "See all jobs",
    "accountDeletion.back": "Back to your account",
  },
);
