CREATE TABLE "enterprise_profile_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"sector" text NOT NULL,
	"version" integer NOT NULL,
	"changes" jsonb NOT NULL,
	"changed_by" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "whitelist_sector_totals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"sector" text NOT NULL,
	"effective_from" date NOT NULL,
	"total_output_fen" bigint NOT NULL,
	"entered_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "whitelist_spot_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"sector" text NOT NULL,
	"checked_on" date NOT NULL,
	"checker" text NOT NULL,
	"findings" text NOT NULL,
	"passed" boolean NOT NULL,
	"recorded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "whitelist_supply_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"sector" text NOT NULL,
	"direction" text NOT NULL,
	"partner_name" text NOT NULL,
	"partner_uscc" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "whitelist_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"sector" text NOT NULL,
	"status" text NOT NULL,
	"criteria_id" uuid,
	"criteria_version" integer,
	"check_result" jsonb,
	"check_passed" boolean DEFAULT false NOT NULL,
	"priority" boolean DEFAULT false NOT NULL,
	"statement" text,
	"decision_reason" text,
	"decided_by" text,
	"round" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "whitelist_applications_enterpriseId_unique" UNIQUE("enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "whitelist_batch_items" (
	"batch_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"sector" text NOT NULL,
	CONSTRAINT "whitelist_batch_items_enterpriseId_unique" UNIQUE("enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "whitelist_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"sector" text NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"published_on" date NOT NULL,
	"published_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "whitelist_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"sector" text NOT NULL,
	"title" text NOT NULL,
	"rule" jsonb NOT NULL,
	"auto_admit" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "whitelist_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"sector" text NOT NULL,
	"event" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text,
	"detail" jsonb,
	"actor_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "whitelist_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"sector" text NOT NULL,
	"listed_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "has_task_force" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "competent_department" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "liaison_cadres" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "paired_medical_institution" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "prevention_staff" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "service_tier" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "listing_status" text DEFAULT 'not_listed' NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "profile_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprise_profile_versions" ADD CONSTRAINT "enterprise_profile_versions_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whitelist_spot_checks" ADD CONSTRAINT "whitelist_spot_checks_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whitelist_supply_links" ADD CONSTRAINT "whitelist_supply_links_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whitelist_applications" ADD CONSTRAINT "whitelist_applications_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whitelist_batch_items" ADD CONSTRAINT "whitelist_batch_items_batch_id_whitelist_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."whitelist_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whitelist_batch_items" ADD CONSTRAINT "whitelist_batch_items_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whitelist_history" ADD CONSTRAINT "whitelist_history_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whitelist_memberships" ADD CONSTRAINT "whitelist_memberships_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_profile_versions_enterprise_id_version_index" ON "enterprise_profile_versions" USING btree ("enterprise_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "whitelist_sector_totals_region_code_sector_effective_from_index" ON "whitelist_sector_totals" USING btree ("region_code","sector","effective_from");--> statement-breakpoint
CREATE INDEX "whitelist_spot_checks_enterprise_id_index" ON "whitelist_spot_checks" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "whitelist_supply_links_enterprise_id_partner_uscc_index" ON "whitelist_supply_links" USING btree ("enterprise_id","partner_uscc");--> statement-breakpoint
CREATE INDEX "whitelist_supply_links_partner_uscc_index" ON "whitelist_supply_links" USING btree ("partner_uscc");--> statement-breakpoint
CREATE INDEX "whitelist_applications_region_code_index" ON "whitelist_applications" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "whitelist_applications_status_index" ON "whitelist_applications" USING btree ("status");--> statement-breakpoint
CREATE INDEX "whitelist_batch_items_batch_id_index" ON "whitelist_batch_items" USING btree ("batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "whitelist_batches_region_code_sector_number_index" ON "whitelist_batches" USING btree ("region_code","sector","number");--> statement-breakpoint
CREATE UNIQUE INDEX "whitelist_criteria_region_code_sector_index" ON "whitelist_criteria" USING btree ("region_code","sector");--> statement-breakpoint
CREATE INDEX "whitelist_history_enterprise_id_index" ON "whitelist_history" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "whitelist_memberships_enterprise_id_index" ON "whitelist_memberships" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "whitelist_memberships_region_code_sector_index" ON "whitelist_memberships" USING btree ("region_code","sector");--> statement-breakpoint
CREATE INDEX "enterprises_listing_status_index" ON "enterprises" USING btree ("listing_status");