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
