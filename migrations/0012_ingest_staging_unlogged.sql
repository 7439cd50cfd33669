-- Hand-written (Drizzle cannot express UNLOGGED). The staging table holds only runs in flight: rows COPYed there are
-- merged and deleted in one transaction, and a run that did not complete is re-staged from its file. So it needs no
-- WAL: the COPY into it and the delete after the merge write none, and a database crash merely empties it.
ALTER TABLE "prevention_ingest_staging" SET UNLOGGED;
