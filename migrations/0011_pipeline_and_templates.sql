CREATE TABLE "email_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"stage" text,
	"name" jsonb NOT NULL,
	"subject" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_stage_counts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" text NOT NULL,
	"state" text NOT NULL,
	"delta" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_moves" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"job_id" text NOT NULL,
	"to_stage" text NOT NULL,
	"request_digest" text NOT NULL,
	"template_key" text,
	"template_version" integer,
	"send_at" timestamp with time zone,
	"moved" jsonb,
	"skipped" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "pipeline_at" timestamp with time zone GENERATED ALWAYS AS (COALESCE(submitted_at, created_at)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "stage_rank" smallint GENERATED ALWAYS AS (CASE state WHEN 'submitted' THEN 1 WHEN 'screening' THEN 2 WHEN 'interview_scheduling' THEN 3 WHEN 'interviewed' THEN 4 WHEN 'offered' THEN 5 WHEN 'hired' THEN 6 WHEN 'rejected' THEN 7 WHEN 'withdrawn' THEN 8 ELSE 0 END) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "search_name" text GENERATED ALWAYS AS (CASE WHEN personal IS NULL THEN NULL ELSE lower(translate(replace(replace(normalize(coalesce("personal"->>'familyNameKanji', '') || coalesce("personal"->>'givenNameKanji', '') || '|' || coalesce("personal"->>'familyNameKana', '') || coalesce("personal"->>'givenNameKana', '') || '|' || coalesce("personal"->>'familyNameLatin', '') || coalesce("personal"->>'givenNameLatin', '') || '|' || coalesce("personal"->>'givenNameLatin', '') || coalesce("personal"->>'familyNameLatin', '') || '|' || coalesce("personal"->>'preferredName', ''), NFKC), ' ', ''), '・', ''), 'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ', 'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ')) END) STORED;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "sort_name" text GENERATED ALWAYS AS (COALESCE(NULLIF(lower(translate(replace(replace(coalesce("personal"->>'familyNameKana', '') || coalesce("personal"->>'givenNameKana', ''), ' ', ''), '・', ''), 'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ', 'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ')), ''), lower(translate(replace(replace(coalesce("personal"->>'familyNameLatin', '') || coalesce("personal"->>'givenNameLatin', ''), ' ', ''), '・', ''), 'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ', 'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ')))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "candidates" ADD COLUMN "search_name" text GENERATED ALWAYS AS (lower(translate(replace(replace(normalize(family_name || given_name || '|' || family_name_latin || given_name_latin || '|' || given_name_latin || family_name_latin, NFKC), ' ', ''), '・', ''), 'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ', 'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ'))) STORED NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "email_templates_key_version_idx" ON "email_templates" USING btree ("key","version");--> statement-breakpoint
CREATE INDEX "email_templates_created_idx" ON "email_templates" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "application_stage_counts_job_idx" ON "application_stage_counts" USING btree ("job_id","state");--> statement-breakpoint
CREATE INDEX "pipeline_moves_staff_idx" ON "pipeline_moves" USING btree ("staff_id","created_at");--> statement-breakpoint
CREATE INDEX "applications_pipeline_date_idx" ON "applications" USING btree ("job_id","pipeline_at","id");--> statement-breakpoint
CREATE INDEX "applications_pipeline_state_idx" ON "applications" USING btree ("job_id","state","pipeline_at","id");--> statement-breakpoint
CREATE INDEX "applications_pipeline_stage_idx" ON "applications" USING btree ("job_id","stage_rank","pipeline_at","id");--> statement-breakpoint
CREATE INDEX "applications_pipeline_name_idx" ON "applications" USING btree ("job_id",sort_name COLLATE "C","id");--> statement-breakpoint
CREATE INDEX "applications_personal_email_idx" ON "applications" USING btree ((personal->>'email')) WHERE personal IS NOT NULL;--> statement-breakpoint
CREATE INDEX "applications_personal_phone_idx" ON "applications" USING btree ((personal->>'phone')) WHERE personal IS NOT NULL;--> statement-breakpoint
-- Names are searched anywhere inside them (山田 finds 山田花子, はなこ finds やまだはなこ). A trigram index would
-- skip Japanese under the C locale, so the pipeline indexes the distinct one- and two-character pieces of
-- the folded names (applications.search_name, and the account's candidates.search_name for applications
-- before STEP 1) and checks each row the index finds again with LIKE.
CREATE FUNCTION "name_search_grams"(value text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT piece), '{}'::text[]) FROM (
    SELECT substr(value, i, 1) AS piece FROM generate_series(1, length(value)) AS i
    UNION ALL
    SELECT substr(value, i, 2) FROM generate_series(1, length(value) - 1) AS i) AS pieces $$;
--> statement-breakpoint
CREATE INDEX "applications_search_grams_idx" ON "applications" USING gin (name_search_grams(search_name)) WHERE search_name IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "candidates_search_grams_idx" ON "candidates" USING gin (name_search_grams(search_name));
--> statement-breakpoint
-- The pipeline's counts per job and state, kept as +1/-1 rows (see application_stage_counts in
-- src/modules/pipeline/schema.ts): whatever changes an application, these triggers keep the count.
-- Many rows at once (an import, a purge) are counted per statement; one application changing state per row.
CREATE FUNCTION "count_inserted_applications"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO application_stage_counts (job_id, state, delta) SELECT job_id, state, count(*)::int FROM inserted_rows GROUP BY job_id, state;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "count_deleted_applications"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO application_stage_counts (job_id, state, delta) SELECT job_id, state, -count(*)::int FROM deleted_rows GROUP BY job_id, state;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "count_moved_application"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO application_stage_counts (job_id, state, delta) VALUES (OLD.job_id, OLD.state, -1), (NEW.job_id, NEW.state, 1);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "applications_count_inserted" AFTER INSERT ON "applications" REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION "count_inserted_applications"();
--> statement-breakpoint
CREATE TRIGGER "applications_count_deleted" AFTER DELETE ON "applications" REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION "count_deleted_applications"();
--> statement-breakpoint
CREATE TRIGGER "applications_count_moved" AFTER UPDATE OF state, job_id ON "applications" FOR EACH ROW
  WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.job_id IS DISTINCT FROM NEW.job_id) EXECUTE FUNCTION "count_moved_application"();
--> statement-breakpoint
INSERT INTO "application_stage_counts" (job_id, state, delta) SELECT job_id, state, count(*)::int FROM applications GROUP BY job_id, state;
