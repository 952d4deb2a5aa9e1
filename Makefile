# CoachDesk developer commands. `make run` starts the app, `make test` runs every check.
# Both create .venv and install what they need on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SYSSTAMP := $(VENV)/.system-deps
PKGSTAMP := $(VENV)/.package-tools
MUTSTAMP := $(VENV)/.mutation-tools
MO := $(patsubst translations/%.po,coachdesk/locale/%/LC_MESSAGES/coachdesk.mo,$(wildcard translations/*.po))

.PHONY: run test lint typecheck unit mutation bench screenshots translations extract-messages update-catalogs clean package package-test

run: $(STAMP) $(SYSSTAMP) translations
	$(VENV)/bin/coachdesk

test: $(STAMP) $(SYSSTAMP) translations lint typecheck unit

unit: $(STAMP) $(SYSSTAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check coachdesk tests benchmarks
	$(VENV)/bin/ruff format --check coachdesk tests benchmarks

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# Mutation testing of the modules that guard data (scripts/mutation.py lists them and their
# tests): one worker, results kept in build/mutation/ (a stopped run goes on where it
# stopped), the score per module printed at the end. Not part of `make test`: it takes long.
mutation: $(MUTSTAMP) $(SYSSTAMP) translations
	$(PY) -m scripts.mutation $(MODULES)

$(MUTSTAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,mutation]'
	touch $(MUTSTAMP)

bench: $(STAMP) $(SYSSTAMP) translations
	bash scripts/bench-deps.sh
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks.run

# The installers: `make package` builds the Debian package (dist/coachdesk_*.deb) from the
# PyInstaller folder; `make package-test` installs it, runs its self-test and its window,
# and removes it again (root needed: CI and this machine run as root).
package: $(PKGSTAMP) $(SYSSTAMP) translations
	bash packaging/linux/build-deb.sh

package-test: $(PKGSTAMP) $(SYSSTAMP)
	bash packaging/linux/package-test.sh

$(PKGSTAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,package]'
	touch $(PKGSTAMP)

screenshots: $(STAMP) $(SYSSTAMP) translations
	$(PY) -m scripts.screenshots docs/screenshots

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(SYSSTAMP): scripts/system-deps.sh
	bash scripts/system-deps.sh
	@mkdir -p $(VENV) && touch $(SYSSTAMP)

translations: $(MO)

coachdesk/locale/%/LC_MESSAGES/coachdesk.mo: translations/%.po $(STAMP)
	@mkdir -p $(dir $@)
	$(VENV)/bin/pybabel compile --use-fuzzy -d coachdesk/locale -D coachdesk -l $* -i $< -o $@ >/dev/null
	$(PY) -m scripts.review_state $< $(dir $@)coachdesk.review.json

extract-messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 --no-location --sort-output \
	  --project=CoachDesk -o translations/coachdesk.pot coachdesk

update-catalogs: extract-messages
	for po in translations/*.po; do \
	  lang=$$(basename $$po .po); \
	  $(VENV)/bin/pybabel update --no-fuzzy-matching -w 100 -D coachdesk -l $$lang -i translations/coachdesk.pot -o $$po; \
	done

clean:
	rm -rf $(VENV) coachdesk/locale build *.egg-info
