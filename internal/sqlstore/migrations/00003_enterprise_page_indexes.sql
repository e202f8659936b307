-- Page indexes for the enterprise list.
--
-- 00001's filter indexes answer a list's total from the index alone, but
-- they end in updated_at, so they give no order: a page filtered on a
-- title or a chain read every match (12,000 for 专精特新 among 100,000) and
-- sorted them to keep 50, 3–10 ms a page. A page index leads with the
-- column filtered by equality, then the page's order with id as its
-- tie-break (ORDER BY updated_at, id), then the other filter columns, so the
-- engine walks the matches already in order, checks the other filters inside
-- the index, and stops after one page. The list query selects ids only and
-- reads the page's rows by id afterwards, so these indexes need no more
-- columns than that.
--
-- The district's default page and the city's unfiltered page walk
-- enterprises_region_updated and enterprises_updated, which 00001 created
-- without the filter columns; they are rebuilt with them, so a filter on
-- industry or status no longer visits a row per entry. District officials
-- also sort their lists by name, which gets its own index.

-- +goose Up
DROP INDEX enterprises_region_updated;
DROP INDEX enterprises_updated;
CREATE INDEX enterprises_page_region ON enterprises (region, updated_at, id, tier, chain, status, industry);
CREATE INDEX enterprises_page_updated ON enterprises (updated_at, id, region, tier, chain, status, industry);
CREATE INDEX enterprises_page_tier ON enterprises (tier, updated_at, id, region, chain, status, industry);
CREATE INDEX enterprises_page_chain ON enterprises (chain, updated_at, id, region, tier, status, industry);
CREATE INDEX enterprises_page_region_name ON enterprises (region, name, id, tier, chain, status, industry);

-- +goose Down
DROP INDEX enterprises_page_region_name;
DROP INDEX enterprises_page_chain;
DROP INDEX enterprises_page_tier;
DROP INDEX enterprises_page_updated;
DROP INDEX enterprises_page_region;
CREATE INDEX enterprises_region_updated ON enterprises (region, updated_at, id);
CREATE INDEX enterprises_updated ON enterprises (updated_at, id);
