-- Every ingest run rewrites its people's last-test fields (no index covers them): with room left on
-- each page the new row versions stay on their page (HOT) and none of the roster's five indexes is
-- touched. A run updates whole pages at once (one enterprise's people), so half of each page is kept free.
ALTER TABLE "prevention_employees" SET (fillfactor = 50);
