using Parley.Core.Calls.Denoise;

namespace Parley.Core.Tests.Calls.Denoise;

public sealed class BackgroundDenoiserTests
{
    [Fact]
    public void Nothing_enabled_means_no_denoiser()
    {
        var (denoiser, warnings) = BackgroundDenoiser.Create(16000, smartEnabled: false, fourier: null);

        Assert.Null(denoiser);
        Assert.Empty(warnings);
    }

    [Fact]
    public void An_invalid_fourier_plan_is_left_out_with_the_reasons()
    {
        var (denoiser, warnings) = BackgroundDenoiser.Create(16000, smartEnabled: false, new FourierDenoiserOptions { WindowSizeMs = 10 });

        Assert.Null(denoiser);
        Assert.Contains(warnings, w => w.StartsWith("windowSizeMs"));
    }

    [SpeexFact]
    public void Both_plans_run_smart_first_and_report_their_summed_latency()
    {
        var (denoiser, warnings) = BackgroundDenoiser.Create(16000, smartEnabled: true, new FourierDenoiserOptions());

        Assert.NotNull(denoiser);
        Assert.Empty(warnings);
        Assert.Equal(TimeSpan.FromMilliseconds(26), denoiser.Latency);
        Assert.Equal(DenoiseResult.Ok, denoiser.Process(new short[320]));
        Assert.Equal(DenoiseResult.UnsupportedFrameSize, denoiser.Process(new short[100]));
        denoiser.Dispose();
    }
}
