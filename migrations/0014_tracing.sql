CREATE TABLE "prevention_drug_purchases" (
	"purchase_id" text PRIMARY KEY NOT NULL,
	"person_hash" text NOT NULL,
	"drug_class" text NOT NULL,
	"pharmacy" text NOT NULL,
	"purchased_at" timestamp with time zone NOT NULL,
	"region_code" text NOT NULL,
	"enterprise_id" uuid,
	"alerted" boolean DEFAULT false NOT NULL,
	"run_id" uuid
);
--> statement-breakpoint
CREATE TABLE "prevention_purchase_staging" (
	"run_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"purchase_id" text NOT NULL,
	"person_hash" text NOT NULL,
	"id_card_enc" text NOT NULL,
	"id_card_masked" text NOT NULL,
	"phone_enc" text,
	"phone_masked" text,
	"pharmacy" text NOT NULL,
	"drug_class" text NOT NULL,
	"purchased_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_scan_staging" (
	"run_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"person_hash" text NOT NULL,
	"id_card_enc" text NOT NULL,
	"id_card_masked" text NOT NULL,
	"venue_code" text NOT NULL,
	"scanned_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_traced_persons" (
	"person_hash" text PRIMARY KEY NOT NULL,
	"id_card_enc" text NOT NULL,
	"id_card_masked" text NOT NULL,
	"phone_enc" text,
	"phone_masked" text,
	"last_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_unit_isolations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"isolated_from" timestamp with time zone NOT NULL,
	"isolated_until" timestamp with time zone,
	"reason" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" text
);
--> statement-breakpoint
CREATE TABLE "prevention_venue_scans" (
	"person_hash" text NOT NULL,
	"scanned_at" timestamp with time zone NOT NULL,
	"venue_code" text NOT NULL,
	CONSTRAINT "prevention_venue_scans_person_hash_scanned_at_venue_code_pk" PRIMARY KEY("person_hash","scanned_at","venue_code")
);
--> statement-breakpoint
CREATE TABLE "prevention_venues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prevention_venues_enterpriseId_parentId_name_unique" UNIQUE NULLS NOT DISTINCT("enterprise_id","parent_id","name")
);
--> statement-breakpoint
ALTER TABLE "prevention_alerts" ALTER COLUMN "enterprise_id" DROP NOT NULL;--> statement-breakpoint
CREATE INDEX "prevention_drug_purchases_region_code_purchased_at_index" ON "prevention_drug_purchases" USING btree ("region_code","purchased_at");--> statement-breakpoint
CREATE INDEX "prevention_drug_purchases_person_hash_index" ON "prevention_drug_purchases" USING btree ("person_hash");--> statement-breakpoint
CREATE INDEX "prevention_drug_purchases_enterprise_id_index" ON "prevention_drug_purchases" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "prevention_unit_isolations_unit_id_isolated_from_index" ON "prevention_unit_isolations" USING btree ("unit_id","isolated_from");--> statement-breakpoint
CREATE INDEX "prevention_unit_isolations_enterprise_id_index" ON "prevention_unit_isolations" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "prevention_venue_scans_venue_code_scanned_at_index" ON "prevention_venue_scans" USING btree ("venue_code","scanned_at");--> statement-breakpoint
CREATE UNIQUE INDEX "prevention_venues_code_index" ON "prevention_venues" USING btree ("code");--> statement-breakpoint
CREATE INDEX "prevention_venues_region_code_index" ON "prevention_venues" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "prevention_venues_unit_id_index" ON "prevention_venues" USING btree ("unit_id");