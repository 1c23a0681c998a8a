"""A botocore event handler that reads the HTTP response of an answered call sees the headers
AWS sends (request id, content type and length), the same the parsed response reports."""

from __future__ import annotations

from typing import Any

import boto3

from gl_placement_mock import PlacementMock

from .conftest import REGION


def test_an_after_call_handler_reads_the_response_headers(mock: PlacementMock) -> None:
    client = boto3.client("gamelift", region_name=REGION)
    seen: list[tuple[Any, dict[str, Any]]] = []

    def after_call(http_response: Any, parsed: dict[str, Any], **_: Any) -> None:
        seen.append((http_response.headers, parsed["ResponseMetadata"]))

    client.meta.events.register("after-call.gamelift.DescribeGameSessionQueues", after_call)

    client.describe_game_session_queues()

    ((headers, metadata),) = seen
    assert headers["x-amzn-RequestId"] == metadata["RequestId"]
    assert headers["X-AMZN-REQUESTID"] == metadata["RequestId"]  # case-insensitive, as botocore's
    assert headers["Content-Type"] == "application/x-amz-json-1.1"
    assert dict(headers.items()) == metadata["HTTPHeaders"]
