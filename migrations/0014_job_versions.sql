CREATE TABLE "job_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"job_id" text NOT NULL,
	"revision" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"digest" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "job_version_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "job_versions_digest_idx" ON "job_versions" USING btree ("digest");--> statement-breakpoint
CREATE INDEX "job_versions_job_idx" ON "job_versions" USING btree ("job_id","revision");--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_job_version_id_job_versions_id_fk" FOREIGN KEY ("job_version_id") REFERENCES "public"."job_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
INSERT INTO "job_versions" ("id", "job_id", "revision", "snapshot", "digest", "created_at")
SELECT DISTINCT ON (md5("job_snapshot"::text)) gen_random_uuid(), "job_id", COALESCE(("job_snapshot"->>'revision')::integer, 0), "job_snapshot", md5("job_snapshot"::text), "created_at"
FROM "applications" ORDER BY md5("job_snapshot"::text), "created_at";--> statement-breakpoint
UPDATE "applications" SET "job_version_id" = "job_versions"."id" FROM "job_versions" WHERE "job_versions"."digest" = md5("applications"."job_snapshot"::text);--> statement-breakpoint
ALTER TABLE "applications" ALTER COLUMN "job_version_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" DROP COLUMN "job_snapshot";