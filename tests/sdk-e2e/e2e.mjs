// Drives a running Parley server with Vapi's official TypeScript server SDK (@vapi-ai/server-sdk 2.0.1).
// Usage: PARLEY_URL=http://127.0.0.1:8787 PARLEY_KEY=<private key> node e2e.mjs
// Exits non-zero on the first failed expectation and prints what happened at each step.
import assert from "node:assert/strict";
import { VapiClient, VapiError } from "@vapi-ai/server-sdk";

const baseUrl = process.env.PARLEY_URL;
const token = process.env.PARLEY_KEY;
if (!baseUrl || !token) {
  console.error("PARLEY_URL and PARLEY_KEY must be set");
  process.exit(2);
}

const vapi = new VapiClient({ token, environment: baseUrl, maxRetries: 0 });
const steps = [];
async function step(name, fn) {
  try {
    const result = await fn();
    steps.push(name);
    console.log(`ok   ${name}`);
    return result;
  } catch (error) {
    console.log(`FAIL ${name}: ${error?.stack ?? error}`);
    if (error instanceof VapiError) console.log(`     status ${error.statusCode} body ${JSON.stringify(error.body)}`);
    process.exit(1);
  }
}

function assertResource(obj) {
  assert.match(obj.id, /^[0-9a-f-]{36}$/);
  assert.equal(typeof obj.orgId, "string");
  assert.ok(!Number.isNaN(Date.parse(obj.createdAt)), "createdAt is a date");
  assert.ok(!Number.isNaN(Date.parse(obj.updatedAt)), "updatedAt is a date");
}

// Tools: a function tool and an apiRequest tool that sends the caller's own token.
const functionTool = await step("tools.create function", async () => {
  const tool = await vapi.tools.create({
    type: "function",
    async: false,
    function: {
      name: "lookup_order",
      description: "Looks up an order",
      parameters: { type: "object", properties: { orderId: { type: "string" } }, required: ["orderId"] },
    },
    server: { url: "https://tools.example.com/orders", timeoutSeconds: 20 },
    messages: [{ type: "request-start", content: "Checking that order", conditions: [{ param: "orderId", operator: "eq", value: "42" }] }],
  });
  assertResource(tool);
  assert.equal(tool.type, "function");
  assert.equal(tool.function.name, "lookup_order");
  return tool;
});

const apiTool = await step("tools.create apiRequest with Bearer {{userToken}}", async () => {
  const tool = await vapi.tools.create({
    type: "apiRequest",
    name: "get_profile",
    method: "GET",
    url: "https://api.example.com/profile",
    headers: { type: "object", properties: { Authorization: { type: "string", value: "Bearer {{userToken}}" } } },
  });
  assertResource(tool);
  assert.equal(tool.headers.properties.Authorization.value, "Bearer {{userToken}}");
  return tool;
});

await step("tools.get", async () => {
  const tool = await vapi.tools.get({ id: apiTool.id });
  assert.equal(tool.id, apiTool.id);
  assert.equal(tool.url, "https://api.example.com/profile");
});

await step("tools.update", async () => {
  const tool = await vapi.tools.update({ id: apiTool.id, body: { type: "apiRequest", timeoutSeconds: 30 } });
  assert.equal(tool.timeoutSeconds, 30);
  assert.equal(tool.headers.properties.Authorization.value, "Bearer {{userToken}}");
});

await step("tools.list", async () => {
  const tools = await vapi.tools.list({ limit: 10 });
  assert.ok(Array.isArray(tools));
  assert.ok(tools.some((t) => t.id === functionTool.id) && tools.some((t) => t.id === apiTool.id));
});

// Assistants.
const assistant = await step("assistants.create", async () => {
  const created = await vapi.assistants.create({
    name: "Support",
    firstMessage: "Hi {{customer.name}}, how can I help?",
    model: {
      provider: "openai",
      model: "gpt-4o",
      temperature: 0.3,
      messages: [{ role: "system", content: "You are helpful." }],
      toolIds: [functionTool.id, apiTool.id],
    },
    voice: { provider: "11labs", voiceId: "burt" },
    transcriber: { provider: "deepgram", model: "nova-2", language: "en" },
    serverMessages: ["end-of-call-report", "tool-calls"],
    startSpeakingPlan: { waitSeconds: 0.4 },
  });
  assertResource(created);
  assert.deepEqual(created.model.toolIds, [functionTool.id, apiTool.id]);
  return created;
});

await step("assistants.get / update / list", async () => {
  const got = await vapi.assistants.get({ id: assistant.id });
  assert.equal(got.name, "Support");
  const updated = await vapi.assistants.update({ id: assistant.id, name: "Support v2" });
  assert.equal(updated.name, "Support v2");
  assert.equal(updated.model.model, "gpt-4o");
  const list = await vapi.assistants.list();
  assert.ok(list.some((a) => a.id === assistant.id));
});

