using System.Text.Json.Nodes;

namespace Parley.Core.Tests.Wire;

/// <summary>Realistic request bodies, shaped like the examples in Vapi's docs and the seed documents.</summary>
internal static class SampleBodies
{
    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>Seed 000's answer: the per-caller token travels in variableValues and is sent through a header.</summary>
    public const string ApiRequestToolWithTokenHeader = """
    {
      "type": "apiRequest",
      "name": "get_orders",
      "description": "Looks up the caller's orders",
      "method": "GET",
      "url": "https://api.example.com/orders?customer={{customerId}}",
      "timeoutSeconds": 20,
      "headers": {
        "type": "object",
        "properties": {
          "Authorization": { "type": "string", "value": "Bearer {{userToken}}" }
        }
      },
      "body": {
        "type": "object",
        "properties": {
          "caller_number": { "type": "string", "default": "{{ customer.number }}" },
          "limit": { "type": "integer", "description": "how many orders", "minimum": 1 }
        },
        "required": ["limit"]
      },
      "backoffPlan": { "type": "exponential", "maxRetries": 3, "baseDelaySeconds": 1 },
      "variableExtractionPlan": { "aliases": [ { "key": "orderCount", "value": "{{ $ | size }}" } ] },
      "messages": [ { "type": "request-start", "content": "One moment while I check." } ]
    }
    """;

    /// <summary>A function tool like seed 001's example.</summary>
    public const string FunctionTool = """
    {
      "type": "function",
      "async": false,
      "function": {
        "name": "bookAppointment",
        "description": "Books an appointment for the caller",
        "strict": false,
        "parameters": {
          "type": "object",
          "properties": {
            "date": { "type": "string", "format": "date", "description": "day of the appointment" },
            "partySize": { "type": "number" },
            "notes": { "type": "array", "items": { "type": "string" } }
          },
          "required": ["date"]
        }
      },
      "server": { "url": "https://hooks.example.com/vapi", "timeoutSeconds": 20, "secret": "s3cret", "headers": { "X-Team": "ops" } },
      "messages": [
        { "type": "request-start", "content": "Booking that now." },
        { "type": "request-failed", "content": "I couldn't book that." }
      ]
    }
    """;

    public const string FullAssistant = """
    {
      "name": "Front desk",
      "firstMessage": "Hello {{name}}, how can I help?",
      "firstMessageMode": "assistant-speaks-first",
      "maxDurationSeconds": 900,
      "backgroundSound": "office",
      "voicemailDetection": "off",
      "endCallPhrases": ["goodbye", "talk soon"],
      "clientMessages": ["transcript", "tool-calls", "status-update"],
      "serverMessages": ["end-of-call-report", "tool-calls", "status-update"],
      "metadata": { "team": "support", "nested": { "any": [1, 2, 3] } },
      "model": {
        "provider": "openai",
        "model": "gpt-4o",
        "temperature": 0.7,
        "maxTokens": 250,
        "messages": [ { "role": "system", "content": "You are a helpful receptionist." } ],
        "toolIds": ["7a1c1f5e-1111-4a4a-9f9f-123456789abc"],
        "tools": [ { "type": "endCall" }, { "type": "dtmf" } ]
      },
      "voice": { "provider": "11labs", "voiceId": "burt", "stability": 0.5, "similarityBoost": 0.75 },
      "transcriber": { "provider": "deepgram", "model": "nova-2", "language": "en", "smartFormat": true },
      "startSpeakingPlan": {
        "waitSeconds": 0.4,
        "smartEndpointingEnabled": false,
        "transcriptionEndpointingPlan": { "onPunctuationSeconds": 0.1, "onNoPunctuationSeconds": 1.5, "onNumberSeconds": 0.5 }
      },
      "stopSpeakingPlan": { "numWords": 2, "voiceSeconds": 0.2, "backoffSeconds": 1 },
      "hooks": [
        {
          "on": "customer.speech.timeout",
          "options": { "timeoutSeconds": 10, "triggerMaxCount": 3 },
          "do": [ { "type": "say", "exact": "Are you still there?" } ]
        },
        { "on": "call.ending", "do": [ { "type": "tool", "tool": { "type": "function", "function": { "name": "log_end" } } } ] }
      ],
      "analysisPlan": {
        "summaryPlan": { "enabled": true },
        "successEvaluationPlan": { "rubric": "PassFail" }
      },
      "artifactPlan": { "recordingEnabled": true, "recordingFormat": "mp3", "transcriptPlan": { "enabled": true } },
      "server": { "url": "https://hooks.example.com/vapi", "timeoutSeconds": 20 }
    }
    """;

    public const string Squad = """
    {
      "name": "Clinic",
      "members": [
        {
          "assistantId": "a1b2c3d4-0000-4000-8000-000000000001",
          "assistantDestinations": [
            { "type": "assistant", "assistantName": "Billing", "message": "Transferring you to billing." }
          ]
        },
        {
          "assistant": {
            "name": "Billing",
            "model": { "provider": "openai", "model": "gpt-4o-mini", "messages": [ { "role": "system", "content": "You handle billing." } ] }
          },
          "assistantOverrides": { "variableValues": { "clinic": "Downtown" } }
        }
      ],
      "membersOverrides": { "firstMessageMode": "assistant-waits-for-user" }
    }
    """;

    public const string TwilioPhoneNumber = """
    {
      "provider": "twilio",
      "number": "+14155550123",
      "twilioAccountSid": "AC0123456789abcdef0123456789abcdef",
      "twilioAuthToken": "auth-token-value",
      "name": "Support line",
      "assistantId": "a1b2c3d4-0000-4000-8000-000000000001",
      "server": { "url": "https://hooks.example.com/inbound" }
    }
    """;

    public const string OpenAiCredential = """{ "provider": "openai", "apiKey": "sk-test-123", "name": "OpenAI prod" }""";

    public const string BearerCustomCredential = """
    {
      "provider": "custom-credential",
      "name": "Orders API",
      "authenticationPlan": { "type": "bearer", "token": "tok-123", "headerName": "Authorization", "bearerPrefixEnabled": true }
    }
    """;

    public const string OAuthCustomCredential = """
    {
      "provider": "custom-credential",
      "authenticationPlan": { "type": "oauth2", "url": "https://auth.example.com/token", "clientId": "client", "clientSecret": "very-secret", "scope": "orders:read" }
    }
    """;

    public const string WebSocketCall = """
    {
      "assistantId": "a1b2c3d4-0000-4000-8000-000000000001",
      "assistantOverrides": {
        "variableValues": { "userToken": "tok-abc", "name": "Ada", "profile": { "tier": "gold" } },
        "firstMessage": "Hi {{name}}!"
      },
      "transport": {
        "provider": "vapi.websocket",
        "audioFormat": { "format": "pcm_s16le", "container": "raw", "sampleRate": 16000 }
      },
      "customer": { "number": "+14155550199", "name": "Ada" }
    }
    """;
}
