CREATE TABLE "prevention_arrivals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"id_card_enc" text NOT NULL,
	"id_card_hash" text NOT NULL,
	"id_card_masked" text NOT NULL,
	"phone_enc" text,
	"phone_masked" text,
	"person_kind" text NOT NULL,
	"origin_code" text NOT NULL,
	"origin_name" text NOT NULL,
	"route" text NOT NULL,
	"purpose" text NOT NULL,
	"arrival_at" timestamp with time zone NOT NULL,
	"arrival_day" date NOT NULL,
	"source" text NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"employee_id" uuid,
	"decision" text NOT NULL,
	"risk_area_id" uuid,
	"quarantine_until" timestamp with time zone,
	"test_due_at" timestamp with time zone,
	"reported_by" text,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_daily_report_persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"employee_id" uuid NOT NULL,
	"health_enc" text NOT NULL,
	"measure" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_daily_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"zero" boolean NOT NULL,
	"on_site" integer NOT NULL,
	"symptomatic" integer DEFAULT 0 NOT NULL,
	"isolated" integer DEFAULT 0 NOT NULL,
	"observation" integer DEFAULT 0 NOT NULL,
	"note_enc" text,
	"filed_by" text,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_risk_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"from_day" date NOT NULL,
	"to_day" date,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "demands_unit_queue_idx";--> statement-breakpoint
DROP INDEX "demands_intake_idx";--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "contact_phone_masked" text;--> statement-breakpoint
ALTER TABLE "prevention_employees" ADD COLUMN "last_arrival_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "prevention_arrivals_enterprise_id_id_card_hash_arrival_day_index" ON "prevention_arrivals" USING btree ("enterprise_id","id_card_hash","arrival_day");--> statement-breakpoint
CREATE INDEX "prevention_arrivals_region_code_arrival_at_index" ON "prevention_arrivals" USING btree ("region_code","arrival_at");--> statement-breakpoint
CREATE INDEX "prevention_arrivals_id_card_hash_index" ON "prevention_arrivals" USING btree ("id_card_hash");--> statement-breakpoint
CREATE INDEX "prevention_arrivals_employee_id_index" ON "prevention_arrivals" USING btree ("employee_id");--> statement-breakpoint
CREATE INDEX "prevention_daily_report_persons_report_id_index" ON "prevention_daily_report_persons" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prevention_daily_report_persons_report_id_employee_id_index" ON "prevention_daily_report_persons" USING btree ("report_id","employee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prevention_daily_reports_enterprise_id_day_index" ON "prevention_daily_reports" USING btree ("enterprise_id","day");--> statement-breakpoint
CREATE INDEX "prevention_daily_reports_region_code_day_index" ON "prevention_daily_reports" USING btree ("region_code","day");--> statement-breakpoint
CREATE INDEX "prevention_risk_areas_code_index" ON "prevention_risk_areas" USING btree ("code");--> statement-breakpoint
CREATE INDEX "demands_created_idx" ON "demands" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "demands_unit_queue_idx" ON "demands" USING btree ("unit_id",coalesce("answer_deadline", "dispatch_deadline"),"no" DESC NULLS FIRST) WHERE state in ('dispatched', 'accepted', 'in_progress');--> statement-breakpoint
CREATE INDEX "demands_intake_idx" ON "demands" USING btree ("holder_region_code",coalesce("answer_deadline", "dispatch_deadline"),"no" DESC NULLS FIRST) WHERE state in ('received', 'sent_back');