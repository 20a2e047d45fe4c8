using System.Text.Json.Nodes;
using Parley.Core.Calls.Plans;
using Parley.Core.Calls.Session;
using Parley.Core.Conversations;
using Parley.Core.Llm;
using Parley.Core.Tools;

namespace Parley.Core.Calls.Simulation;

/// <summary>
/// A <see cref="CallSession"/> wired to the script's fakes on a <see cref="ManualClock"/>, driven by a
/// <see cref="VirtualLoop"/>: <see cref="RunUntil"/> plays the call forward in virtual time, deterministically.
/// </summary>
public sealed class SimulatedCall
{
    private Task<string>? _run;

    /// <param name="turnEndPolicy">How the caller's turn ends; null leaves the session's <see cref="FixedTurnEndPolicy"/>.</param>
    /// <param name="toolRules">
    /// Tool calls go through the real <see cref="ToolRound"/> with Vapi's rules (the tools' messages, rejection plans),
    /// each tool run by a <see cref="FakeToolExecutor"/>; false runs them all through <see cref="FakeToolRound"/>.
    /// </param>
    /// <param name="customEndpointing">The server of a custom-endpointing-model smartEndpointingPlan, when the test plays one.</param>
    public SimulatedCall(CallScript script, JsonObject assistant, CallPlan? plan = null, JsonObject? variableValues = null,
        ITurnEndPolicy? turnEndPolicy = null, bool toolRules = false, Turns.ICustomEndpointingModel? customEndpointing = null)
    {
        Clock = new ManualClock();
        Loop = new VirtualLoop(Clock);
        var origin = Clock.GetUtcNow();
        Model = new FakeChatModel(script, Clock);
        Tts = new FakeTts(script, Clock);
        Tools = new FakeToolRound(Clock);
        Messages = new RecordingMessageSink(Clock, origin);
        Actions = new RecordingCallActions(Clock, origin);
        var context = new ConversationContext
        {
            OrgId = "org_simulated",
            Assistant = assistant,
            Clock = Clock,
            ScopeBuilder = (c, extra) =>
            {
                var scope = (JsonObject)c.VariableValues.DeepClone();
                foreach (var (key, value) in extra ?? []) scope[key] = value?.DeepClone();
                return scope;
            },
            VariableValues = variableValues ?? new JsonObject(),
        };
        foreach (var message in (assistant["model"]?["messages"] as JsonArray)?.OfType<JsonObject>() ?? [])
            if (OpenAiMessages.FromJson(message) is { } chat) context.History.Add(chat);
        var tools = new ToolCatalog((assistant["model"]?["tools"] as JsonArray)?.OfType<JsonObject>() ?? []);
        var templates = new Templates.LiquidTemplateRenderer(new Liquid.LiquidEngine(new Liquid.LiquidOptions { Clock = Clock }));
        IToolRound round = toolRules ? new ToolRound(tools, [new FakeToolExecutor(Tools, Clock)], new VapiToolRules(templates) { FillsSilence = true }) : Tools;
        Session = new CallSession(new CallSessionServices
        {
            Clock = Clock,
            Context = context,
            Runner = new ConversationRunner(Model, tools, round),
            SpeechActivity = new FakeSpeechActivity(script, Clock, origin),
            Stt = new FakeStt(script, Clock, origin),
            Tts = Tts,
            Messages = Messages,
            AudioOutput = Audio,
            Plan = plan,
            TurnEndPolicy = turnEndPolicy,
            HookTools = Actions,
            Transfer = Actions,
            Templates = templates,
            CustomEndpointing = customEndpointing,
            ReportFault = (what, _) => Faults.Add(what),
        });
    }

    /// <summary>
    /// A call whose caller's turn ends as a server call's does: the assistant's whole startSpeakingPlan (custom rules,
    /// smart endpointing, transcription endpointing with Vapi's defaults, then waitSeconds). The plain constructor keeps
    /// <see cref="FixedTurnEndPolicy"/>, which waits waitSeconds alone unless a transcriptionEndpointingPlan is given.
    /// </summary>
    public static SimulatedCall WithAssistantEndpointing(CallScript script, JsonObject assistant, CallPlan? plan = null,
        JsonObject? variableValues = null) =>
        new(script, assistant, plan, variableValues, new EndpointingTurnEndPolicy(SpeechPlanReader.Endpointing(assistant)));

    public ManualClock Clock { get; }
    public VirtualLoop Loop { get; }
    public CallSession Session { get; }
    public FakeChatModel Model { get; }
    public FakeTts Tts { get; }
    /// <summary>How long tools take and what they answer (through <see cref="FakeToolRound"/>, or the <see cref="FakeToolExecutor"/> behind the real round).</summary>
    public FakeToolRound Tools { get; }
    public RecordingMessageSink Messages { get; }
    public RecordingAudioOutput Audio { get; } = new();
    public RecordingCallActions Actions { get; }

    /// <summary>Faults the call survived and reported (what the server would log).</summary>
    public List<string> Faults { get; } = [];

    /// <summary>The end-of-call report (the call must have ended).</summary>
    public System.Text.Json.Nodes.JsonObject Report => Messages.OfType("end-of-call-report").Single().Message;

    /// <summary>The report's artifact messages, as Vapi lists them.</summary>
    public System.Text.Json.Nodes.JsonArray ArtifactMessages => Report["artifact"]!["messages"]!.AsArray();

    /// <summary>The endedReason once the call has ended.</summary>
    public string? EndedReason => _run is { IsCompleted: true } run ? run.Result : null;

    /// <summary>Starts the call if needed and plays it to <paramref name="seconds"/> on the call's timeline.</summary>
    public SimulatedCall RunUntil(double seconds)
    {
        var until = CallScript.Seconds(seconds);
        if (_run is null) Loop.Run(() => _run = Session.RunAsync(CancellationToken.None), until);
        else Loop.RunUntil(until);
        if (_run is { IsFaulted: true }) _run.GetAwaiter().GetResult();
        return this;
    }

    /// <summary>Holds the call's loop up for <paramref name="seconds"/>: timers fire, the work they cause waits.</summary>
    public SimulatedCall Stall(double seconds)
    {
        Loop.Stall(TimeSpan.FromSeconds(seconds));
        return this;
    }

    /// <summary>Delivers a control message at the current virtual time.</summary>
    public SimulatedCall Send(JsonObject control)
    {
        Loop.Run(() => Session.Receive(control), Clock.Elapsed);
        return this;
    }

    /// <summary>The history the assistant is left with, as role: content lines.</summary>
    public IReadOnlyList<string> HistoryLines() =>
        Session.History.Select(m => OpenAiMessages.RoleName(m.Role) + ": " + (m.Content ?? "")).ToList();

    public IReadOnlyList<ChatRequest> ModelRequests => Model.Requests;
}
