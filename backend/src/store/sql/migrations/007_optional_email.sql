-- A child may have no email of their own. The unique index on lower(email) stays as it is: NULLs
-- never collide in a unique index, so uniqueness still holds wherever an email is given.
ALTER TABLE patients ALTER COLUMN email DROP NOT NULL;
