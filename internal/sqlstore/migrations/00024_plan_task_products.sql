-- A cultivation plan's task may be carried by a service product picked
-- from the packages (培育服务包) of the plan's tier and the enterprise's
-- chain: the task then names the product, and its institution owns it
-- (owner_institution_id), so the institution's account sees the task.

-- +goose Up
ALTER TABLE plan_tasks ADD COLUMN owner_product_id BIGINT REFERENCES products (id);
CREATE INDEX plan_tasks_owner_institution ON plan_tasks (owner_institution_id);

-- +goose Down
DROP INDEX plan_tasks_owner_institution;
ALTER TABLE plan_tasks DROP COLUMN owner_product_id;
