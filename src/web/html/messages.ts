import { defineMessages } from "../../platform/i18n/catalogue.ts";

/** Messages of the page parts every HTML surface shares: field marks, the error summary, error pages. */
export const htmlMessages = defineMessages(
  {
    "layout.required": "※必須",
    "layout.optional": "※任意",
    "layout.errorSummary.title": "入力内容を確認してください",
    "error.notFound.title": "ページが見つかりません",
    "error.notFound.body": "お探しのページは移動したか、削除された可能性があります。アドレスをご確認ください。",
    "error.server.title": "ただいま処理できませんでした",
    "error.server.body": "時間をおいてもう一度お試しください。入力済みの内容は保存されています。",
    "error.badRequest.title": "送信内容を受け付けられませんでした",
    "error.badRequest.body": "フォームの内容が正しくありません。ページを読み込み直して、もう一度お試しください。",
    "error.csrf.title": "ページの有効期限が切れました",
    "error.csrf.body": "安全のため、このページを読み込み直してから、もう一度送信してください。",
    "error.tooLarge.title": "送信内容が大きすぎます",
    "error.tooLarge.body": "送信できる大きさを超えています。内容を減らしてもう一度お試しください。",
    "error.forbidden.title": "このページを表示する権限がありません",
    "error.forbidden.body": "ログインしているアカウントをご確認ください。",
    "error.backHome": "求人一覧へ戻る",
    "error.tooMany.title": "しばらくしてからもう一度お試しください",
    "error.tooMany.body": "短い時間に多くの操作があったため、一時的に受け付けを止めています。少し待ってから、もう一度お試しください。",
    "error.unavailable.title": "ただいま混み合っています",
    "error.unavailable.body":
      "ただいまアクセスが集中しているか、一時的に処理できない状態です。入力済みの内容は保存されています。少し時間をおいて、もう一度お試しください。",
  },
  {
    "layout.required": "Required",
    "layout.optional": "Optional",
    "layout.errorSummary.title": "Please check what you entered",
    "error.notFound.title": "Page not found",
    "error.notFound.body": "The page may have moved or been removed. Please check the address.",
    "error.server.title": "We could not process that just now",
    "error.server.body": "Please try again in a moment. What you have already saved is kept.",
    "error.badRequest.title": "We could not accept what was sent",
    "error.badRequest.body": "The form was not valid. Please reload the page and try again.",
    "error.csrf.title": "This page has expired",
    "error.csrf.body": "For your security, please reload this page and submit it again.",
    "error.tooLarge.title": "What you sent is too large",
    "error.tooLarge.body": "It is over the size we can accept. Please send less and try again.",
    "error.forbidden.title": "You cannot view this page",
    "error.forbidden.body": "Please check which account you are signed in with.",
    "error.backHome": "Back to jobs",
    "error.tooMany.title": "Please try again shortly",
    "error.tooMany.body": "There were many requests in a short time, so we are pausing for a moment. Please wait a little and try again.",
    "error.unavailable.title": "We are very busy right now",
    "error.unavailable.body": "We cannot process requests just now. What you have already saved is kept. Please try again in a little while.",
  },
);

export type HtmlMessageKey = keyof typeof htmlMessages.ja;
