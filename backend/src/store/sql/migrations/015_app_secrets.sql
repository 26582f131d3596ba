-- Server-side secrets every API process must share (the key that signs patient links), made on
-- first use so that a fresh install needs no configuration.
CREATE TABLE app_secrets (name text PRIMARY KEY, value text NOT NULL);
