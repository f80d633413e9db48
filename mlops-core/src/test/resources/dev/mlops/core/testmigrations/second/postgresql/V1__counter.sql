CREATE TABLE test_counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL);
INSERT INTO test_counter (id, n) VALUES (1, 0);
