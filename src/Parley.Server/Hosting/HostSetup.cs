using Microsoft.AspNetCore.Server.Kestrel.Core;
using Parley.Server.Api.Infrastructure;
using Parley.Server.Security;
using Parley.Server.Store;
using Parley.Server.Conversations;
using Parley.Server.Calls;

namespace Parley.Server.Hosting;

/// <summary>Wires the host: where it listens, its limits and its services.</summary>
public static class HostSetup
{
    /// <summary>Loopback only unless told otherwise, so a fresh start exposes nothing to the network.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8787";

    public static void ConfigureParleyHost(this WebApplicationBuilder builder, ParleyOptions options)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["http_ports"]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });
        builder.Logging.Configure(o => o.ActivityTrackingOptions = Microsoft.Extensions.Logging.ActivityTrackingOptions.None);
    }

    public static IServiceCollection AddParleyServices(this IServiceCollection services, ParleyOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(SecretProtector.FromOptions(options));
        services.AddSingleton<DocumentSecrets>();
        services.AddSingleton<IRequestValidator, VapiRequestValidator>();
        services.AddScoped<ApiServices>();
        services.AddParleyStore(options);
        services.AddParleyRateLimiting(options);
        services.AddParleyConversations();
        services.AddParleyCalls();
        services.Configure<KestrelServerOptions>(_ => { });
        return services;
    }
}
