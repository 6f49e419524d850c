UPDATE "sessions" SET "principal_id" = "candidate_id" WHERE "principal_id" IS NULL;--> statement-breakpoint
DELETE FROM "sessions" WHERE "principal_id" IS NULL;--> statement-breakpoint
DROP INDEX "sessions_candidate_idx";--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "principal_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" DROP COLUMN "candidate_id";
