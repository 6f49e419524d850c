import { translations as japaneseFeedback } from "@zxcvbn-ts/language-ja";
import { describe, expect, it } from "vitest";
import { judgeStaffPassword, STAFF_PASSWORD_SUGGESTIONS, STAFF_PASSWORD_WARNINGS } from "./password-policy.ts";

const hanako = { email: "yamada.hanako@office.example.jp", name: "山田 花子" };
const ken = { email: "k.ito@office.example.jp", name: "Ken Ito" };

describe("judgeStaffPassword", () => {
  it("refuses fewer than 12 characters, counting code points rather than UTF-16 units", () => {
    expect(judgeStaffPassword("Qx7!pL0zw2R", hanako)).toEqual({ ok: false, reason: "tooShort" });
    // Eleven characters outside the BMP are 22 UTF-16 units but still too short.
    expect(judgeStaffPassword("𠮷".repeat(11), hanako)).toEqual({ ok: false, reason: "tooShort" });
  });

  it("refuses more than 128 characters", () => {
    expect(judgeStaffPassword("a walk in the park ".repeat(7), hanako)).toEqual({ ok: false, reason: "tooLong" });
  });

  it("counts full-width input after NFKC, as it will be hashed", () => {
    // Half-width katakana with a separate voicing mark folds into one character each.
    expect(judgeStaffPassword("ｶﾞｷﾞｸﾞｹﾞｺﾞﾀﾞ", hanako)).toEqual({ ok: false, reason: "tooShort" });
  });

  it.each(["password1234", "qwertyuiop12", "sakura123456", "1qaz2wsx3edc4rfv", "zxcvbnm,./asdf", "aaaaaaaaaaaa", "abcdefghijkl", "さくらさくらさくらさくら"])(
    "refuses a guessable password as weak: %s",
    (password) => {
      const judgement = judgeStaffPassword(password, ken);
      expect(judgement).toMatchObject({ ok: false, reason: "weak" });
    },
  );

  it("says what made a password weak with zxcvbn's keys", () => {
    expect(judgeStaffPassword("qwertyuiop12", ken)).toMatchObject({
      reason: "weak",
      warning: "similarToCommon",
      suggestions: expect.arrayContaining(["anotherWord"]),
    });
    expect(judgeStaffPassword("aaaaaaaaaaaa", ken)).toMatchObject({ reason: "weak", warning: "simpleRepeat" });
  });

  it.each(["yamada.hanako2024", "yamadahanako1234", "YamadaHanako!!", "1234yamada.hanako", "山田花子のパスワードです", "山田花子 19900415"])(
    "refuses the person's own address or name: %s",
    (password) => expect(judgeStaffPassword(password, hanako)).toEqual({ ok: false, reason: "containsIdentity" }),
  );

  it.each(["hanako.yamada", "HanakoYamada77", "花子 山田 花子 山田 花子"])("refuses the person's name in pieces, however arranged: %s", (password) => {
    expect(judgeStaffPassword(password, hanako)).toEqual({ ok: false, reason: "containsIdentity" });
  });

  it("accepts the person's name beside a part that is strong on its own", () => {
    expect(judgeStaffPassword("yamada.hanako Xq7!pL0z", hanako)).toEqual({ ok: true });
    expect(judgeStaffPassword("tokyo hanako sakura yama 9", hanako)).toEqual({ ok: true });
  });

  it("holds only the person's own name against them", () => {
    expect(judgeStaffPassword("hanako.yamada", ken)).toEqual({ ok: true });
  });

  it.each([
    "correct horse battery staple",
    "tsukimi dango no aji 17",
    "みかんの木に 青い鳥が三羽",
    "Gx7#pq2!Lm9z",
    "gyoza ramen tofu",
    "窓辺の猫は 雨音を数える",
  ])("accepts a strong password or passphrase, spaces and Japanese included: %s", (password) => {
    expect(judgeStaffPassword(password, hanako)).toEqual({ ok: true });
  });

  it("names only warnings and suggestions the console has messages for", () => {
    const warnings = Object.keys(japaneseFeedback.warnings).filter((key) => key !== "pwned");
    const suggestions = Object.keys(japaneseFeedback.suggestions).filter((key) => key !== "pwned");
    // A new zxcvbn key appears here first; without a catalogue entry it would be dropped silently.
    expect([...STAFF_PASSWORD_WARNINGS].sort()).toEqual(warnings.sort());
    expect([...STAFF_PASSWORD_SUGGESTIONS].sort()).toEqual(suggestions.sort());
  });
});
