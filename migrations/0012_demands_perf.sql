DROP INDEX "demands_unit_queue_idx";--> statement-breakpoint
DROP INDEX "demands_intake_idx";--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "contact_phone_masked" text;--> statement-breakpoint
CREATE INDEX "demands_created_idx" ON "demands" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "demands_unit_queue_idx" ON "demands" USING btree ("unit_id",coalesce("answer_deadline", "dispatch_deadline"),"no" DESC NULLS FIRST) WHERE state in ('dispatched', 'accepted', 'in_progress');--> statement-breakpoint
CREATE INDEX "demands_intake_idx" ON "demands" USING btree ("holder_region_code",coalesce("answer_deadline", "dispatch_deadline"),"no" DESC NULLS FIRST) WHERE state in ('received', 'sent_back');