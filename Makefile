# ZJTX — the two commands of the README are `make run` and `make test`.
GO      ?= go
BIN     := bin/zjtx
PKGS    := ./...

.PHONY: all assets build run test bench lint fuzz clean

all: build

# assets: the pinned npm packages' files (htmx, ECharts, Bootstrap) into the
# embedded static folder internal/web/static/vendor/, which git ignores.
assets:
	bash scripts/assets

build: assets
	$(GO) build -o $(BIN) ./cmd/zjtx

# run: evaluate the worked examples (examples/index.tsv) and print their Chinese reports.
run: build
	@grep -v '^#' examples/index.tsv | while IFS='	' read -r file asof review desc; do \
		flag=""; [ "$$review" = "true" ] && flag="--review"; \
		printf '\n==================== %s\n%s\n' "$$file" "$$desc"; \
		./$(BIN) evaluate --as-of "$$asof" $$flag --format text "$$file" || exit 1; \
	done

test: assets
	$(GO) vet $(PKGS)
	$(GO) test -count=1 $(PKGS)
	@if [ -z "$$ZJTX_TEST_PG" ]; then echo 'note: store tests ran on SQLite only; scripts/pg-test make test adds PostgreSQL'; fi

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
