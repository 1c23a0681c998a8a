// The AWS SDK for JavaScript v3 runs one matchmaking round trip against a served
// gl_placement_mock: a rule set, a STANDALONE configuration, two players' tickets (with
// attributes of each kind and latencies), and DescribeMatchmaking.
// Usage: node matchmaking.cjs ENDPOINT_URL; prints one JSON document of what it saw.
"use strict";

const {
  GameLiftClient,
  CreateMatchmakingRuleSetCommand,
  CreateMatchmakingConfigurationCommand,
  StartMatchmakingCommand,
  DescribeMatchmakingCommand,
} = require("@aws-sdk/client-gamelift");

const endpoint = process.argv[2];
const client = new GameLiftClient({
  region: "us-west-2",
  endpoint,
  credentials: { accessKeyId: "any-key", secretAccessKey: "any-secret" },
});

const RULES = JSON.stringify({
  ruleLanguageVersion: "1.0",
  playerAttributes: [
    { name: "skill", type: "number", default: 10 },
    { name: "modes", type: "string_list", default: ["classic"] },
  ],
  teams: [
    { name: "red", minPlayers: 1, maxPlayers: 1 },
    { name: "blue", minPlayers: 1, maxPlayers: 1 },
  ],
  rules: [{ name: "FastConnection", type: "latency", maxLatency: 150 }],
});

async function main() {
  const seen = {};
  const ruleSet = await client.send(
    new CreateMatchmakingRuleSetCommand({ Name: "duel", RuleSetBody: RULES }),
  );
  seen.ruleSetArn = ruleSet.RuleSet.RuleSetArn;
  const configuration = await client.send(
    new CreateMatchmakingConfigurationCommand({
      Name: "duel",
      RuleSetName: "duel",
      RequestTimeoutSeconds: 60,
      AcceptanceRequired: false,
      FlexMatchMode: "STANDALONE",
    }),
  );
  seen.configurationArn = configuration.Configuration.ConfigurationArn;
  seen.started = [];
  for (const [ticketId, playerId, skill] of [
    ["t-1", "alice", 12],
    ["t-2", "bob", 14.5],
  ]) {
    const started = await client.send(
      new StartMatchmakingCommand({
        TicketId: ticketId,
        ConfigurationName: "duel",
        Players: [
          {
            PlayerId: playerId,
            PlayerAttributes: { skill: { N: skill }, modes: { SL: ["classic", "ranked"] } },
            LatencyInMs: { "us-west-2": 40 },
          },
        ],
      }),
    );
    const ticket = started.MatchmakingTicket;
    seen.started.push({
      ticketId: ticket.TicketId,
      status: ticket.Status,
      startTimeIsDate: ticket.StartTime instanceof Date,
      attributes: ticket.Players[0].PlayerAttributes,
      latency: ticket.Players[0].LatencyInMs,
    });
  }
  const described = await client.send(
    new DescribeMatchmakingCommand({ TicketIds: ["t-1", "t-2", "nope"] }),
  );
  seen.described = described.TicketList.map((ticket) => ({
    ticketId: ticket.TicketId,
    status: ticket.Status,
    endTimeIsDate: ticket.EndTime instanceof Date,
    teams: ticket.Players.map((player) => player.Team),
  }));
  process.stdout.write(JSON.stringify(seen) + "\n");
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
