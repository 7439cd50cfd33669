CREATE TABLE "policy_match_state" (
	"key" text PRIMARY KEY NOT NULL,
	"fingerprint" text NOT NULL,
	"enterprises" integer NOT NULL,
	"matched_at" timestamp with time zone NOT NULL
);
