"""INSEE: the establishments' NAF codes are real, and the matcher codes the activity of an answer."""

from __future__ import annotations

import projects
from flows import params as params_file
from flows import lifecycle
from projects.insee_recensement.nomenclature import naf_labels
from projects.insee_recensement.texts import EMPLOYERS
from tests.conftest import REPO


def test_every_naf_code_is_in_the_real_nomenclature() -> None:
    labels = naf_labels()
    assert len(labels) == 732
    assert {facts["naf"] for facts in EMPLOYERS.values()} <= set(labels)


def test_matcher_codes_the_activity_of_answers() -> None:
    project = projects.load("insee_recensement")
    frame = project.generate(600, 5)
    params = params_file.resolve(project, params_file.read(REPO))
    rows = lifecycle.prepare(project, frame, params)
    model = lifecycle.fit(project, params, rows.train).model
    answers = rows.test
    answers = answers[answers["ETABLISSEMENT"].notna() & answers["ACTIVITE"].notna()]
    truth = frame.set_index("IDENTIFIANT")["CODE_NAF"].reindex(answers["ETABLISSEMENT"]).to_numpy()
    coded = model.predict_naf(answers[list(project.features)])
    assert (coded == truth).mean() > 0.8
    assert model.predict_naf(answers[list(project.features)].assign(ACTIVITE=None))[0] is None
