"""`socle explain NAME --input FILE --for KEY`: the registered model's decision on one person's row, as a letter.

The science is in flows/steps/citizen.py; this module finds the model (the champion, or a version), reads the file
as the model reads its data (flows/review `_rows`: typed, pseudonymised, derived) and as it was delivered (text),
and takes the reference person from the data version the model was trained on.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import projects
from flows import review
from flows.settings import Settings
from flows.steps.record import Tag


def for_person(name: str, rows_file: Path, key: str, version: str | None = None):
    """The letter for the row of `rows_file` whose key is `key`."""
    import pandas as pd

    from flows.steps import citizen, tracking

    settings = Settings()
    project = projects.load(name)
    client = review._client(settings)
    registered = None if client is None else review._version(client, name, version, settings.champion_alias)
    if registered is None:
        raise LookupError(f"{name}: no {'version ' + version if version else 'champion'} registered yet — `socle run {name}`")
    delivered = _delivered(rows_file)
    position = citizen.find(delivered, project, key)
    rows = review._rows(rows_file, project, settings, review._source_schema(project) | review._schema(registered.source))
    data_version = registered.tags.get(Tag.DATA_VERSION, "unknown")
    reference, what = _reference(settings.root, project, data_version, rows, pd)
    provenance = citizen.Provenance(
        name, str(registered.version), _day(registered.creation_timestamp), data_version, registered.run_id
    )
    model = tracking.load(client, registered)
    return citizen.explain_person(model, project, rows, position, provenance, reference, what, delivered)


def _delivered(path: Path):
    """The file as typed: every value as text, so that a code keeps its zeros and an integer stays one."""
    import pandas as pd

    if path.suffix.lower() == ".json":
        return pd.read_json(path, orient="records", dtype=False).astype("string").astype(object)
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def _reference(root: Path, project, data_version: str, rows, pd) -> tuple[dict | None, str]:
    """The reference person from the training data's version (DVC cache or workspace), else from the file's rows."""
    from flows.steps import citizen, data, versioning

    for path in (versioning.cache_path(root, data_version), root / versioning.relative_data_path(project.name)):
        if path.exists() and versioning.md5_of(path) == data_version:
            frame = data.read(path)
            frame = project.derive(frame) if project.derive else frame
            return citizen.reference_profile(frame, project), (
                f"une référence : la valeur médiane (nombres) ou la plus fréquente (catégories) des données "
                f"d'apprentissage du modèle (version {data_version})"
            )
    return citizen.reference_profile(rows, project), (
        "une référence : la valeur médiane ou la plus fréquente des lignes du fichier (les données d'apprentissage "
        f"{data_version} ne sont pas disponibles ici)"
    )


def _day(milliseconds: int | None) -> str:
    if not milliseconds:
        return "date inconnue"
    return datetime.fromtimestamp(milliseconds / 1000, UTC).strftime("%Y-%m-%d")
