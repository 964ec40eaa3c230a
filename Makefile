# Two entry points (see README): `make demo` and `make test`.
# Each creates .venv with the interpreter given as PYTHON and installs what it needs.
PYTHON ?= python3
VENV   := .venv
# setuptools reports every editable install as a warning ("Editable installation … be careful with folders");
# it is information, not a problem: keep `make demo` quiet
QUIET_PIP := PYTHONWARNINGS=ignore::UserWarning
BIN    := $(VENV)/bin
YEAR   ?= $(shell date +%Y)
DEMO_PLAN ?= plans/xiaozhaiba-town/计划.yaml

.PHONY: demo test fuzz bench schema catalog clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.run-deps: pyproject.toml | $(BIN)/python
	$(QUIET_PIP) $(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.test-deps: pyproject.toml | $(BIN)/python
	$(QUIET_PIP) $(BIN)/python -m pip install -q -e '.[test]'
	@touch $@ $(VENV)/.run-deps

$(VENV)/.bench-deps: pyproject.toml | $(BIN)/python
	$(QUIET_PIP) $(BIN)/python -m pip install -q -e '.[test,bench]'
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
	@echo "已生成 $(YEAR) 年的材料，都在 out/ 下：日历 out/calendars/*.ics，待办 out/todo-$(YEAR).xlsx，台账 out/台账-$(YEAR).xlsx，迎检包 out/迎检-$(YEAR).zip，网页 out/site/index.html，公文 out/实施方案-$(YEAR).docx、out/半年专题汇报-$(YEAR).docx、out/自查报告-$(YEAR).docx。自己运行：.venv/bin/ideo --help（或先 source .venv/bin/activate 再运行 ideo --help）"

test: $(VENV)/.test-deps
	$(BIN)/python -m pytest

# ≥ 10,000 generated and mutated cases (18 fuzz tests × FUZZ_EXAMPLES: plans, ledgers, rubrics, summaries, unit trees, arguments) over every command; the last line is the tally
FUZZ_EXAMPLES ?= 800
fuzz: $(VENV)/.test-deps
	-IDEO_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) IDEO_FUZZ_REPORT=.fuzz-report.json $(BIN)/python -m pytest -q -p no:cacheprovider tests/fuzz
	@$(BIN)/python tools/fuzz_tally.py .fuzz-report.json

bench: $(VENV)/.bench-deps
	$(BIN)/python bench/run.py

schema: $(VENV)/.run-deps
	for kind in plan calendar rulebook ledger rubric summary; do $(BIN)/ideo schema --kind $$kind -o schema/ideo-$$kind.schema.json; done

catalog: $(VENV)/.test-deps
	$(BIN)/python tools/catalog.py

clean:
	rm -rf $(VENV) out bench/.work
