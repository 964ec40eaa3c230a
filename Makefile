# Two entry points (see README): `make demo` and `make test`.
# Each creates .venv with the interpreter given as PYTHON and installs what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
YEAR   ?= $(shell date +%Y)
DEMO_PLAN ?= plans/xiaozhaiba-town/计划.yaml

.PHONY: demo test fuzz bench schema catalog clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.run-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.test-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@ $(VENV)/.run-deps

$(VENV)/.bench-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	@touch $@ $(VENV)/.test-deps $(VENV)/.run-deps

demo: $(VENV)/.run-deps
	$(BIN)/ideo check plans/
	$(BIN)/ideo todo $(DEMO_PLAN) --year $(YEAR)
	$(BIN)/ideo ledger $(dir $(DEMO_PLAN)) --year $(YEAR)
	$(BIN)/ideo ics plans/ --year $(YEAR) --per-person -o out/calendars/
	$(BIN)/ideo todo plans/ --year $(YEAR) --format xlsx -o out/todo-$(YEAR).xlsx
	$(BIN)/ideo todo plans/ --year $(YEAR) --format csv -o out/todo-$(YEAR).csv
	$(BIN)/ideo ledger plans/ --year $(YEAR) --format xlsx -o out/台账-$(YEAR).xlsx --pack out/迎检-$(YEAR).zip
	$(BIN)/ideo rollup plans/ --year $(YEAR) --root xiaozhaiba
	$(BIN)/ideo score $(dir $(DEMO_PLAN)) --rubric sample --year $(YEAR)
	$(BIN)/ideo html plans/ --year $(YEAR) --root xiaozhaiba -o out/site
	$(BIN)/ideo doc plan $(dir $(DEMO_PLAN)) --year $(YEAR) -o out/实施方案-$(YEAR).docx
	$(BIN)/ideo doc report $(dir $(DEMO_PLAN)) --year $(YEAR) -o out/半年专题汇报-$(YEAR).docx
	$(BIN)/ideo doc self-check $(dir $(DEMO_PLAN)) --year $(YEAR) --rubric sample -o out/自查报告-$(YEAR).docx
	@echo "out/: calendars/ (.ics), the to-do list and 台账 (Excel/CSV), the 迎检 pack (.zip), the HTML site (out/site/index.html) and the Word documents (实施方案, 半年专题汇报, 自查报告 .docx) for $(YEAR)"

test: $(VENV)/.test-deps
	$(BIN)/python -m pytest

# ≥ 10,000 generated and mutated cases (18 fuzz tests × FUZZ_EXAMPLES: plans, ledgers, rubrics, summaries, unit trees, arguments) over every command; the last line is the tally
FUZZ_EXAMPLES ?= 800
fuzz: $(VENV)/.test-deps
	-IDEO_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) IDEO_FUZZ_REPORT=.fuzz-report.json $(BIN)/python -m pytest -q -p no:cacheprovider tests/fuzz
	@$(BIN)/python -c "import json; r = json.load(open('.fuzz-report.json')); print(f\"fuzz: {r['cases']} cases ran, {r['failures']} failed ({r['failed_tests']} failing tests)\")"

bench: $(VENV)/.bench-deps
	$(BIN)/python bench/run.py

schema: $(VENV)/.run-deps
	for kind in plan calendar rulebook ledger rubric summary; do $(BIN)/ideo schema --kind $$kind -o schema/ideo-$$kind.schema.json; done

catalog: $(VENV)/.test-deps
	$(BIN)/python tools/catalog.py

clean:
	rm -rf $(VENV) out bench/.work