// Squads.
const squad = await step("squads.create / get / update / list", async () => {
  const created = await vapi.squads.create({ name: "Front desk", members: [{ assistantId: assistant.id }] });
  assertResource(created);
  const got = await vapi.squads.get({ id: created.id });
  assert.equal(got.members[0].assistantId, assistant.id);
  const updated = await vapi.squads.update({ id: created.id, members: [{ assistantId: assistant.id }], name: "Desk" });
  assert.equal(updated.name, "Desk");
  assert.ok((await vapi.squads.list()).some((s) => s.id === created.id));
  return created;
});

// Credentials are not in the SDK's typed surface; its passthrough fetch uses the same auth.
const credential = await step("credential via SDK passthrough (create/get/update/list)", async () => {
  const created = await (await vapi.fetch("/credential", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ provider: "openai", apiKey: "sk-test-1234567890abcdef", name: "openai key" }),
  })).json();
  assertResource(created);
  assert.notEqual(created.apiKey, "sk-test-1234567890abcdef", "the key must not be returned in plaintext");
  const got = await (await vapi.fetch(`/credential/${created.id}`)).json();
  assert.equal(got.provider, "openai");
  const updated = await (await vapi.fetch(`/credential/${created.id}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: "renamed" }),
  })).json();
  assert.equal(updated.name, "renamed");
  const list = await (await vapi.fetch("/credential")).json();
  assert.ok(list.some((c) => c.id === created.id));
  return created;
});

// Phone numbers.
const phone = await step("phoneNumbers.create / get / update / list", async () => {
  const created = await vapi.phoneNumbers.create({
    provider: "twilio",
    number: "+15551234567",
    twilioAccountSid: "AC00000000000000000000000000000000",
    twilioAuthToken: "twilio-auth-token-secret",
    assistantId: assistant.id,
  });
  assertResource(created);
  assert.notEqual(created.twilioAuthToken, "twilio-auth-token-secret");
  const got = await vapi.phoneNumbers.get({ id: created.id });
  assert.equal(got.number, "+15551234567");
  const updated = await vapi.phoneNumbers.update({ id: created.id, body: { provider: "twilio", name: "Main line" } });
  assert.equal(updated.name, "Main line");
  assert.ok((await vapi.phoneNumbers.list()).some((p) => p.id === created.id));
  return created;
});

// Calls.
const call = await step("calls.create websocket call with variableValues", async () => {
  const created = await vapi.calls.create({
    assistantId: assistant.id,
    assistantOverrides: { variableValues: { userToken: "token-for-alice" } },
    transport: { provider: "vapi.websocket", audioFormat: { format: "pcm_s16le", container: "raw", sampleRate: 16000 } },
  });
  assertResource(created);
  assert.equal(created.status, "queued");
  assert.equal(created.type, "vapi.websocketCall");
  assert.match(created.transport.websocketCallUrl, /^wss?:\/\/.+\/transport$/);
  assert.equal(created.assistantOverrides.variableValues.userToken, "token-for-alice");
  return created;
});

await step("calls.create outbound phone call", async () => {
  const created = await vapi.calls.create({ assistantId: assistant.id, phoneNumberId: phone.id, customer: { number: "+15557654321" } });
  assert.equal(created.type, "outboundPhoneCall");
  assert.equal(created.status, "queued");
});

await step("calls.get / update / list", async () => {
  const got = await vapi.calls.get({ id: call.id });
  assert.equal(got.id, call.id);
  const updated = await vapi.calls.update({ id: call.id, name: "first call" });
  assert.equal(updated.name, "first call");
  const list = await vapi.calls.list({ assistantId: assistant.id });
  assert.ok(list.length >= 2 && list.every((c) => c.assistantId === assistant.id));
});

await step("a request the server rejects surfaces as VapiError 400", async () => {
  await assert.rejects(
    () => vapi.assistants.create({ name: "x", model: { provider: "openai", model: "gpt-4o", toolIds: ["00000000-0000-0000-0000-000000000000"] } }),
    (error) => error instanceof VapiError && error.statusCode === 400 && Array.isArray(error.body.message),
  );
});

// Deletes answer the deleted object.
await step("deletes", async () => {
  assert.equal((await vapi.calls.delete({ id: call.id })).id, call.id);
  assert.equal((await vapi.phoneNumbers.delete({ id: phone.id })).id, phone.id);
  assert.equal((await vapi.squads.delete({ id: squad.id })).id, squad.id);
  assert.equal((await vapi.assistants.delete({ id: assistant.id })).id, assistant.id);
  assert.equal((await vapi.tools.delete({ id: functionTool.id })).id, functionTool.id);
  assert.equal((await vapi.tools.delete({ id: apiTool.id })).id, apiTool.id);
  const deletedCredential = await (await vapi.fetch(`/credential/${credential.id}`, { method: "DELETE" })).json();
  assert.equal(deletedCredential.id, credential.id);
  await assert.rejects(() => vapi.assistants.get({ id: assistant.id }), (e) => e instanceof VapiError && e.statusCode === 404);
});

await step("a wrong key is refused with 401", async () => {
  const stranger = new VapiClient({ token: "not-a-key", environment: baseUrl, maxRetries: 0 });
  await assert.rejects(() => stranger.assistants.list(), (e) => e instanceof VapiError && e.statusCode === 401);
});

console.log(`SDK e2e: ${steps.length} steps passed`);
