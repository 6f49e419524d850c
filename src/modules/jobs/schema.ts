import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Text in both of the portal's languages. */
export type LocalisedText = { ja: string; en: string };

/** A job posting; `id` is the public 求人ID. */
export const jobs = pgTable("jobs", {
  id: text("id").primaryKey(),
  title: jsonb("title").$type<LocalisedText>().notNull(),
  team: jsonb("team").$type<LocalisedText>().notNull(),
  summary: jsonb("summary").$type<LocalisedText>().notNull(),
  description: jsonb("description").$type<{ ja: string[]; en: string[] }>().notNull(),
  hours: jsonb("hours").$type<LocalisedText>().notNull(),
  pay: jsonb("pay").$type<{ currency: string; minValue: number; maxValue: number; unitText: "HOUR" | "MONTH" | "YEAR" }>(),
  employmentType: text("employment_type", { enum: ["FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY"] }).notNull(),
  remote: text("remote", { enum: ["remote", "onsite", "hybrid"] }).notNull(),
  countryCode: text("country_code").notNull(),
  status: text("status", { enum: ["open", "closed"] })
    .notNull()
    .default("open"),
  datePosted: ts("date_posted").notNull(),
  validThrough: ts("valid_through").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export type Job = typeof jobs.$inferSelect;
export type NewJob = typeof jobs.$inferInsert;
