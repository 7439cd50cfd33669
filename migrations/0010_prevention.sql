CREATE TABLE "prevention_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"detail" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" text
);
--> statement-breakpoint
CREATE TABLE "prevention_api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"region_code" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "prevention_emergency_regions" (
	"region_code" text PRIMARY KEY NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text,
	"declared_by" text
);
--> statement-breakpoint
CREATE TABLE "prevention_employees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"id_card_enc" text NOT NULL,
	"id_card_hash" text NOT NULL,
	"id_card_masked" text NOT NULL,
	"phone_enc" text,
	"phone_masked" text,
	"post" text NOT NULL,
	"post_kind" text DEFAULT 'regular' NOT NULL,
	"unit_id" uuid,
	"dormitory" text,
	"status" text DEFAULT 'active' NOT NULL,
	"last_negative_at" timestamp with time zone,
	"last_positive_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_ingest_rejects" (
	"run_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"reason" text NOT NULL,
	"region_code" text NOT NULL,
	CONSTRAINT "prevention_ingest_rejects_run_id_line_no_pk" PRIMARY KEY("run_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "prevention_ingest_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text DEFAULT 'test_results' NOT NULL,
	"source" text NOT NULL,
	"format" text NOT NULL,
	"file_name" text,
	"sha256" text NOT NULL,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"rows" integer DEFAULT 0 NOT NULL,
	"merged" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"error" text,
	"region_code" text NOT NULL,
	"created_by" text,
	"api_key_id" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNLOGGED TABLE "prevention_ingest_staging" (
	"run_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"sample_id" text NOT NULL,
	"id_card_hash" text NOT NULL,
	"sampled_at" timestamp with time zone NOT NULL,
	"result" text NOT NULL,
	"institution" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_test_results" (
	"sample_id" text PRIMARY KEY NOT NULL,
	"id_card_hash" text NOT NULL,
	"sampled_at" timestamp with time zone NOT NULL,
	"result" text NOT NULL,
	"institution" text NOT NULL,
	"run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'workshop' NOT NULL,
	"isolated" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "prevention_alerts_dedupe_key_index" ON "prevention_alerts" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "prevention_alerts_region_code_status_index" ON "prevention_alerts" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "prevention_alerts_enterprise_id_status_index" ON "prevention_alerts" USING btree ("enterprise_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "prevention_api_keys_key_hash_index" ON "prevention_api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "prevention_api_keys_region_code_index" ON "prevention_api_keys" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "prevention_employees_enterprise_id_id_card_hash_index" ON "prevention_employees" USING btree ("enterprise_id","id_card_hash");--> statement-breakpoint
CREATE INDEX "prevention_employees_id_card_hash_index" ON "prevention_employees" USING btree ("id_card_hash");--> statement-breakpoint
CREATE INDEX "prevention_employees_region_code_index" ON "prevention_employees" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "prevention_employees_unit_id_index" ON "prevention_employees" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prevention_ingest_runs_kind_sha256_index" ON "prevention_ingest_runs" USING btree ("kind","sha256");--> statement-breakpoint
CREATE INDEX "prevention_ingest_runs_region_code_started_at_index" ON "prevention_ingest_runs" USING btree ("region_code","started_at");--> statement-breakpoint
CREATE INDEX "prevention_test_results_id_card_hash_sampled_at_index" ON "prevention_test_results" USING btree ("id_card_hash","sampled_at");--> statement-breakpoint
CREATE INDEX "prevention_test_results_sampled_at_index" ON "prevention_test_results" USING btree ("sampled_at");--> statement-breakpoint
CREATE UNIQUE INDEX "prevention_units_enterprise_id_name_index" ON "prevention_units" USING btree ("enterprise_id","name");--> statement-breakpoint
CREATE INDEX "prevention_units_region_code_index" ON "prevention_units" USING btree ("region_code");