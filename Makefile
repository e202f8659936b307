# ZJTX — the two commands of the README are `make run` and `make test`.
GO      ?= go
BIN     := bin/zjtx
PKGS    := ./...

.PHONY: all build run test test-pg bench bench-store lint fuzz clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/zjtx

# run: evaluate the worked examples and print their Chinese reports.
run: build
	@for f in examples/*.json; do \
		echo "==== $$f"; \
		./$(BIN) evaluate --as-of $$(sed -n 's/.*"_as_of": *"\([0-9-]*\)".*/\1/p' $$f | head -1) --format text $$f || exit 1; \
	done

test:
	$(GO) vet $(PKGS)
	$(GO) test -count=1 $(PKGS)

# test-pg: the store tests on a throwaway PostgreSQL cluster (see scripts/pg-test).
test-pg:
	scripts/pg-test $(GO) test -count=1 ./internal/sqlstore/...

bench-store:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/sqlstore/

bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./internal/criteria/

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet $(PKGS)
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 $(PKGS)

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzDecode -fuzztime 30s ./internal/profile/
	$(GO) test -run '^$$' -fuzz FuzzEvaluate -fuzztime 30s ./internal/criteria/

clean:
	rm -rf bin
