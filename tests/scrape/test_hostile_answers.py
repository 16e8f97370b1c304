"""An ATS host that answers with a redirect elsewhere (another local service, the link-local metadata
address) or a web page where JSON belongs: the board fails with a clear reason, and no request ever
leaves the ATS host."""

from __future__ import annotations

import pytest

from flows.scrape import scrape
from tests.fakes.ats_server import AtsServer, Reply, redirect
from tests.scrape.conftest import load_real, point_at

pytestmark = pytest.mark.usefixtures("prefect_server")


def test_redirects_off_the_ats_host_are_not_followed(settings):
    with AtsServer() as ats, AtsServer() as elsewhere:
        load_real(elsewhere, {"greenhouse:stripe": "greenhouse_jobs_stripe.json"})
        for token, target in {
            "loopback": f"{elsewhere.url}/v1/boards/stripe/jobs",
            "metadata": "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
            "ipv6": "http://[::1]:9/v1/boards/stripe/jobs",
        }.items():
            ats.script(f"/v1/boards/{token}/jobs", *[redirect(target, 302)] * 6)
        ats.script(
            "/v1/boards/webpage/jobs",
            Reply(200, b"<html><body>Jobs</body></html>", (("Content-Type", "text/html"),)),
        )
        boards = ["greenhouse:loopback", "greenhouse:metadata", "greenhouse:ipv6", "greenhouse:webpage"]
        report = scrape(boards=boards, settings=point_at(settings, ats.url))
    outcomes = {b.board: (b.status, b.reason) for b in report.boards}
    assert all(status == "failed" and reason for status, reason in outcomes.values()), outcomes
    assert outcomes["greenhouse:webpage"][1] == "html_body"
    assert sum(elsewhere.requests.values()) == 0  # nothing followed the redirect
    assert report.counts.get("jobs_inserted", 0) == 0
