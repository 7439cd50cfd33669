ALTER TABLE "policy_matches" DROP CONSTRAINT "policy_matches_policy_id_policies_id_fk";
--> statement-breakpoint
DROP INDEX "policy_matches_status_index";--> statement-breakpoint
CREATE INDEX "policy_matches_uptake_status_index" ON "policy_matches" USING btree ("status") WHERE "policy_matches"."status" <> 'eligible';