"""Who may change what on the stack's MLflow server: the pipeline's account writes, every other account reads.

MLflow's basic-auth app lets any signed-in user create experiments and registered models (and manage what they
created). Here a reviewer's account could then create the experiment of a project not yet run, which the pipeline
would adopt by name. This is the server's `authorization_function` (flows/server/stack.py writes it into the
basic-auth configuration): MLflow's own basic-auth check, then, for every account but an admin, reads only.
"""

from __future__ import annotations

READ_METHODS = {"GET", "HEAD", "OPTIONS"}
READ_POSTS = ("/search", "/graphql", "/get-history-bulk", "/users/update-password")
"""Requests sent as POST (or PATCH) that change nothing shared: searches, the UI's GraphQL reads, and a user
changing their own password."""


def reads_only(method: str, path: str) -> bool:
    """Whether a request only reads (what a reviewer's account may send)."""
    return method in READ_METHODS or path.rstrip("/").endswith(READ_POSTS)


def authenticate():  # the signature MLflow calls: no arguments, the Flask request in context
    from flask import make_response, request
    from mlflow.server.auth import authenticate_request_basic_auth, store

    found = authenticate_request_basic_auth()
    if not hasattr(found, "username") or reads_only(request.method, request.path):
        return found  # a 401 to send back, or a read
    if store.get_user(found.username).is_admin:
        return found
    refused = make_response(
        f"account {found.username!r} is read-only on this server: only the pipeline's account creates experiments "
        "and models, logs runs and moves aliases"
    )
    refused.status_code = 403
    return refused
