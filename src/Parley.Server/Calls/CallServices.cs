namespace Parley.Server.Calls;

/// <summary>Registers the live-call runtime: speech providers, preparation, the runner and the registry of running calls.</summary>
public static class CallServices
{
    public static IServiceCollection AddParleyCalls(this IServiceCollection services)
    {
        services.AddHttpClient(SpeechProviderCatalog.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<CloudSpeechProviders>();
        services.AddSingleton<ISpeechProviderCatalog, SpeechProviderCatalog>();
        services.AddSingleton<IProviderKeyChecker, ProviderKeyChecker>();
        services.AddSingleton<LiveCalls>();
        services.AddSingleton<CallRecordWriter>();
        services.AddSingleton<CallRunner>();
        services.AddSingleton<FirstMessageAudio>();
        services.AddScoped<CallPreparation>();
        return services;
    }
}
