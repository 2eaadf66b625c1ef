#!/usr/bin/env bash
# The MLflow tracking server with basic auth; every setting comes from the environment (see README.md here).
set -euo pipefail
: "${MLFLOW_FLASK_SERVER_SECRET_KEY:?set a random secret for CSRF protection}"
here=$(cd "$(dirname "$0")" && pwd)
state="${MLFLOW_STATE_DIR:-$here/state}"
mkdir -p "$state"
cd "$state"  # the auth store's relative sqlite path lands here
export MLFLOW_AUTH_CONFIG_PATH="${MLFLOW_AUTH_CONFIG_PATH:-$here/basic_auth.ini}"
export MLFLOW_BASIC_AUTH_FAIL_CLOSED=true MLFLOW_ALLOW_PICKLE_DESERIALIZATION=false  # see README.md here
exec mlflow server --app-name basic-auth \
  --host "${MLFLOW_HOST:-127.0.0.1}" --port "${MLFLOW_PORT:-5000}" \
  --backend-store-uri "${MLFLOW_BACKEND_STORE_URI:-sqlite:///$state/mlflow.db}" \
  --artifacts-destination "${MLFLOW_ARTIFACTS_DESTINATION:-$state/artifacts}"
