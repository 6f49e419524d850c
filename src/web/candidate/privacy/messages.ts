import { defineMessages } from "../../../platform/i18n/catalogue.ts";

export const privacyMessages = defineMessages(
  {
    "privacy.version": "この規約は {date} 版です。",
    "privacy.contents": "目次",
    "privacy.purposeLink": "利用目的の詳細（候補者プライバシー規約）",
    "privacy.purpose.documents": "書類は書類選考のために利用し、次の応募でも使えるようにアカウント情報に保存します。ご自身でいつでも削除できます。",
    "privacy.purpose.sensitive": "この回答は就業上の配慮の検討だけに使い、個別に権限を与えられた担当者だけが見ます。同意はいつでも撤回できます。",
    "privacy.purpose.assessment": "回答と結果は選考と、検査の品質と公平性の確認に使います。結果は6か月間有効です。",
  },
  {
    "privacy.version": "This is the version of {date}.",
    "privacy.contents": "Contents",
    "privacy.purposeLink": "How we use this (privacy notice)",
    "privacy.purpose.documents":
      "We use your documents to assess your application, and keep them in your account for later applications. You can delete them at any time.",
    "privacy.purpose.sensitive":
      "This answer is used only to consider working adjustments and seen only by staff personally permitted to see it. You can withdraw consent at any time.",
    "privacy.purpose.assessment":
      "Your answers and results are used to assess your application and to check the assessment's quality and fairness. Results are valid for 6 months.",
  },
);
