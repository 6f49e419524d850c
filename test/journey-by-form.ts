import type { Db } from "../src/platform/db/database.ts";
import { lastCodeSentTo, personalDetailsForm, postApplicationPage, takeAssessment, type Visitor } from "./portal.ts";

/** A newcomer's names and contact details, as they type them into the forms. */
export type Newcomer = {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  familyNameLatin: string;
  givenNameLatin: string;
  email: string;
  /** A Japanese mobile number in the national format (080…). */
  phone: string;
};

const PIN = "583027";

/** The registration form as a browser sends it for a newcomer. */
export function registrationForm(who: Newcomer): Record<string, string> {
  return {
    givenName: who.givenName,
    familyName: who.familyName,
    givenNameLatin: who.givenNameLatin,
    familyNameLatin: who.familyNameLatin,
    email: who.email,
    emailConfirm: who.email,
    phoneCountry: "JP",
    phone: who.phone,
    phoneConfirmCountry: "JP",
    phoneConfirm: who.phone,
    timeZone: "Asia/Tokyo",
    pin: PIN,
    pinConfirm: PIN,
    contactConsent: "yes",
  };
}

/** The steps of the journey, for callers that time or label each one. */
export type JourneyStep = "register" | "signIn" | "application" | "assessment" | "submit";

/**
 * A newcomer's whole journey through the forms, as a browser without JavaScript sends them: registration,
 * sign-in with the e-mailed code (read from the outbox), every page of the application, the whole
 * assessment, the e-signature, the final questions and 応募する. Throws at the first answer that is not
 * the next page; answers the application's id.
 */
export async function applyByForm(visitor: Visitor, input: { db: Db; who: Newcomer; jobId: string; onStep?: (step: JourneyStep) => void }): Promise<string> {
  const { who } = input;
  const step = input.onStep ?? (() => undefined);
  step("register");
  await visitor.get("/register");
  const registered = await visitor.post("/register", registrationForm(who));
  if (registered.status !== 303) throw new Error(`registration answered ${registered.status}`);

  step("signIn");
  const flow = registered.location!.replace(/\/pin(\?.*)?$/, "");
  await visitor.post(`${flow}/pin`, { pin: PIN });
  await visitor.post(`${flow}/send`, { channel: "email" });
  const signedIn = await visitor.post(`${flow}/code`, { code: await lastCodeSentTo(input.db, who.email) });
  if (signedIn.status !== 303) throw new Error(`sign-in answered ${signedIn.status}`);

  step("application");
  const start = await visitor.post(`/jobs/${input.jobId}/apply`);
  const id = start.location?.match(/^\/applications\/([0-9a-f-]{36})\/documents$/)?.[1];
  if (!id) throw new Error(`applying answered ${start.status} ${start.location ?? ""}`);
  const page = async (name: string, form: Record<string, string | string[]>, next: string) => {
    const answer = await postApplicationPage(visitor, id, name, form);
    if (answer.location !== `/applications/${id}/${next}`) throw new Error(`${name} answered ${answer.status} ${answer.location ?? ""}`);
  };
  await page("documents", { intent: "skip" }, "personal");
  const personal = personalDetailsForm({
    familyNameLatin: who.familyNameLatin,
    givenNameLatin: who.givenNameLatin,
    familyNameKanji: who.familyName,
    givenNameKanji: who.givenName,
    familyNameKana: who.familyNameKana,
    givenNameKana: who.givenNameKana,
    email: who.email,
    phone: who.phone,
  });
  await page("personal", personal, "eligibility");
  await page("eligibility", { age18: "yes", preHireDocuments: "understood" }, "work-authorization");
  await page("work-authorization", { workAuthorizationType: "japanese", student: "notStudent", confirmStep3: "yes" }, "self-identification");
  await page("self-identification", { gender: "noAnswer" }, "pledge");
  await page("pledge", { consent: "yes" }, "assessment");

  step("assessment");
  const end = await takeAssessment(visitor, id);
  if (end !== `/applications/${id}/signature`) throw new Error(`the assessment ended at ${end}`);

  step("submit");
  await page("signature", { signature: `${who.givenNameLatin} ${who.familyNameLatin}` }, "final-questions");
  const final = {
    languages: ["ja"],
    privateRoom: "yes",
    workPlace: ["study"],
    quietEnvironment: "yes",
    stressHistory: "無",
    doubleWork: "none",
    confirmFinal: "yes",
  };
  await page("final-questions", final, "review");
  const submitted = await visitor.post(`/applications/${id}/submit`);
  if (submitted.location !== `/applications/${id}/complete`) throw new Error(`応募する answered ${submitted.status}`);
  return id;
}
