# DEV ONLY - not committed: pays the session fixtures first, so that --durations shows my tests' own cost
def test_warm(workspace, prefect_api):
    pass
