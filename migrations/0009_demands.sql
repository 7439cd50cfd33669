CREATE TABLE "demand_common_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"owner_label" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "demand_calendar" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"level" text,
	"note" text,
	"detail" jsonb,
	"actor_id" uuid,
	"actor_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_settings" (
	"region_code" text PRIMARY KEY NOT NULL,
	"auto_escalate" boolean DEFAULT false NOT NULL,
	"rules" jsonb,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"no" serial NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"enterprise_name" text NOT NULL,
	"region_code" text NOT NULL,
	"category" text NOT NULL,
	"urgency" text NOT NULL,
	"complex" boolean DEFAULT false NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone_enc" text NOT NULL,
	"state" text NOT NULL,
	"level" text NOT NULL,
	"holder_region_code" text NOT NULL,
	"unit_type" text,
	"unit_id" uuid,
	"unit_label" text,
	"unit_region_code" text,
	"dispatch_deadline" timestamp with time zone,
	"answer_deadline" timestamp with time zone,
	"dispatch_warn_at" timestamp with time zone,
	"answer_warn_at" timestamp with time zone,
	"dispatch_warned_at" timestamp with time zone,
	"answer_warned_at" timestamp with time zone,
	"overdue_since" timestamp with time zone,
	"escalated" boolean DEFAULT false NOT NULL,
	"handed_down" boolean DEFAULT false NOT NULL,
	"major" boolean DEFAULT false NOT NULL,
	"answer" text,
	"rating" integer,
	"solved" boolean,
	"revisit_comment" text,
	"common_issue_id" uuid,
	"idempotency_key" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "liaison_pairings" (
	"user_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "liaison_pairings_user_id_enterprise_id_pk" PRIMARY KEY("user_id","enterprise_id")
);
--> statement-breakpoint
ALTER TABLE "demand_events" ADD CONSTRAINT "demand_events_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demand_common_issues_region_code_index" ON "demand_common_issues" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "demand_events_demand_id_at_index" ON "demand_events" USING btree ("demand_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "demands_enterprise_id_idempotency_key_index" ON "demands" USING btree ("enterprise_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "demands_enterprise_id_created_at_index" ON "demands" USING btree ("enterprise_id","created_at");--> statement-breakpoint
CREATE INDEX "demands_unit_queue_idx" ON "demands" USING btree ("unit_id","answer_deadline") WHERE state in ('dispatched', 'accepted', 'in_progress');--> statement-breakpoint
CREATE INDEX "demands_region_created_idx" ON "demands" USING btree ("region_code","created_at");--> statement-breakpoint
CREATE INDEX "demands_intake_idx" ON "demands" USING btree ("holder_region_code","dispatch_deadline") WHERE state in ('received', 'sent_back');--> statement-breakpoint
CREATE INDEX "demands_overdue_idx" ON "demands" USING btree ("overdue_since") WHERE overdue_since is not null;--> statement-breakpoint
CREATE INDEX "demands_common_issue_id_index" ON "demands" USING btree ("common_issue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "demands_no_index" ON "demands" USING btree ("no");--> statement-breakpoint
CREATE INDEX "liaison_pairings_enterprise_id_index" ON "liaison_pairings" USING btree ("enterprise_id");