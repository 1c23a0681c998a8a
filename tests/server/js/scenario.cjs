// The AWS SDK for JavaScript v3 against a served gl_placement_mock.
// Usage: node scenario.cjs ENDPOINT_URL; prints one JSON document of what it saw.
"use strict";

const {
  GameLiftClient,
  CreateGameSessionQueueCommand,
  StartGameSessionPlacementCommand,
  DescribeGameSessionPlacementCommand,
  StopGameSessionPlacementCommand,
  DescribeGameSessionQueuesCommand,
  NotFoundException,
  InvalidRequestException,
} = require("@aws-sdk/client-gamelift");

const endpoint = process.argv[2];
const client = new GameLiftClient({
  region: "us-west-2",
  endpoint,
  credentials: { accessKeyId: "any-key", secretAccessKey: "any-secret" },
});

async function control(route, body) {
  const response = await fetch(`${endpoint}/_gl_placement_mock/${route}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return response.json();
}

async function failure(command) {
  try {
    await client.send(command);
  } catch (error) {
    return {
      name: error.name,
      message: error.message,
      status: error.$metadata.httpStatusCode,
      notFound: error instanceof NotFoundException,
      invalidRequest: error instanceof InvalidRequestException,
    };
  }
  return null;
}

async function main() {
  const seen = {};
  const queue = await client.send(new CreateGameSessionQueueCommand({ Name: "q" }));
  seen.queueArn = queue.GameSessionQueue.GameSessionQueueArn;
  const started = await client.send(
    new StartGameSessionPlacementCommand({
      PlacementId: "p-1",
      GameSessionQueueName: "q",
      MaximumPlayerSessionCount: 4,
    }),
  );
  seen.started = started.GameSessionPlacement.Status;
  seen.startTimeIsDate = started.GameSessionPlacement.StartTime instanceof Date;
  seen.startTime = started.GameSessionPlacement.StartTime.getTime();
  const described = await client.send(
    new DescribeGameSessionPlacementCommand({ PlacementId: "p-1" }),
  );
  seen.described = described.GameSessionPlacement.Status;
  const stopped = await client.send(new StopGameSessionPlacementCommand({ PlacementId: "p-1" }));
  seen.stopped = stopped.GameSessionPlacement.Status;
  seen.notFound = await failure(new DescribeGameSessionPlacementCommand({ PlacementId: "nope" }));
  seen.invalidRequest = await failure(new CreateGameSessionQueueCommand({ Name: "q" }));
  await control("faults", { operation: "DescribeGameSessionQueues", count: 2 });
  const listed = await client.send(new DescribeGameSessionQueuesCommand({}));
  seen.queues = listed.GameSessionQueues.map((q) => q.Name);
  seen.attempts = listed.$metadata.attempts;
  process.stdout.write(JSON.stringify(seen) + "\n");
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
