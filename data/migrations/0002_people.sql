-- 0002: keys that make the consent and opposition imports idempotent, and the identity lookup.

CREATE INDEX voters_birth_date ON voters (birth_date);

CREATE UNIQUE INDEX contacts_identity
    ON contacts (birth_name, given_names, birth_date, street_number, street, postcode);

CREATE UNIQUE INDEX consents_key
    ON consents (contact_id, channel, purpose, controller, given_on, proof);

CREATE UNIQUE INDEX opposition_key
    ON opposition (scope, birth_name, given_names, birth_date, street_number, street, postcode);
