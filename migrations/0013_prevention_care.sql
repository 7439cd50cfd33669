CREATE TABLE "prevention_case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"note_enc" text,
	"actor_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_observation_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"rooms" integer NOT NULL,
	"note" text,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_retention_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"retention_days" integer NOT NULL,
	"counts" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_supplies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"item" text NOT NULL,
	"unit" text NOT NULL,
	"quantity" integer NOT NULL,
	"safety_stock" integer DEFAULT 0 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_suspected_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"employee_id" uuid NOT NULL,
	"name_masked" text NOT NULL,
	"id_card_masked" text NOT NULL,
	"reason_enc" text NOT NULL,
	"state" text DEFAULT 'flagged' NOT NULL,
	"observation_point_id" uuid,
	"observed_at" timestamp with time zone,
	"retest_due_at" timestamp with time zone,
	"quiet_started_at" timestamp with time zone,
	"quiet_tests" integer DEFAULT 0 NOT NULL,
	"last_test_at" timestamp with time zone,
	"flagged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"flagged_by" text,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "prevention_case_events" ADD CONSTRAINT "prevention_case_events_case_id_prevention_suspected_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."prevention_suspected_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "prevention_case_events_case_id_at_index" ON "prevention_case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "prevention_observation_points_enterprise_id_name_index" ON "prevention_observation_points" USING btree ("enterprise_id","name");--> statement-breakpoint
CREATE INDEX "prevention_observation_points_region_code_index" ON "prevention_observation_points" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "prevention_supplies_enterprise_id_item_index" ON "prevention_supplies" USING btree ("enterprise_id","item");--> statement-breakpoint
CREATE INDEX "prevention_supplies_region_code_index" ON "prevention_supplies" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "prevention_suspected_cases_region_code_state_index" ON "prevention_suspected_cases" USING btree ("region_code","state");--> statement-breakpoint
CREATE INDEX "prevention_suspected_cases_enterprise_id_state_index" ON "prevention_suspected_cases" USING btree ("enterprise_id","state");--> statement-breakpoint
CREATE INDEX "prevention_suspected_cases_observation_point_id_state_index" ON "prevention_suspected_cases" USING btree ("observation_point_id","state");--> statement-breakpoint
CREATE INDEX "prevention_suspected_cases_employee_id_index" ON "prevention_suspected_cases" USING btree ("employee_id");