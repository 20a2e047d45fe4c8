using Microsoft.AspNetCore.Diagnostics;

namespace Parley.Server.Api.Infrastructure;

/// <summary>
/// Every error leaves in Vapi's shape: unknown routes answer like NestJS ("Cannot GET /x"), bad HTTP requests are
/// 400/413, and anything unexpected is logged and answered without internals. (A request its client abandoned never
/// gets here: the exception handler middleware answers 499 and logs it at debug level itself.)
/// </summary>
public static class ErrorHandling
{
    public static void UseParleyErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(errorApp => errorApp.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            IResult result = error switch
            {
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                    VapiErrors.PayloadTooLarge(app.Services.GetRequiredService<Hosting.ParleyOptions>().MaxRequestBodyBytes),
                BadHttpRequestException bad => VapiErrors.BadRequest(bad.Message),
                _ => VapiErrors.Internal("Internal server error"),
            };
            if (error is not BadHttpRequestException)
                app.Logger.LogError(error, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            await result.ExecuteAsync(context);
        }));

        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            if (context.Response.HasStarted || context.Response.ContentLength > 0 || context.Response.ContentType is not null) return;
            var code = context.Response.StatusCode;
            if (code is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed)
            {
                await VapiErrors.NotFound($"Cannot {context.Request.Method} {context.Request.Path}").ExecuteAsync(context);
            }
        });
    }
}
