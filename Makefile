# ZJTX — the two commands of the README are `make run` and `make test`.
GO      ?= go
BIN     := bin/zjtx
PKGS    := ./...

.PHONY: all assets build run examples test test-pg load bench bench-store lint fuzz clean

all: build

# assets: the pinned npm packages' files (htmx, ECharts, Bootstrap) into the
# embedded static folder internal/web/static/vendor/, which git ignores.
assets:
	bash scripts/assets

build: assets
	$(GO) build -o $(BIN) ./cmd/zjtx

# run: serve the platform with the demo data (seeded once into data/zjtx.db)
# at http://127.0.0.1:8080. The demo accounts' password is public: for trying only.
run: build
	./$(BIN) serve --demo --addr 127.0.0.1:8080

# examples: evaluate the worked examples (examples/index.tsv) and print their Chinese reports.
examples: build
	@grep -v '^#' examples/index.tsv | while IFS='	' read -r file asof review desc; do \
		flag=""; [ "$$review" = "true" ] && flag="--review"; \
		printf '\n==================== %s\n%s\n' "$$file" "$$desc"; \
		./$(BIN) evaluate --as-of "$$asof" $$flag --format text "$$file" || exit 1; \
	done

test: assets
	$(GO) vet $(PKGS)
	$(GO) test -count=1 -timeout 30m $(PKGS)
	@if [ -z "$$ZJTX_TEST_PG" ]; then echo 'note: store tests ran on SQLite only; scripts/pg-test make test adds PostgreSQL'; fi

# test-pg: the store tests on a throwaway PostgreSQL cluster (see scripts/pg-test).
test-pg:
	scripts/pg-test $(GO) test -count=1 ./internal/sqlstore/...

# load: the load test on loopback (100,000 enterprises on SQLite, 50 clients);
# prints its figures as LOAD: lines. The seeded database is kept in
# /tmp/zjtx-load-100k.db so that later runs skip the seeding.
load:
	ZJTX_LOAD=1 ZJTX_LOAD_DB=$${ZJTX_LOAD_DB:-/tmp/zjtx-load-100k.db} $(GO) test -count=1 -run '^TestLoad$$' -v -timeout 20m ./internal/server/ | grep -E '^(LOAD|ok|FAIL|---)'

bench-store:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/sqlstore/

bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./internal/criteria/ ./internal/profile/
	$(GO) test -run '^$$' -bench Batch -benchtime 5x ./internal/batch/
	$(GO) test -run '^$$' -bench Million -benchtime 2x ./internal/batch/

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet $(PKGS)
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 $(PKGS)

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzDecode -fuzztime 30s ./internal/profile/
	$(GO) test -run '^$$' -fuzz FuzzEvaluate -fuzztime 30s ./internal/criteria/

clean:
	rm -rf bin
