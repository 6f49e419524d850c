/** Time zones offered at registration; the seed's default first. Labels give the standard offset. */
export const TIME_ZONES = [
  { id: "Asia/Tokyo", ja: "(GMT+09:00) 日本標準時（アジア／東京）", en: "(GMT+09:00) Japan Standard Time (Asia/Tokyo)" },
  { id: "Asia/Seoul", ja: "(GMT+09:00) 韓国標準時（アジア／ソウル）", en: "(GMT+09:00) Korea Standard Time (Asia/Seoul)" },
  { id: "Asia/Shanghai", ja: "(GMT+08:00) 中国標準時（アジア／上海）", en: "(GMT+08:00) China Standard Time (Asia/Shanghai)" },
  { id: "Asia/Taipei", ja: "(GMT+08:00) 台北標準時（アジア／台北）", en: "(GMT+08:00) Taipei Standard Time (Asia/Taipei)" },
  { id: "Asia/Manila", ja: "(GMT+08:00) フィリピン標準時（アジア／マニラ）", en: "(GMT+08:00) Philippine Standard Time (Asia/Manila)" },
  { id: "Asia/Ho_Chi_Minh", ja: "(GMT+07:00) インドシナ時間（アジア／ホーチミン）", en: "(GMT+07:00) Indochina Time (Asia/Ho Chi Minh)" },
  { id: "Asia/Kolkata", ja: "(GMT+05:30) インド標準時（アジア／コルカタ）", en: "(GMT+05:30) India Standard Time (Asia/Kolkata)" },
  { id: "Europe/London", ja: "(GMT+00:00) グリニッジ標準時（ヨーロッパ／ロンドン）", en: "(GMT+00:00) Greenwich Mean Time (Europe/London)" },
  { id: "America/Sao_Paulo", ja: "(GMT-03:00) ブラジリア時間（アメリカ／サンパウロ）", en: "(GMT-03:00) Brasilia Time (America/Sao Paulo)" },
  { id: "America/New_York", ja: "(GMT-05:00) 東部標準時（アメリカ／ニューヨーク）", en: "(GMT-05:00) Eastern Time (America/New York)" },
  { id: "America/Los_Angeles", ja: "(GMT-08:00) 太平洋標準時（アメリカ／ロサンゼルス）", en: "(GMT-08:00) Pacific Time (America/Los Angeles)" },
  { id: "Pacific/Honolulu", ja: "(GMT-10:00) ハワイ標準時（太平洋／ホノルル）", en: "(GMT-10:00) Hawaii Time (Pacific/Honolulu)" },
] as const;

export const DEFAULT_TIME_ZONE = "Asia/Tokyo";

/** Is this one of the offered time zones? */
export function isTimeZone(value: string): boolean {
  return TIME_ZONES.some((z) => z.id === value);
}
