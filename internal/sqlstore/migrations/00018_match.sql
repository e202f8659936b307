-- Product embeddings (package match): a product's vector from an embedding
-- model, kept so that a restart does not send the whole catalogue to the
-- model again. One row per product and model; text_hash is the SHA-256 of
-- the text embedded (match.EmbedText), so a changed product is embedded
-- anew and its row overwritten. vector is dims little-endian float32s.
-- No foreign key to products: the rows are a cache that a removed product
-- leaves harmless, and the table must not order this migration after the
-- hub's.

-- +goose Up
CREATE TABLE product_embeddings (
    product_id BIGINT NOT NULL,
    model      TEXT NOT NULL,
    text_hash  TEXT NOT NULL,
    dims       INTEGER NOT NULL,
    vector     BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (product_id, model)
);

-- +goose Down
DROP TABLE product_embeddings;
