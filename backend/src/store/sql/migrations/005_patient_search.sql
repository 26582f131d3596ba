CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- A name as search compares it: lower case, apostrophes dropped (O'Brien is obrien), and any run of
-- spaces, hyphens, dots or commas one space (Smith-Jones is smith jones).
CREATE FUNCTION patient_search_text(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT trim(regexp_replace(replace(lower($1), '''', ''), '[\s.,-]+', ' ', 'g'))
$$;

-- What a receptionist types to find a patient, as keys a search matches by prefix: the name from
-- each of its words on ("anne kowalski smith", "kowalski smith", "smith"), the email, every tail
-- of the phone's digits four or longer (so any run of its digits is a prefix of one), and the
-- birth date as YYYY-MM-DD.
CREATE FUNCTION patient_search_keys_of(name text, email text, phone text, birth date) RETURNS text[]
LANGUAGE sql STABLE AS $$
  WITH words AS (SELECT string_to_array(patient_search_text(name), ' ') AS w),
       digits AS (SELECT regexp_replace(coalesce(phone, ''), '\D', '', 'g') AS d)
  SELECT array(
    SELECT DISTINCT k FROM (
      SELECT array_to_string(w[i:], ' ') AS k FROM words, generate_subscripts(w, 1) AS i
      UNION ALL SELECT lower(email) WHERE email IS NOT NULL
      UNION ALL SELECT substr(d, i) FROM digits, generate_series(1, length(d) - 3) AS i
      UNION ALL SELECT to_char(birth, 'YYYY-MM-DD') WHERE birth IS NOT NULL
    ) keys WHERE k <> '' ORDER BY k)
$$;

-- One row per key: a btree answers "starts with" in key order and stops after the first page,
-- whatever the size of the register. COLLATE "C" orders by code point, so a prefix is a range.
CREATE TABLE patient_search_keys (
  key text COLLATE "C" NOT NULL,
  patient_id uuid NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  PRIMARY KEY (key, patient_id)
);
CREATE INDEX patient_search_keys_patient_idx ON patient_search_keys (patient_id);

-- Every word seen in a name: a typo is corrected against this short list, not the whole register.
CREATE TABLE patient_name_words (word text COLLATE "C" PRIMARY KEY);
CREATE INDEX patient_name_words_trgm_idx ON patient_name_words USING gin (word gin_trgm_ops);

-- The last resort, text anywhere in a name or email, is answered by trigram indexes.
CREATE INDEX patients_name_trgm_idx ON patients USING gin (patient_search_text(name) gin_trgm_ops);
CREATE INDEX patients_email_trgm_idx ON patients USING gin (lower(email) gin_trgm_ops);

-- In the same transaction as the patient's write, so a search never sees a patient under old keys.
CREATE FUNCTION patients_index_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (NEW.name, NEW.email, NEW.phone, NEW.date_of_birth) IS NOT DISTINCT FROM (OLD.name, OLD.email, OLD.phone, OLD.date_of_birth) THEN
      RETURN NEW;
    END IF;
    DELETE FROM patient_search_keys WHERE patient_id = NEW.id;
  END IF;
  INSERT INTO patient_search_keys (key, patient_id)
    SELECT k, NEW.id FROM unnest(patient_search_keys_of(NEW.name, NEW.email, NEW.phone, NEW.date_of_birth)) AS k;
  -- Sorted, so two writers adding the same new words take their locks in one order.
  INSERT INTO patient_name_words (word)
    SELECT DISTINCT w FROM unnest(string_to_array(patient_search_text(NEW.name), ' ')) AS w WHERE w <> '' ORDER BY w
    ON CONFLICT DO NOTHING;
  RETURN NEW;
END
$$;
CREATE TRIGGER patients_search AFTER INSERT OR UPDATE ON patients FOR EACH ROW EXECUTE FUNCTION patients_index_search();

INSERT INTO patient_search_keys (key, patient_id)
  SELECT k, p.id FROM patients p, unnest(patient_search_keys_of(p.name, p.email, p.phone, p.date_of_birth)) AS k;
INSERT INTO patient_name_words (word)
  SELECT DISTINCT w FROM patients p, unnest(string_to_array(patient_search_text(p.name), ' ')) AS w WHERE w <> '';
