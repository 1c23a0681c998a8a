"""ListBuilds, DescribeBuild, ListScripts, DescribeScript: the builds and Realtime scripts the
declared fleets run (every EC2 fleet runs one; the mock makes no other)."""

from __future__ import annotations

from typing import Any

from ..backend.fleets import BUILD, SCRIPT, Artifact
from .context import Call
from .responses import page, timestamp

# What a simulated build or script says about itself (see docs/behaviour-notes.md).
BUILD_STATUS = "READY"
OPERATING_SYSTEM = "AMAZON_LINUX_2023"
SERVER_SDK_VERSION = "5.1.1"
VERSION = "1.0"
SIZE_ON_DISK = 0  # "when using a custom Amazon S3 storage location, this value is 0"


def build_view(build: Artifact) -> dict[str, Any]:
    return {
        "BuildId": build.artifact_id,
        "BuildArn": build.arn,
        "Name": build.artifact_id,
        "Version": VERSION,
        "Status": BUILD_STATUS,
        "SizeOnDisk": SIZE_ON_DISK,
        "OperatingSystem": OPERATING_SYSTEM,
        "CreationTime": timestamp(build.created),
        "ServerSdkVersion": SERVER_SDK_VERSION,
    }


def script_view(script: Artifact) -> dict[str, Any]:
    return {
        "ScriptId": script.artifact_id,
        "ScriptArn": script.arn,
        "Name": script.artifact_id,
        "Version": VERSION,
        "SizeOnDisk": SIZE_ON_DISK,
        "CreationTime": timestamp(script.created),
    }


def list_builds(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    backend, account, region = call.backend, call.account, call.region
    builds = backend.fleets.artifacts(account, region, BUILD)
    status = params.get("Status")
    if status is not None and status != BUILD_STATUS:
        builds = []
    return page(params, "Builds", builds, view=build_view)


def describe_build(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    backend, account, region = call.backend, call.account, call.region
    return {"Build": build_view(backend.fleets.artifact(account, region, BUILD, params["BuildId"]))}


def list_scripts(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    backend, account, region = call.backend, call.account, call.region
    scripts = backend.fleets.artifacts(account, region, SCRIPT)
    return page(params, "Scripts", scripts, view=script_view)


def describe_script(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    backend, account, region = call.backend, call.account, call.region
    script = backend.fleets.artifact(account, region, SCRIPT, params["ScriptId"])
    return {"Script": script_view(script)}
