from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any, Optional

import boto3
import pytest
from botocore.config import Config

from gl_placement_mock.activation import registry as activation
from gl_placement_mock.server import PlacementServer

REGION = "us-west-2"


@pytest.fixture
def server() -> Iterator[PlacementServer]:
    """A served mock for this test. No in-process mock may be active: it would answer the
    test's own GameLift clients before they reach the server."""
    assert not activation.is_active()
    with PlacementServer(port=0) as served:
        yield served


def client_for(server: PlacementServer, region: str = REGION, **config: Any) -> Any:
    return boto3.client(
        "gamelift",
        region_name=region,
        endpoint_url=server.endpoint_url,
        aws_access_key_id="any-key",
        aws_secret_access_key="any-secret",
        config=Config(**config) if config else None,
    )


@pytest.fixture
def client(server: PlacementServer) -> Any:
    return client_for(server)


def http(
    server: PlacementServer,
    method: str,
    path: str,
    body: Optional[bytes] = None,
    headers: Optional[dict[str, str]] = None,
) -> tuple[int, dict[str, str], bytes]:
    """A raw request: status, headers (lower-cased names) and body."""
    request = urllib.request.Request(
        server.endpoint_url + path, data=body, method=method, headers=headers or {}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, _lower(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, _lower(error.headers), error.read()


def _lower(headers: Any) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}


def gamelift_headers(operation: str, region: Optional[str] = REGION) -> dict[str, str]:
    """Headers of a GameLift request whose signature (never checked) names ``region``."""
    headers = {
        "X-Amz-Target": f"GameLift.{operation}",
        "Content-Type": "application/x-amz-json-1.1",
    }
    if region is not None:
        headers["Authorization"] = (
            f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/{region}/gamelift/aws4_request, "
            "SignedHeaders=host;x-amz-date, Signature=0"
        )
    return headers


def call(
    server: PlacementServer, operation: str, body: bytes, region: Optional[str] = REGION
) -> tuple[int, dict[str, Any]]:
    """A raw GameLift request (its signature names ``region`` and is never checked); the
    status and the parsed JSON answer."""
    status, _headers, payload = http(server, "POST", "/", body, gamelift_headers(operation, region))
    return status, json.loads(payload)


def control(
    server: PlacementServer, method: str, route: str, document: Optional[dict[str, Any]] = None
) -> tuple[int, dict[str, Any]]:
    body = None if document is None else json.dumps(document).encode()
    headers = {} if method == "GET" else {"Content-Type": "application/json"}
    status, _headers, payload = http(server, method, f"/_gl_placement_mock/{route}", body, headers)
    return status, json.loads(payload)
