CREATE TABLE "supervision_notice_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"note" text,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" uuid NOT NULL,
	"item_title" text NOT NULL,
	"item_link" text NOT NULL,
	"region_code" text NOT NULL,
	"unit_type" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_label" text NOT NULL,
	"requirement" text NOT NULL,
	"reply_deadline" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'issued' NOT NULL,
	"reply" text,
	"replied_at" timestamp with time zone,
	"replied_by_name" text,
	"close_note" text,
	"closed_at" timestamp with time zone,
	"warned_at" timestamp with time zone,
	"issued_by_id" uuid,
	"issued_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"command_region_code" text NOT NULL,
	"unit_type" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_label" text NOT NULL,
	"state" text DEFAULT 'assigned' NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"last_note" text,
	"warned_at" timestamp with time zone,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"note" text,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"command_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"title" text NOT NULL,
	"requirement" text NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"request_key" text,
	"created_by_id" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weekly_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"command_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"week_of" date NOT NULL,
	"period_from" timestamp with time zone NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"data" jsonb NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"generated_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supervision_notice_events" ADD CONSTRAINT "supervision_notice_events_notice_id_supervision_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."supervision_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_assignments" ADD CONSTRAINT "task_assignments_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_assignment_id_task_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."task_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supervision_notice_events_notice_id_at_index" ON "supervision_notice_events" USING btree ("notice_id","at");--> statement-breakpoint
CREATE INDEX "supervision_notices_region_code_created_at_index" ON "supervision_notices" USING btree ("region_code","created_at");--> statement-breakpoint
CREATE INDEX "supervision_notices_unit_type_unit_id_state_index" ON "supervision_notices" USING btree ("unit_type","unit_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_notices_open_item" ON "supervision_notices" USING btree ("item_kind","item_id") WHERE state in ('issued', 'overdue');--> statement-breakpoint
CREATE UNIQUE INDEX "task_assignments_task_id_unit_type_unit_id_index" ON "task_assignments" USING btree ("task_id","unit_type","unit_id");--> statement-breakpoint
CREATE INDEX "task_assignments_unit_type_unit_id_state_index" ON "task_assignments" USING btree ("unit_type","unit_id","state");--> statement-breakpoint
CREATE INDEX "task_assignments_command_region_code_state_deadline_index" ON "task_assignments" USING btree ("command_region_code","state","deadline");--> statement-breakpoint
CREATE INDEX "task_assignments_region_code_index" ON "task_assignments" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "task_assignments_open_deadline" ON "task_assignments" USING btree ("deadline") WHERE state in ('assigned', 'in_progress', 'submitted', 'returned');--> statement-breakpoint
CREATE INDEX "task_events_assignment_id_at_index" ON "task_events" USING btree ("assignment_id","at");--> statement-breakpoint
CREATE INDEX "tasks_region_code_created_at_index" ON "tasks" USING btree ("region_code","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_command_id_request_key_index" ON "tasks" USING btree ("command_id","request_key");--> statement-breakpoint
CREATE UNIQUE INDEX "weekly_reports_command_id_week_of_index" ON "weekly_reports" USING btree ("command_id","week_of");--> statement-breakpoint
CREATE INDEX "weekly_reports_region_code_week_of_index" ON "weekly_reports" USING btree ("region_code","week_of");