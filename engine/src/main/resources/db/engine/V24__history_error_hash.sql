-- The hash by which the REST v2 API groups incidents with the same error (incidentErrorHashCode):
-- Java's String.hashCode() of the error message, i.e. over its UTF-16 code units, in 32-bit
-- signed arithmetic. Computed at query time; the history tables stay as the projection writes them.
CREATE FUNCTION history_java_hash(message TEXT) RETURNS INTEGER
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  hash BIGINT := 0;
  letter TEXT;
  point INTEGER;
BEGIN
  FOREACH letter IN ARRAY string_to_array(message, NULL) LOOP
    point := ascii(letter);
    IF point > 65535 THEN
      -- outside the Basic Multilingual Plane Java sees two code units: the surrogate pair
      hash := (hash * 31 + 55296 + ((point - 65536) >> 10)) % 4294967296;
      hash := (hash * 31 + 56320 + ((point - 65536) & 1023)) % 4294967296;
    ELSE
      hash := (hash * 31 + point) % 4294967296;
    END IF;
  END LOOP;
  RETURN (CASE WHEN hash >= 2147483648 THEN hash - 4294967296 ELSE hash END)::INTEGER;
END
$$;
