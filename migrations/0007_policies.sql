CREATE TABLE "booth_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"sector" text NOT NULL,
	"invoice_number" text NOT NULL,
	"invoice_date" date NOT NULL,
	"supplier" text NOT NULL,
	"price_fen" bigint NOT NULL,
	"subsidy_fen" bigint NOT NULL,
	"province_fen" bigint NOT NULL,
	"local_fen" bigint NOT NULL,
	"rule_pack" jsonb NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"decision_note" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text,
	"region_code" text NOT NULL,
	"title" text NOT NULL,
	"issuing_body" text NOT NULL,
	"level" text NOT NULL,
	"document_number" text,
	"category" text NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"summary" text NOT NULL,
	"full_text" text,
	"how_to_apply" text,
	"consultant_name" text,
	"consultant_contact" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"subsidy" jsonb,
	"published_at" timestamp with time zone,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policies_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "policy_matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"sector" text NOT NULL,
	"policy_version" integer NOT NULL,
	"qualifies" boolean DEFAULT true NOT NULL,
	"benefit_fen" bigint,
	"status" text DEFAULT 'eligible' NOT NULL,
	"application_ref" text,
	"applied_at" timestamp with time zone,
	"decision_note" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"disbursed_fen" bigint,
	"disbursed_at" timestamp with time zone,
	"matched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"notified_at" timestamp with time zone,
	"lapsed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"version" integer NOT NULL,
	"rule" jsonb NOT NULL,
	"benefit" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "booth_claims" ADD CONSTRAINT "booth_claims_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_matches" ADD CONSTRAINT "policy_matches_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "booth_claims_enterprise_id_invoice_number_index" ON "booth_claims" USING btree ("enterprise_id","invoice_number");--> statement-breakpoint
CREATE INDEX "booth_claims_region_code_index" ON "booth_claims" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "policies_region_code_index" ON "policies" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "policies_status_index" ON "policies" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_matches_policy_id_enterprise_id_index" ON "policy_matches" USING btree ("policy_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "policy_matches_enterprise_id_index" ON "policy_matches" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "policy_matches_region_code_index" ON "policy_matches" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "policy_matches_status_index" ON "policy_matches" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_versions_policy_id_version_index" ON "policy_versions" USING btree ("policy_id","version");