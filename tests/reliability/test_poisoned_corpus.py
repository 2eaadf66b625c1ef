"""Poisoned deliveries (issue 20), for every project: well-formed files whose labels or text are wrong.

The kinds the suite and the declaration's expectations refuse go through read, pseudonymise and validate, as the
hostile corpus does (tests/reliability/test_hostile_input.py). The kinds only a reviewer would see (a label copied
into a feature, shuffled labels, remapped classes) go through the lifecycle against a champion trained on good
data, with its held-out rows as the reference set: the gate must keep the champion, with a reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import projects
from flows import lifecycle
from flows import params as params_file
from flows.steps import data, reference_set, validation
from tests.conftest import REPO
from tests.reliability import corpus
from tests.reliability.test_hostile_input import (
    KEY,
    _assert_refused_clearly,
    _good,
    _narrowed,
    _refusal,
    _suite,
)

NAMES = projects.names()
GATE_NAMES = ["dgs_signalements", "crmana_implantation"]
"""Two projects of different kinds of label (five classes, a binary target): fits cost seconds each."""
GATE_ROWS = 600


@pytest.mark.parametrize("name", NAMES)
def test_every_poisoned_file_is_refused_naming_the_column(name: str, tmp_path: Path) -> None:
    project = projects.load(name)
    batches = corpus.poisoned_files(project, _suite(name), _good(project))
    assert {"empty target"} <= {batch.kind for batch in batches}
    for batch in batches:
        check = validation.validator(_narrowed(name, batch.names, tmp_path), name)
        _assert_refused_clearly(batch, _refusal(batch, project, tmp_path, check))
    print(f"\n{name}: {len(batches)} poisoned files refused: {sorted(batch.kind for batch in batches)}")


@pytest.mark.parametrize("name", GATE_NAMES)
def test_poisoned_labels_never_take_the_champion(name: str) -> None:
    project = projects.load(name)
    params = params_file.resolve(project, params_file.read(REPO))
    clean = data.pseudonymise(project.generate(GATE_ROWS, 11), project, KEY)
    crowned = lifecycle.run(project, clean, params)
    reference = reference_set.ReferenceSet(crowned.split.test, "1", "crowned v1")
    fresh = data.pseudonymise(project.generate(GATE_ROWS, 12), project, KEY)
    for kind, frame in corpus.poisoned_labels(project, fresh).items():
        split = lifecycle.prepare(project, frame, params)
        fitted = lifecycle.fit(project, params, split.train)
        evaluation = lifecycle.evaluate(
            project, params, fitted, split, crowned.fitted.model, "1", with_evidence=False, reference=reference
        )
        decision = lifecycle.decide(project, params, evaluation)
        assert not decision.promote, f"{name} / {kind}: {decision.text()}"
        print(f"\n{name} / {kind}: kept by {decision.blocked_by}: {[c.reason for c in decision.checks if not c.ok]}")
